import { useDocumentTitle } from '../lib/use-document-title.hook';

/** The page's one h1, which also names the browser tab. */
export function PageHeader({ title, subtitle }: { title: string; subtitle?: string }) {
  useDocumentTitle(title);
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-bold text-fg">{title}</h1>
      {subtitle && <p className="mt-1 text-fg-muted">{subtitle}</p>}
    </header>
  );
}
