import type { ReactNode } from 'react';

type Tone = 'error' | 'info' | 'success';

const TONES: Record<Tone, string> = {
  error: 'border-danger bg-danger-soft text-fg',
  info: 'border-brand bg-brand-soft text-fg',
  success: 'border-success bg-success-soft text-fg',
};

/** Errors interrupt (role=alert); information and success wait their turn (role=status). */
export function Alert({ tone, children, className = '' }: { tone: Tone; children: ReactNode; className?: string }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-md border-l-4 px-3 py-2 text-sm ${TONES[tone]} ${className}`}>
      {children}
    </div>
  );
}
