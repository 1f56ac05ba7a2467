import type { ReactNode } from 'react';
import { AppLogo } from '../../../components/app-logo.component';
import { LanguageSwitch } from '../../../components/language-switch.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useDocumentTitle } from '../../../lib/use-document-title.hook';

/** The signed-out frame: a centred card on a quiet backdrop, full width on phones. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const { t } = useI18n();
  useDocumentTitle(title);
  return (
    <div className="relative flex min-h-dvh flex-col bg-surface-900 bg-[radial-gradient(ellipse_at_top_left,#5865f233,transparent_55%),radial-gradient(ellipse_at_bottom_right,#eb459e1f,transparent_50%)]">
      <header className="flex items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <div className="flex items-center gap-2 text-fg">
          <AppLogo className="size-8" />
          <span className="text-lg font-bold tracking-tight">{t('app.name')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center sm:items-center sm:px-4 sm:pb-16">
        <section
          aria-labelledby="auth-title"
          className="w-full max-w-[480px] bg-surface-700 px-4 py-8 sm:rounded-lg sm:px-8 sm:shadow-[0_2px_10px_0_rgba(0,0,0,0.3)]"
        >
          <h1 id="auth-title" className="text-center text-2xl font-semibold text-fg">
            {title}
          </h1>
          <p className="mt-2 text-center text-base text-fg-muted">{subtitle}</p>
          <div className="mt-6">{children}</div>
        </section>
      </main>
    </div>
  );
}
