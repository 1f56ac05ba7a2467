import type { AdminUser } from '@discordgym/contracts';
import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { TextField } from '../../../components/text-field.component';
import { useAdminI18n } from '../hooks/use-admin-i18n.hook';

export interface BanDialogProps {
  user: Pick<AdminUser, 'handle'> | null;
  pending: boolean;
  error: unknown;
  onClose(): void;
  onBan(input: { reason: string; until?: string }): void;
}

/** Reason (required) and, optionally, when the ban ends; without an end it lasts until lifted. */
export function BanDialog({ user, pending, error, onClose, onBan }: BanDialogProps) {
  const { t, ta, describeError } = useAdminI18n();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem(t('field.required'));
    // datetime-local is the browser's local time; the API wants an instant.
    const end = until ? new Date(until) : undefined;
    if (end && (Number.isNaN(end.getTime()) || end.getTime() <= Date.now())) return setProblem(ta('admin.ban.untilPast'));
    setProblem(null);
    onBan({ reason: reason.trim(), ...(end ? { until: end.toISOString() } : {}) });
  };

  return (
    <Dialog
      open={user !== null}
      title={user ? ta('admin.ban.title', { handle: user.handle }) : ''}
      closeLabel={ta('admin.close')}
      onClose={onClose}
      size="sm"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {ta('admin.cancel')}
          </Button>
          <Button variant="danger" type="submit" form="ban-form" pending={pending} pendingLabel={ta('admin.ban.banning')}>
            {ta('admin.ban.submit')}
          </Button>
        </>
      }
    >
      <form id="ban-form" onSubmit={submit} noValidate className="flex flex-col gap-4">
        {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
        <p className="text-sm">{ta('admin.ban.explain')}</p>
        <TextField label={ta('admin.ban.reason')} name="reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} error={problem === t('field.required') ? problem : null} />
        <TextField
          label={ta('admin.ban.until')}
          hint={ta('admin.ban.untilHint')}
          name="until"
          type="datetime-local"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          error={problem && problem !== t('field.required') ? problem : null}
        />
      </form>
    </Dialog>
  );
}
