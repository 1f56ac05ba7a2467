import type { ButtonHTMLAttributes } from 'react';
import { Icon, type IconName } from './icon.component';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: IconName;
  /** The accessible name, also shown as a tooltip. */
  label: string;
  size?: 'sm' | 'md';
  tone?: 'default' | 'danger';
}

export function IconButton({ icon, label, size = 'md', tone = 'default', className = '', type = 'button', ...rest }: IconButtonProps) {
  const box = size === 'sm' ? 'size-8' : 'size-9';
  const colour = tone === 'danger' ? 'hover:text-danger' : 'hover:text-fg';
  return (
    <button
      type={type}
      aria-label={label}
      title={label}
      className={`inline-flex ${box} shrink-0 items-center justify-center rounded-[4px] text-fg-muted hover:bg-surface-500/60 disabled:opacity-50 aria-pressed:bg-surface-500/60 aria-pressed:text-fg ${colour} ${className}`}
      {...rest}
    >
      <Icon name={icon} className={size === 'sm' ? 'size-[18px]' : 'size-5'} />
    </button>
  );
}
