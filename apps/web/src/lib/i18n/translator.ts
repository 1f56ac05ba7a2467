import { en, enErrors, type ErrorMessages, type MessageKey, type Messages } from './en.messages';
import type { Locale } from './locale';

interface Dictionary {
  messages: Messages;
  errors: ErrorMessages;
}

// English is in the entry chunk; every other language is a chunk of its own, fetched before
// it is shown (see loadDictionary), so nobody downloads a dictionary they do not read.
const dictionaries: Partial<Record<Locale, Dictionary>> = { en: { messages: en, errors: enErrors } };
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Dictionary>> = {
  de: () => import('./de.messages').then((m) => ({ messages: m.de, errors: m.deErrors })),
};

/** Resolves once `locale` can be shown; rejects when its chunk cannot be fetched (offline with no service worker yet). */
export async function loadDictionary(locale: Locale): Promise<void> {
  if (dictionaries[locale] || locale === 'en') return;
  dictionaries[locale] = await loaders[locale]();
}

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** `{name}` placeholders; a missing variable stays visible rather than printing "undefined". */
export const interpolate = (text: string, vars: Vars = {}): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

export const hasDictionary = (locale: Locale): boolean => dictionaries[locale] !== undefined;

export function createTranslator(locale: Locale): { t: Translate; errors: ErrorMessages } {
  // A language whose chunk could not be fetched reads as English rather than as keys.
  const { messages, errors } = dictionaries[locale] ?? (dictionaries.en as Dictionary);
  return { t: (key, vars) => interpolate(messages[key], vars), errors };
}
