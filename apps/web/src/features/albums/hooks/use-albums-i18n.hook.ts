import { useMemo } from 'react';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { albumsDe, albumsEn, type AlbumsMessageKey } from '../albums.messages';

type Vars = Record<string, string | number>;

/** `{name}` placeholders, as the app's translator fills them (not imported: that would split the entry chunk). */
const fill = (text: string, vars: Vars = {}): string => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** The app's i18n plus `ta`, the albums' own texts in the same language. */
export function useAlbumsI18n() {
  const base = useI18n();
  const ta = useMemo(() => {
    const dictionary: Record<AlbumsMessageKey, string> = base.locale === 'de' ? albumsDe : albumsEn;
    return (key: AlbumsMessageKey, vars?: Vars) => fill(dictionary[key], vars);
  }, [base.locale]);
  return { ...base, ta };
}
