import type { SelfUser } from '@discordgym/contracts';
import { UserAvatar } from '../../../components/user-avatar.component';
import { formatDate } from '../../../lib/format/date.format';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';

/** "Who am I": the profile banner and the facts only the user themselves sees. */
export function AccountSummary({ user }: { user: SelfUser }) {
  const { t, locale } = useI18n();
  const name = user.display_name ?? user.username;
  return (
    <section aria-labelledby="account-heading" className="overflow-hidden rounded-lg bg-surface-800">
      <div aria-hidden="true" className="h-20 bg-linear-to-r from-brand to-[#eb459e] sm:h-24" />
      <div className="px-4 pb-5 sm:px-6">
        <div className="-mt-10 flex">
          <UserAvatar name={name} avatar={user.avatar} size="lg" className="ring-[6px] ring-surface-800" />
        </div>
        <div className="mt-3 min-w-0">
          <p className="truncate text-xl font-bold text-fg" data-testid="profile-name">
            {name}
          </p>
          <p className="truncate text-sm text-fg-muted" data-testid="profile-handle">
            {user.handle}
          </p>
        </div>

        <h2 id="account-heading" className="mt-6 text-xs font-bold tracking-wide text-fg-subtle uppercase">
          {t('home.accountHeading')}
        </h2>
        <dl className="mt-3 divide-y divide-surface-600 rounded-lg bg-surface-900 px-4">
          <Fact term={t('home.displayName')} value={user.display_name ?? t('home.noDisplayName')} muted={!user.display_name} />
          <Fact term={t('home.handle')} value={user.handle} hint={t('home.handleHint')} />
          <Fact term={t('home.email')} value={user.email} hint={t('home.emailHint')} testId="profile-email" />
          <Fact term={t('home.memberSince')} value={formatDate(user.created_at, locale)} />
        </dl>
      </div>
    </section>
  );
}

function Fact({ term, value, hint, muted = false, testId }: { term: string; value: string; hint?: string; muted?: boolean; testId?: string }) {
  return (
    <div className="py-3">
      <dt className="text-xs font-bold tracking-wide text-fg-subtle uppercase">{term}</dt>
      <dd className={`mt-1 break-all ${muted ? 'text-fg-subtle italic' : 'text-fg'}`} data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="text-xs text-fg-subtle">{hint}</dd>}
    </div>
  );
}
