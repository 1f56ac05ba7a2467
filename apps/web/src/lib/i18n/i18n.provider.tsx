import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { errorText } from './error-text';
import { I18nContext, type I18nValue } from './i18n.context';
import { detectLocale, type Locale, storeLocale } from './locale';
import { createTranslator } from './translator';

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? detectLocale());

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
        storeLocale(next);
        setLocaleState(next);
      },
    };
  }, [locale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
