import { de, deErrors } from './de.messages';
import { en, enErrors, type ErrorMessages, type MessageKey, type Messages } from './en.messages';
import type { Locale } from './locale';

const dictionaries: Record<Locale, { messages: Messages; errors: ErrorMessages }> = {
  en: { messages: en, errors: enErrors },
  de: { messages: de, errors: deErrors },
};

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** `{name}` placeholders; a missing variable stays visible rather than printing "undefined". */
export const interpolate = (text: string, vars: Vars = {}): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

export function createTranslator(locale: Locale): { t: Translate; errors: ErrorMessages } {
  const { messages, errors } = dictionaries[locale];
  return { t: (key, vars) => interpolate(messages[key], vars), errors };
}
