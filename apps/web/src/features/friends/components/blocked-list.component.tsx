import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { formatRelative } from '../../../lib/format/date.format';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useUnblockUser } from '../hooks/use-friend-actions.hook';
import { useBlocks } from '../hooks/use-friends.hook';
import { nameOf, Person } from './person.component';
import { Section } from './section.component';

/** The people I blocked, with an unblock each. */
export function BlockedList() {
  const { t, locale, describeError } = useI18n();
  const blocks = useBlocks();
  const unblock = useUnblockUser();
  const items = blocks.data ?? [];
  return (
    <Section id="blocked-heading" title={`${t('friends.blockedHeading')} — ${items.length}`} testId="blocked-list">
      {unblock.error && <Alert tone="error" className="mb-2">{describeError(unblock.error)}</Alert>}
      {blocks.isPending ? (
        <p className="text-sm text-fg-subtle" role="status">{t('app.loading')}</p>
      ) : blocks.error ? (
        <Alert tone="error">{describeError(blocks.error)}</Alert>
      ) : items.length === 0 ? (
        <p className="text-sm text-fg-subtle">{t('friends.noBlocked')}</p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {items.map((blocked) => (
            <Person
              key={blocked.user.id}
              testId="blocked-user"
              user={blocked.user}
              detail={`${blocked.user.handle} · ${t('friends.blockedSince', { time: formatRelative(blocked.created_at, locale) })}`}
              actions={
                <Button
                  variant="secondary"
                  className="min-h-8! px-3!"
                  disabled={unblock.isPending && unblock.variables === blocked.user.id}
                  onClick={() => unblock.mutate(blocked.user.id)}
                  aria-label={t('friends.unblockName', { name: nameOf(blocked.user) })}
                >
                  {t('friends.unblock')}
                </Button>
              }
            />
          ))}
        </ul>
      )}
    </Section>
  );
}
