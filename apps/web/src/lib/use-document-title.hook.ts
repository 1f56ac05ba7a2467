import { useEffect } from 'react';
import { documentTitle } from './document-title.store';
import { useI18n } from './i18n/use-i18n.hook';

/** Tab title per page, so history, tabs and screen readers name where the user is. */
export function useDocumentTitle(title: string): void {
  const { t } = useI18n();
  const appName = t('app.name');
  useEffect(() => {
    documentTitle.setTitle(title === appName ? appName : `${title} · ${appName}`);
  }, [title, appName]);
}

/** The total unread count in front of the tab title, e.g. "(3) DiscordGym"; gone again when the caller unmounts. */
export function useTitleBadge(count: number): void {
  useEffect(() => {
    documentTitle.setBadge(count);
  }, [count]);
  useEffect(() => () => documentTitle.setBadge(0), []);
}
