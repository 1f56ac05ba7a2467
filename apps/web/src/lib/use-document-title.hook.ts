import { useEffect } from 'react';
import { useI18n } from './i18n/use-i18n.hook';

/** Tab title per page, so history, tabs and screen readers name where the user is. */
export function useDocumentTitle(title: string): void {
  const { t } = useI18n();
  const appName = t('app.name');
  useEffect(() => {
    document.title = title === appName ? appName : `${title} · ${appName}`;
  }, [title, appName]);
}
