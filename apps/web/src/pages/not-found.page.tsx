import { Link } from 'react-router';
import { AppLogo } from '../components/app-logo.component';
import { useI18n } from '../lib/i18n/use-i18n.hook';
import { useDocumentTitle } from '../lib/use-document-title.hook';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('notFound.title'));
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-4 bg-surface-900 px-4 text-center">
      <AppLogo className="size-16 opacity-80" />
      <h1 className="text-2xl font-bold text-fg">{t('notFound.title')}</h1>
      <p className="text-fg-muted">{t('notFound.body')}</p>
      <Link to="/" className="inline-flex min-h-10 items-center rounded-[4px] bg-brand px-4 text-sm font-medium text-white hover:bg-brand-hover">
        {t('notFound.home')}
      </Link>
    </main>
  );
}
