import { AuditAction, type AuditEntry, Id } from '@discordgym/contracts';
import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { TextField } from '../../../components/text-field.component';
import { formatDateTime } from '../../../lib/format/date.format';
import { useAdminI18n } from '../hooks/use-admin-i18n.hook';
import type { AuditFilter } from '../api/admin.api';
import { useAuditLog } from '../hooks/use-audit-log.hook';
import { SelectField } from '../../../components/select-field.component';

/** The append-only log, newest first; read-only here as everywhere. */
export function AuditLogTable() {
  const { t, ta, locale, describeError } = useAdminI18n();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [target, setTarget] = useState('');
  // Ids are filtered only once they are whole: a half-typed one would be a 400.
  const filter: AuditFilter = {
    ...(action ? { action: AuditAction.parse(action) } : {}),
    ...(Id.safeParse(actor.trim()).success ? { actor: actor.trim() } : {}),
    ...(Id.safeParse(target.trim()).success ? { target: target.trim() } : {}),
  };
  const log = useAuditLog(filter);

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label={ta('admin.audit.action')}
          value={action}
          onChange={(e) => setAction(e.target.value)}
          options={[{ value: '', label: ta('admin.audit.allActions') }, ...AuditAction.options.map((value) => ({ value, label: value }))]}
        />
        <TextField label={ta('admin.audit.actor')} hint={ta('admin.audit.idHint')} name="actor" value={actor} onChange={(e) => setActor(e.target.value)} />
        <TextField label={ta('admin.audit.target')} hint={ta('admin.audit.idHint')} name="target" value={target} onChange={(e) => setTarget(e.target.value)} />
      </div>
      {log.isError && <Alert tone="error">{describeError(log.error)}</Alert>}
      <div className="overflow-x-auto rounded-lg bg-surface-800">
        <table className="w-full min-w-[760px] text-left text-sm">
          <thead className="text-xs tracking-wide text-fg-subtle uppercase">
            <tr>
              <th className="px-3 py-2">{ta('admin.audit.when')}</th>
              <th className="px-3 py-2">{ta('admin.audit.action')}</th>
              <th className="px-3 py-2">{ta('admin.audit.actor')}</th>
              <th className="px-3 py-2">{ta('admin.audit.target')}</th>
              <th className="px-3 py-2">{ta('admin.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {log.entries.map((entry) => (
              <tr key={entry.id} className="border-t border-surface-600/60 align-top" data-testid="audit-row">
                <td className="px-3 py-2 whitespace-nowrap text-fg-muted">{formatDateTime(entry.created_at, locale)}</td>
                <td className="px-3 py-2 font-mono text-xs text-fg">{entry.action}</td>
                <td className="px-3 py-2">{who(entry.actor, entry.actor_id, entry.details, ta('admin.audit.system'))}</td>
                <td className="px-3 py-2">{entry.target_user?.handle ?? (entry.target_id ? `${entry.target_type ?? ''} ${entry.target_id}` : '—')}</td>
                <td className="px-3 py-2 font-mono text-xs break-all text-fg-subtle">
                  {summary(entry)}
                  {entry.ip && <span className="block">IP {entry.ip}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {log.isPending && <p role="status" className="px-3 py-4 text-fg-subtle">{t('app.loading')}</p>}
        {!log.isPending && log.entries.length === 0 && <p className="px-3 py-6 text-center text-fg-subtle">{ta('admin.audit.none')}</p>}
      </div>
      {log.hasNextPage && (
        <Button variant="secondary" className="self-center" pending={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {ta('admin.more')}
        </Button>
      )}
    </div>
  );
}

function who(actor: AuditEntry['actor'], actorId: string | null, details: AuditEntry['details'], system: string): string {
  if (actor) return actor.handle;
  if (details.via === 'cli') return 'admin CLI';
  return actorId ?? system;
}

/** The details as `key: value` pairs: what changed, why, how many sessions ended. */
function summary(entry: AuditEntry): string {
  return Object.entries(entry.details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
