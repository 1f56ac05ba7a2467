import { useMemo } from 'react';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { adminDe, adminEn, type AdminMessageKey } from '../admin.messages';

type Vars = Record<string, string | number>;

/** `{name}` placeholders, as the app's translator fills them (not imported: that would split the entry chunk). */
const fill = (text: string, vars: Vars = {}): string => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** The app's i18n plus `ta`, the admin area's own texts in the same language. */
export function useAdminI18n() {
  const base = useI18n();
  // Stable per language, so charts and memos that use it do not redo their work every render.
  const ta = useMemo(() => {
    const dictionary: Record<AdminMessageKey, string> = base.locale === 'de' ? adminDe : adminEn;
    return (key: AdminMessageKey, vars?: Vars) => fill(dictionary[key], vars);
  }, [base.locale]);
  return { ...base, ta };
}
