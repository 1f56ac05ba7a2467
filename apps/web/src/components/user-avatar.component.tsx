const PALETTE = ['#5865f2', '#3ba55c', '#eb459e', '#faa61a', '#ed4245', '#00a8fc', '#9b59b6'];

/** A stable colour per name, so initials avatars do not change between visits. */
function colourFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

export interface UserAvatarProps {
  name: string;
  avatar: string | null;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

const SIZES = { sm: 'size-8 text-sm', md: 'size-10 text-base', lg: 'size-20 text-3xl' } as const;

/** Decorative: the name is always written next to it, so screen readers skip the picture. */
export function UserAvatar({ name, avatar, size = 'md', className = '' }: UserAvatarProps) {
  const box = `${SIZES[size]} shrink-0 rounded-full ${className}`;
  if (avatar) return <img src={`/avatars/${avatar}.svg`} alt="" className={`${box} bg-surface-900`} />;
  return (
    <span aria-hidden="true" className={`${box} inline-flex items-center justify-center font-semibold text-white uppercase`} style={{ backgroundColor: colourFor(name) }}>
      {[...name][0] ?? '?'}
    </span>
  );
}
