import { Link } from 'react-router';
import { Alert } from '../components/alert.component';
import { Button } from '../components/button.component';
import { PageHeader } from '../components/page-header.component';
import { useMe } from '../features/auth/hooks/use-me.hook';
import { OnlineContacts, RecentActivity, RoomOverview } from '../features/chat/components/dashboard.component';
import { AccountSummary } from '../features/profile/components/account-summary.component';
import { useI18n } from '../lib/i18n/use-i18n.hook';

/** The dashboard: who is around, where the unread messages are, what happened, and me. */
export function HomePage() {
  const { t, describeError } = useI18n();
  const me = useMe();
  const name = me.data ? (me.data.display_name ?? me.data.username) : '';

  return (
    <div className="mx-auto w-full max-w-5xl">
      <PageHeader title={me.data ? t('home.greeting', { name }) : t('nav.home')} subtitle={t('home.subtitle')} />
      {me.isPending && <p role="status">{t('app.loading')}</p>}
      {me.isError && (
        <div className="flex flex-col items-start gap-3">
          <Alert tone="error">{describeError(me.error)}</Alert>
          <Button variant="secondary" onClick={() => void me.refetch()}>
            {t('error.retry')}
          </Button>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="flex flex-col gap-6">
          <RoomOverview />
          <OnlineContacts />
          <RecentActivity />
        </div>
        {me.data && (
          <div className="flex flex-col gap-6">
            <AccountSummary user={me.data} />
            <section aria-labelledby="security-heading" className="rounded-lg bg-surface-800 px-4 py-5 sm:px-6">
              <h2 id="security-heading" className="text-base font-semibold text-fg">
                {t('home.securityHeading')}
              </h2>
              <p className="mt-1 text-sm text-fg-muted">{t('home.securityBody')}</p>
              <Link
                to="/settings/sessions"
                className="mt-4 inline-flex min-h-10 items-center rounded-[4px] bg-surface-500 px-4 text-sm font-medium text-fg hover:bg-surface-400"
              >
                {t('home.sessionsLink')}
              </Link>
            </section>
          </div>
        )}
      </div>
    </div>
  );
}
