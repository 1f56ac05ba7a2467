import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { ConfirmDialog } from '../../../components/confirm-dialog.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useSessionActions } from '../hooks/use-session-actions.hook';
import { useSessions } from '../hooks/use-sessions.hook';
import { SessionRow } from './session-row.component';

export function SessionList() {
  const { t, describeError } = useI18n();
  const sessions = useSessions();
  const actions = useSessionActions();
  const [confirmingOthers, setConfirmingOthers] = useState(false);

  if (sessions.isPending) return <p className="text-fg-subtle" role="status">{t('app.loading')}</p>;
  if (sessions.isError) {
    return (
      <div className="flex flex-col items-start gap-3">
        <Alert tone="error">{describeError(sessions.error)}</Alert>
        <Button variant="secondary" onClick={() => void sessions.refetch()}>
          {t('error.retry')}
        </Button>
      </div>
    );
  }

  const { current, others } = sessions.data;
  return (
    <div className="flex flex-col gap-8">
      {/* Always in the page, so screen readers announce what a click did; its negative margin cancels the gap while it is empty. */}
      <div aria-live="polite" className="-mb-8">
        {actions.notice && <Alert tone="success" className="mb-8">{actions.notice}</Alert>}
      </div>
      {actions.error && <Alert tone="error">{describeError(actions.error)}</Alert>}

      {current && (
        <section aria-labelledby="sessions-current">
          <h2 id="sessions-current" className="mb-3 text-xs font-bold tracking-wide text-fg-subtle uppercase">
            {t('sessions.currentHeading')}
          </h2>
          <ul>
            <SessionRow session={current} />
          </ul>
        </section>
      )}

      <section aria-labelledby="sessions-others">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="sessions-others" className="text-xs font-bold tracking-wide text-fg-subtle uppercase">
            {t('sessions.otherHeading')} <span className="font-normal">({others.length})</span>
          </h2>
          {others.length > 0 && (
            <Button variant="danger" pending={actions.othersPending} pendingLabel={t('sessions.signingOut')} disabled={actions.busy} onClick={() => setConfirmingOthers(true)}>
              {t('sessions.signOutOthers')}
            </Button>
          )}
        </div>
        {others.length === 0 ? (
          <p className="rounded-lg border border-dashed border-surface-500 px-4 py-6 text-center text-sm text-fg-subtle">{t('sessions.none')}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {others.map((session) => (
              <SessionRow
                key={session.id}
                session={session}
                action={(label) => (
                  <Button
                    variant="danger-outline"
                    pending={actions.pendingId === session.id}
                    pendingLabel={t('sessions.signingOut')}
                    disabled={actions.busy}
                    aria-label={t('sessions.signOutDevice', { device: label })}
                    onClick={() => actions.signOut(session.id)}
                  >
                    {t('sessions.signOut')}
                  </Button>
                )}
              />
            ))}
          </ul>
        )}
      </section>
      <ConfirmDialog
        open={confirmingOthers}
        title={t('sessions.confirmOthersTitle')}
        confirmLabel={t('sessions.signOutOthers')}
        cancelLabel={t('sessions.cancel')}
        closeLabel={t('sessions.close')}
        onCancel={() => setConfirmingOthers(false)}
        onConfirm={() => {
          setConfirmingOthers(false);
          actions.signOutOthers();
        }}
      >
        <p>{t('sessions.confirmOthersBody', { count: others.length })}</p>
      </ConfirmDialog>
    </div>
  );
}
