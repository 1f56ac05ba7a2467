import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'danger-outline' | 'ghost';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-brand text-white hover:bg-brand-hover',
  secondary: 'bg-surface-500 text-fg hover:bg-surface-400',
  danger: 'bg-danger text-white hover:bg-danger-hover',
  'danger-outline': 'border border-danger text-fg hover:bg-danger hover:text-white',
  ghost: 'text-fg-muted hover:bg-surface-500/60 hover:text-fg',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  /** Shows `pendingLabel` and blocks a second submit while a request runs. */
  pending?: boolean;
  pendingLabel?: string;
  block?: boolean;
}

export function Button({ variant = 'primary', pending = false, pendingLabel, block = false, className = '', children, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={`inline-flex min-h-10 items-center justify-center gap-2 rounded-[4px] px-4 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]} ${block ? 'w-full' : ''} ${className}`}
      {...rest}
    >
      {pending && <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
