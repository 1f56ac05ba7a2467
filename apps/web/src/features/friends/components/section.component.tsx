import type { ReactNode } from 'react';

/** A card of the friends page, named by its heading. */
export function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section aria-labelledby={id} data-testid={testId} className="rounded-lg bg-surface-800 px-4 py-4 sm:px-5">
      <h2 id={id} className="mb-3 text-xs font-bold tracking-wide text-fg-subtle uppercase">
        {title}
      </h2>
      {children}
    </section>
  );
}
