export const locales = ['en', 'de'] as const;
export type Locale = (typeof locales)[number];

/** Each language named in itself, so people find theirs whatever is shown now. */
export const localeNames: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

const STORAGE_KEY = 'discordgym.locale';

export const isLocale = (value: unknown): value is Locale => locales.some((l) => l === value);

/** The stored choice first, then the browser's languages in order, then English. */
export function detectLocale(): Locale {
  const stored = readStored();
  if (stored) return stored;
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be disabled (private mode, policies); the choice then lasts for this visit.
  }
}

function readStored(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}
