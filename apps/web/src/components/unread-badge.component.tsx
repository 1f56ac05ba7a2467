/** Discord's red pill; `label` says the count in words for screen readers. */
export function UnreadBadge({ count, label, className = '' }: { count: number; label: string; className?: string }) {
  if (count <= 0) return null;
  return (
    <span
      data-testid="unread-badge"
      aria-label={label}
      title={label}
      className={`inline-flex h-4 min-w-4 shrink-0 items-center justify-center rounded-full bg-danger px-1 text-[11px] leading-none font-bold text-white tabular-nums ${className}`}
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}
