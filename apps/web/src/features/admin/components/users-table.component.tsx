import { type AccountStatus, type AdminUser, UserRole } from '@discordgym/contracts';
import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { TextField } from '../../../components/text-field.component';
import { formatDateTime, formatRelative } from '../../../lib/format/date.format';
import { useAdminI18n } from '../hooks/use-admin-i18n.hook';
import { useAdminUsers, useUserActions } from '../hooks/use-admin-users.hook';
import { useStaffRole } from '../hooks/use-staff-role.hook';
import { BanDialog } from './ban-dialog.component';
import { SelectField } from '../../../components/select-field.component';

/** Everyone, searchable; moderators ban and unban members, admins also change roles. */
export function UsersTable() {
  const { t, ta, locale, describeError } = useAdminI18n();
  const staff = useStaffRole();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<AccountStatus | ''>('');
  const users = useAdminUsers(text, status || undefined);
  const actions = useUserActions();
  const [banning, setBanning] = useState<AdminUser | null>(null);
  const failure = actions.setRole.error ?? actions.unban.error;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <TextField className="min-w-60 flex-1" label={ta('admin.users.search')} hint={ta('admin.users.searchHint')} type="search" name="q" value={text} onChange={(e) => setText(e.target.value)} />
        <SelectField
          label={ta('admin.users.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as AccountStatus | '')}
          options={[
            { value: '', label: ta('admin.users.statusAll') },
            { value: 'active', label: ta('admin.status.active') },
            { value: 'banned', label: ta('admin.status.banned') },
          ]}
        />
      </div>
      {failure ? <Alert tone="error">{describeError(failure)}</Alert> : null}
      {users.isError && <Alert tone="error">{describeError(users.error)}</Alert>}
      <div className="overflow-x-auto rounded-lg bg-surface-800">
        <table className="w-full min-w-[820px] text-left text-sm">
          <thead className="text-xs tracking-wide text-fg-subtle uppercase">
            <tr>
              <th className="px-3 py-2">{ta('admin.users.user')}</th>
              <th className="px-3 py-2">{ta('admin.users.email')}</th>
              <th className="px-3 py-2">{ta('admin.users.role')}</th>
              <th className="px-3 py-2">{ta('admin.users.status')}</th>
              <th className="px-3 py-2">{ta('admin.users.created')}</th>
              <th className="px-3 py-2">{ta('admin.users.lastSeen')}</th>
              <th className="px-3 py-2 text-right">{ta('admin.users.sessions')}</th>
              <th className="px-3 py-2"><span className="sr-only">{ta('admin.users.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {users.users.map((user) => (
              <tr key={user.id} className="border-t border-surface-600/60" data-testid={`user-row-${user.handle}`}>
                <td className="px-3 py-2">
                  <span className="block font-medium text-fg">{user.display_name ?? user.username}</span>
                  <span className="text-xs text-fg-subtle">{user.handle}</span>
                </td>
                <td className="px-3 py-2 text-fg-muted">{user.email}</td>
                <td className="px-3 py-2">
                  {staff.isAdmin ? (
                    <select
                      aria-label={ta('admin.users.roleOf', { handle: user.handle })}
                      className="h-8 rounded-[4px] bg-surface-900 px-1 text-fg"
                      value={user.role}
                      disabled={actions.setRole.isPending}
                      onChange={(e) => actions.setRole.mutate({ id: user.id, role: UserRole.parse(e.target.value) })}
                    >
                      {UserRole.options.map((role) => (
                        <option key={role} value={role}>
                          {ta(`admin.role.${role}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    ta(`admin.role.${user.role}`)
                  )}
                </td>
                <td className="px-3 py-2">
                  {user.status === 'banned' ? (
                    <span className="rounded bg-danger-soft px-1.5 py-0.5 text-xs font-semibold text-fg" title={user.ban_reason ?? ''}>
                      {user.banned_until ? ta('admin.status.bannedUntil', { until: formatDateTime(user.banned_until, locale) }) : ta('admin.status.banned')}
                    </span>
                  ) : (
                    <span className="text-success">{ta('admin.status.active')}</span>
                  )}
                </td>
                <td className="px-3 py-2 text-fg-muted">{formatDateTime(user.created_at, locale)}</td>
                <td className="px-3 py-2 text-fg-muted">{user.last_seen_at ? formatRelative(user.last_seen_at, locale) : '—'}</td>
                <td className="px-3 py-2 text-right tabular-nums">{user.sessions_count}</td>
                <td className="px-3 py-2 text-right">
                  {user.status === 'banned' ? (
                    <Button variant="secondary" className="min-h-8 py-1" onClick={() => actions.unban.mutate(user.id)} disabled={actions.unban.isPending}>
                      {ta('admin.users.unban')}
                    </Button>
                  ) : (
                    <Button variant="danger-outline" className="min-h-8 py-1" onClick={() => setBanning(user)}>
                      {ta('admin.users.ban')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {users.isPending && <p role="status" className="px-3 py-4 text-fg-subtle">{t('app.loading')}</p>}
        {!users.isPending && users.users.length === 0 && <p className="px-3 py-6 text-center text-fg-subtle">{ta('admin.users.none')}</p>}
      </div>
      {users.hasNextPage && (
        <Button variant="secondary" className="self-center" pending={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
          {ta('admin.more')}
        </Button>
      )}
      <BanDialog
        key={banning?.id ?? 'closed'}
        user={banning}
        pending={actions.ban.isPending}
        error={actions.ban.error}
        onClose={() => {
          setBanning(null);
          actions.ban.reset();
        }}
        onBan={(body) => actions.ban.mutate({ id: banning!.id, body }, { onSuccess: () => setBanning(null) })}
      />
    </div>
  );
}
