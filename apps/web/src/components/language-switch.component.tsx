import { useId } from 'react';
import { isLocale, localeNames, locales } from '../lib/i18n/locale';
import { useI18n } from '../lib/i18n/use-i18n.hook';

/** `compact` hides the label visually (still read out) where a phone header has no room. */
export function LanguageSwitch({ className = '', compact = false }: { className?: string; compact?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className={`flex items-center gap-2 ${className}`}>
      <label htmlFor={id} className={compact ? 'sr-only' : 'text-xs font-semibold text-fg-subtle'}>
        {t('language.label')}
      </label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
        className="h-8 rounded-[4px] border border-surface-500 bg-surface-900 px-2 text-sm text-fg"
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
