import type { PresenceStatus } from '@discordgym/contracts';

const COLOURS: Record<PresenceStatus, string> = {
  online: 'bg-success',
  away: 'bg-warning',
  dnd: 'bg-danger',
  offline: 'bg-fg-subtle/70',
};

/**
 * The coloured status dot on an avatar. `label` is the status in words; pass it where the
 * dot is the only place the status shows, leave it out where the text says it anyway.
 */
const RINGS = {
  '700': 'ring-surface-700',
  '800': 'ring-surface-800',
  '850': 'ring-surface-850',
  '900': 'ring-surface-900',
} as const;

export function PresenceDot({
  status,
  label,
  ring = '800',
  className = '',
}: {
  status: PresenceStatus;
  label?: string;
  /** The surface the avatar sits on, so the dot cuts cleanly into it. */
  ring?: keyof typeof RINGS;
  className?: string;
}) {
  return (
    <span
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      title={label}
      data-presence={status}
      className={`inline-block size-3 rounded-full ring-[3px] ${RINGS[ring]} ${COLOURS[status]} ${className}`}
    />
  );
}
