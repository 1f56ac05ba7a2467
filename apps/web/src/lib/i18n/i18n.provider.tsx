import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { errorText } from './error-text';
import { I18nContext, type I18nValue } from './i18n.context';
import { detectLocale, type Locale, storeLocale } from './locale';
import { createTranslator, hasDictionary, loadDictionary } from './translator';

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const wanted = initialLocale ?? detectLocale();
    // main.tsx renders after fetching the dictionary; if that failed, English it is (also for <html lang>).
    return hasDictionary(wanted) ? wanted : 'en';
  });

  useEffect(() => {
    // Screen readers pick pronunciation from <html lang>.
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(() => {
    const { t, errors } = createTranslator(locale);
    return {
      locale,
      t,
      errors,
      describeError: (error) => errorText(errors, error, locale),
      setLocale: (next) => {
        // Switched once its dictionary is here; a chunk that cannot be fetched leaves the language as it is.
        loadDictionary(next).then(
          () => {
            storeLocale(next);
            setLocaleState(next);
          },
          () => undefined,
        );
      },
    };
  }, [locale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
