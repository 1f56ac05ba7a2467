import { createContext } from 'react';
import type { ErrorMessages } from './en.messages';
import type { Locale } from './locale';
import type { Translate } from './translator';

export interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** The text for any thrown error, in the current language. */
  describeError(error: unknown): string;
  errors: ErrorMessages;
}

export const I18nContext = createContext<I18nValue | null>(null);
