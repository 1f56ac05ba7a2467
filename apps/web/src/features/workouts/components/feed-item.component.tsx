import type { FeedItem } from '@discordgym/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { Icon } from '../../../components/icon.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { formatRelative } from '../../../lib/format/date.format';
import { formatDuration, formatNumber, fromKg, type WeightUnit } from '../api/units';
import { useAddComment, useComments, useKudos } from '../hooks/use-feed.hook';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';

/** A friend's workout: who, what, how much; kudos in one tap; comments below. */
export function FeedEntry({ item, unit, mine }: { item: FeedItem; unit: WeightUnit; mine: boolean }) {
  const { tw, locale, describeError } = useWorkoutsI18n();
  const kudos = useKudos();
  const [open, setOpen] = useState(false);
  const comments = useComments(item.id, open);
  const add = useAddComment(item.id);
  const [text, setText] = useState('');
  const name = item.owner.display_name ?? item.owner.username;
  return (
    <li data-testid="feed-item" className="rounded-lg bg-surface-800 p-3">
      <div className="flex items-center gap-2">
        <UserAvatar name={name} avatar={item.owner.avatar} size="sm" />
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold text-fg">{name}</p>
          <p className="text-xs text-fg-subtle">{formatRelative(item.finished_at, locale)}</p>
        </div>
      </div>
      <Link to={`/workouts/${item.id}`} className="mt-2 block font-semibold text-fg hover:underline">
        {item.title}
      </Link>
      <p className="text-sm text-fg-muted">
        {formatDuration(item.duration_s)} · {formatNumber(fromKg(item.volume_kg, unit, 0), locale, 0)} {unit} · {item.set_count} {tw('w.summary.sets')}
        {item.pr_count > 0 && ` · PR ${item.pr_count}`}
      </p>
      <p className="truncate text-xs text-fg-subtle">{item.exercises.map((e) => `${e.sets} × ${locale === 'de' ? e.name_de : e.name_en}`).join(', ')}</p>
      <div className="mt-2 flex items-center gap-2">
        <button
          type="button"
          disabled={mine || kudos.isPending}
          aria-pressed={item.has_kudos}
          aria-label={item.has_kudos ? tw('w.feed.kudosGiven') : tw('w.feed.kudos')}
          onClick={() => kudos.mutate({ id: item.id, give: !item.has_kudos })}
          className="inline-flex min-h-9 items-center gap-1 rounded-[4px] px-2 text-sm font-medium text-fg-muted hover:bg-surface-500/60 disabled:opacity-70 aria-pressed:text-[#f0b232]"
        >
          <Icon name="heart" className="size-4" />
          <span data-testid="kudos-count">{item.kudos_count === 1 ? tw('w.feed.kudosCount.one') : tw('w.feed.kudosCount.other', { count: item.kudos_count })}</span>
        </button>
        <button type="button" aria-expanded={open} onClick={() => setOpen((v) => !v)} className="inline-flex min-h-9 items-center gap-1 rounded-[4px] px-2 text-sm text-fg-muted hover:bg-surface-500/60">
          <Icon name="chat" className="size-4" />
          {item.comment_count === 1 ? tw('w.feed.comments.one') : tw('w.feed.comments.other', { count: item.comment_count })}
        </button>
      </div>
      {open && (
        <div className="mt-2 border-t border-surface-600 pt-2">
          <ul className="flex flex-col gap-1" data-testid="comments">
            {(comments.data ?? []).map((c) => (
              <li key={c.id} className="text-sm">
                <span className="font-semibold text-fg">{c.author.display_name ?? c.author.username}</span> <span className="text-fg-muted">{c.body}</span>
              </li>
            ))}
          </ul>
          <form
            className="mt-2 flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim()) add.mutate(text.trim(), { onSuccess: () => setText('') });
            }}
          >
            <input
              aria-label={tw('w.feed.comment')}
              placeholder={tw('w.feed.comment')}
              value={text}
              maxLength={1000}
              onChange={(e) => setText(e.target.value)}
              className="h-9 min-w-0 flex-1 rounded-[4px] bg-surface-900 px-2 text-fg"
            />
            <button type="submit" disabled={add.isPending} className="min-h-9 rounded-[4px] bg-brand px-3 text-sm font-medium text-white">
              {tw('w.feed.send')}
            </button>
          </form>
          {add.isError && <p className="text-sm text-danger">{describeError(add.error)}</p>}
        </div>
      )}
    </li>
  );
}
