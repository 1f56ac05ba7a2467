import type { MessageCard } from '@discordgym/contracts';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { WorkoutCard } from '../../workouts/components/workout-card.component';

/**
 * What a message carries besides its text, by kind. A kind this version does not know
 * (a newer server, a feature not shipped here) shows a quiet placeholder, never an error.
 */
export function MessageCardView({ card }: { card: MessageCard }) {
  const { t } = useI18n();
  switch (card.kind) {
    case 'workout':
      return <WorkoutCard card={card} />;
    default:
      return (
        <p data-testid="unknown-card" className="mt-1 max-w-sm rounded-lg bg-surface-800 px-3 py-2 text-sm text-fg-subtle italic">
          {t('card.unknown')}
        </p>
      );
  }
}
