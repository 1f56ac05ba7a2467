import type { AlbumInvite } from '@discordgym/contracts';
import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { formatDateTime } from '../../../lib/format/date.format';
import { useAlbumsI18n } from '../hooks/use-albums-i18n.hook';
import { useInviteQrUrl, useInvites, useWallLink } from '../hooks/use-invites.hook';

/** Guest links with their QR codes (a table card), and the projector's wall link. */
export function InvitePanel({ albumId }: { albumId: string }) {
  const { ta, describeError } = useAlbumsI18n();
  const { invites, create, revoke } = useInvites(albumId);
  const [expires, setExpires] = useState('');
  const list = invites.data ?? [];
  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-col gap-3" aria-labelledby="invite-title">
        <h2 id="invite-title" className="text-lg font-semibold text-fg">
          {ta('invite.title')}
        </h2>
        <p className="text-sm text-fg-muted">{ta('invite.explain')}</p>
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-xs font-bold tracking-wide text-fg-muted uppercase">
            {ta('invite.expires')}
            <input
              type="datetime-local"
              value={expires}
              onChange={(e) => setExpires(e.target.value)}
              className="h-10 rounded-[4px] bg-surface-900 px-3 text-base font-normal tracking-normal text-fg normal-case"
            />
          </label>
          <Button pending={create.isPending} pendingLabel={ta('invite.creating')} onClick={() => create.mutate(expires ? new Date(expires).toISOString() : null)}>
            {ta('invite.create')}
          </Button>
        </div>
        {(create.error ?? revoke.error ?? invites.error) && <Alert tone="error">{describeError(create.error ?? revoke.error ?? invites.error)}</Alert>}
        {invites.isSuccess && list.length === 0 && <p className="text-sm text-fg-subtle">{ta('invite.none')}</p>}
        <ul className="flex flex-col gap-3">
          {list.map((invite) => (
            <InviteCard key={invite.id} invite={invite} albumId={albumId} onRevoke={() => revoke.mutate(invite.id)} revoking={revoke.isPending && revoke.variables === invite.id} />
          ))}
        </ul>
      </section>
      <WallLinkSection albumId={albumId} />
    </div>
  );
}

function CopyField({ value, testId }: { value: string; testId: string }) {
  const { ta } = useAlbumsI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex gap-2">
        <input readOnly value={value} data-testid={testId} aria-label={ta('invite.copy')} onFocus={(e) => e.target.select()} className="h-10 min-w-0 flex-1 rounded-[4px] bg-surface-900 px-3 text-sm text-fg" />
        <Button
          variant="secondary"
          onClick={() =>
            void navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {ta('invite.copy')}
        </Button>
      </div>
      {copied && <p role="status" className="text-xs text-success">{ta('invite.copied')}</p>}
    </div>
  );
}

function InviteCard({ invite, albumId, onRevoke, revoking }: { invite: AlbumInvite; albumId: string; onRevoke(): void; revoking: boolean }) {
  const { ta, locale } = useAlbumsI18n();
  const qr = useInviteQrUrl(albumId, invite.active ? invite.id : null, 'svg');
  const png = useInviteQrUrl(albumId, invite.active ? invite.id : null, 'png');
  return (
    <li data-testid="invite" data-active={invite.active} className="flex flex-col gap-3 rounded-lg bg-surface-800 p-3 sm:flex-row">
      {invite.active && (
        <div className="flex shrink-0 flex-col items-center gap-1">
          <div className="size-40 rounded bg-white p-2">{qr && <img src={qr} alt={ta('invite.qr')} className="size-full" data-testid="invite-qr" />}</div>
          {png && (
            <a href={png} download="invite-qr.png" className="text-xs text-link hover:underline">
              {ta('invite.downloadPng')}
            </a>
          )}
        </div>
      )}
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        {invite.active ? <CopyField value={invite.join_url} testId="invite-link" /> : <p className="text-sm text-fg-subtle line-through">{invite.join_url}</p>}
        <p className="text-xs text-fg-subtle">
          {invite.guests_joined === 1 ? ta('invite.joined.one') : ta('invite.joined.other', { count: invite.guests_joined })}
          {invite.expires_at && ` · ${ta('invite.expires')} ${formatDateTime(invite.expires_at, locale)}`}
          {!invite.active && ` · ${ta('invite.revoked')}`}
        </p>
        {invite.active && (
          <Button variant="danger-outline" className="self-start" pending={revoking} onClick={onRevoke}>
            {ta('invite.revoke')}
          </Button>
        )}
      </div>
    </li>
  );
}

function WallLinkSection({ albumId }: { albumId: string }) {
  const { ta, describeError } = useAlbumsI18n();
  const { link, create, revoke } = useWallLink(albumId);
  const current = link.data ?? null;
  return (
    <section className="flex flex-col gap-3" aria-labelledby="wall-link-title">
      <h2 id="wall-link-title" className="text-lg font-semibold text-fg">
        {ta('invite.wall')}
      </h2>
      <p className="text-sm text-fg-muted">{ta('invite.wallExplain')}</p>
      {(create.error ?? revoke.error) && <Alert tone="error">{describeError(create.error ?? revoke.error)}</Alert>}
      {current ? (
        <>
          <CopyField value={current.wall_url} testId="wall-link" />
          <div className="flex flex-wrap gap-2">
            <a href={current.wall_url} target="_blank" rel="noopener" className="inline-flex min-h-10 items-center rounded-[4px] bg-brand px-4 text-sm font-medium text-white hover:bg-brand-hover">
              {ta('album.openWall')}
            </a>
            <Button variant="danger-outline" pending={revoke.isPending} onClick={() => revoke.mutate()}>
              {ta('invite.wallRevoke')}
            </Button>
          </div>
        </>
      ) : (
        link.isSuccess && (
          <Button className="self-start" pending={create.isPending} onClick={() => create.mutate()}>
            {ta('invite.wallCreate')}
          </Button>
        )
      )}
    </section>
  );
}
