import type { FriendRequest } from '@discordgym/contracts';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { IconButton } from '../../../components/icon-button.component';
import { formatRelative } from '../../../lib/format/date.format';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useAcceptRequest, useDropRequest } from '../hooks/use-friend-actions.hook';
import { useFriendRequests } from '../hooks/use-friends.hook';
import { nameOf, Person } from './person.component';
import { Section } from './section.component';

/** Requests to me (accept / decline) and from me (cancel), live. */
export function FriendRequests({ onBlock }: { onBlock(request: FriendRequest): void }) {
  const { t, locale, describeError } = useI18n();
  const requests = useFriendRequests();
  const accept = useAcceptRequest();
  const drop = useDropRequest();
  const busy = (r: FriendRequest) => (accept.isPending && accept.variables?.id === r.id) || (drop.isPending && drop.variables?.id === r.id);
  const error = accept.error ?? drop.error;

  const list = (items: FriendRequest[], title: string, testId: string) =>
    items.length > 0 && (
      <div>
        <h3 className="mb-1 text-xs font-semibold text-fg-muted">{`${title} — ${items.length}`}</h3>
        <ul className="flex flex-col gap-0.5" data-testid={testId}>
          {items.map((request) => {
            const other = request.direction === 'incoming' ? request.from : request.to;
            const name = nameOf(other);
            return (
              <Person
                key={request.id}
                testId="friend-request"
                user={other}
                detail={`${other.handle} · ${formatRelative(request.created_at, locale)}`}
                actions={
                  request.direction === 'incoming' ? (
                    <>
                      <Button variant="primary" className="min-h-8! px-3!" disabled={busy(request)} onClick={() => accept.mutate(request)} aria-label={t('friends.acceptName', { name })}>
                        {t('friends.accept')}
                      </Button>
                      <Button variant="ghost" className="min-h-8! px-3!" disabled={busy(request)} onClick={() => drop.mutate(request)} aria-label={t('friends.declineName', { name })}>
                        {t('friends.decline')}
                      </Button>
                      <IconButton icon="alert" size="sm" tone="danger" label={t('friends.block', { name })} onClick={() => onBlock(request)} />
                    </>
                  ) : (
                    <Button variant="ghost" className="min-h-8! px-3!" disabled={busy(request)} onClick={() => drop.mutate(request)} aria-label={t('friends.cancelName', { name })}>
                      {t('friends.cancel')}
                    </Button>
                  )
                }
              />
            );
          })}
        </ul>
      </div>
    );

  return (
    <Section id="friend-requests-heading" title={t('friends.requestsHeading')} testId="friend-requests">
      {error && <Alert tone="error" className="mb-2">{describeError(error)}</Alert>}
      {requests.isPending ? (
        <p className="text-sm text-fg-subtle" role="status">{t('app.loading')}</p>
      ) : requests.error ? (
        <Alert tone="error">{describeError(requests.error)}</Alert>
      ) : requests.incoming.length + requests.outgoing.length === 0 ? (
        <p className="text-sm text-fg-subtle">{t('friends.noRequests')}</p>
      ) : (
        <div className="flex flex-col gap-3">
          {list(requests.incoming, t('friends.incoming'), 'incoming-requests')}
          {list(requests.outgoing, t('friends.outgoing'), 'outgoing-requests')}
        </div>
      )}
    </Section>
  );
}
