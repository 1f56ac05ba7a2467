import type { KudosState, MessageCard } from '@discordgym/contracts';
import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Icon } from '../../../components/icon.component';
import { api } from '../../../lib/api/api-client';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useMeId } from '../../chat/hooks/use-me-id.hook';
import { formatRecord } from '../api/record-format';
import { formatDuration, formatNumber, fromKg } from '../api/units';
import { cachedUnits, readWorkoutSnapshot } from '../api/workout-card';

/**
 * A shared workout in the chat: only what the snapshot holds (title, duration, volume,
 * sets, PRs), so a reader who may not open the workout sees exactly the card. Texts come
 * from the app's dictionary: the chat must not load the workout pages' one.
 */
export function WorkoutCard({ card }: { card: MessageCard }) {
  const { t, locale } = useI18n();
  const meId = useMeId();
  const snap = useMemo(() => readWorkoutSnapshot(card.snapshot), [card.snapshot]);
  const units = useMemo(cachedUnits, []);
  const kudos = useMutation({
    mutationFn: (give: boolean): Promise<KudosState> => api(give ? 'giveKudos' : 'takeKudos', { params: { id: card.id } }),
  });
  if (!snap) {
    return (
      <p data-testid="unknown-card" className="mt-1 max-w-sm rounded-lg bg-surface-800 px-3 py-2 text-sm text-fg-subtle italic">
        {t('card.unknown')}
      </p>
    );
  }
  const given = kudos.data?.has_kudos ?? false;
  return (
    <article data-testid="workout-card" aria-label={t('card.workout.label', { title: snap.title })} className="mt-1 max-w-sm rounded-lg border-l-4 border-success bg-surface-800 p-3">
      <div className="flex items-center gap-2">
        <Icon name="dumbbell" className="size-5 text-success" />
        <p className="min-w-0 flex-1 truncate font-semibold text-fg">{snap.title}</p>
      </div>
      <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
        <div>
          <dt className="text-[11px] font-bold tracking-wide text-fg-subtle uppercase">{t('card.workout.duration')}</dt>
          <dd className="text-sm font-semibold text-fg tabular-nums">{formatDuration(snap.duration_s)}</dd>
        </div>
        <div>
          <dt className="text-[11px] font-bold tracking-wide text-fg-subtle uppercase">{t('card.workout.volume')}</dt>
          <dd className="text-sm font-semibold text-fg tabular-nums">
            {formatNumber(fromKg(snap.volume_kg, units.weight, 0), locale, 0)} {units.weight}
          </dd>
        </div>
        <div>
          <dt className="text-[11px] font-bold tracking-wide text-fg-subtle uppercase">{t('card.workout.sets')}</dt>
          <dd className="text-sm font-semibold text-fg tabular-nums">{snap.set_count}</dd>
        </div>
      </dl>
      {snap.prs.length > 0 && (
        <div className="mt-2" data-testid="workout-card-prs">
          <p className="flex items-center gap-1 text-sm font-medium text-[#f0b232]"><Icon name="trophy" className="size-4" /> {snap.prs.length === 1 ? t('card.workout.prs.one') : t('card.workout.prs.other', { count: snap.prs.length })}</p>
          <ul className="text-xs text-fg-muted">
            {snap.prs.slice(0, 5).map((pr, i) => (
              <li key={i} className="truncate">
                {locale === 'de' ? pr.name_de : pr.name_en} · {t(`card.pr.${pr.kind}`)}: {formatRecord(pr, units, locale)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="mt-2 flex items-center gap-3">
        <Link to={`/workouts/${card.id}`} className="text-sm text-link hover:underline">
          {t('card.workout.open')}
        </Link>
        {snap.owner_id !== meId && (
          <button
            type="button"
            aria-pressed={given}
            disabled={kudos.isPending}
            onClick={() => kudos.mutate(!given)}
            className="ml-auto inline-flex min-h-8 items-center gap-1 rounded-[4px] px-2 text-sm font-medium text-fg-muted hover:bg-surface-500/60 aria-pressed:text-[#f0b232]"
          >
            <Icon name="heart" className="size-4" />
            {given ? t('card.workout.kudosGiven') : t('card.workout.kudos')}
            {kudos.data && kudos.data.kudos_count > 0 && <span className="tabular-nums">· {kudos.data.kudos_count}</span>}
          </button>
        )}
      </div>
    </article>
  );
}
