import { useMemo } from 'react';
import type { MessageKey } from '../../../lib/i18n/en.messages';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { chatDe, chatEn, type ChatMessageKey } from '../chat.messages';

type Vars = Record<string, string | number>;

/** A key of the app's dictionaries or of the chat's own. */
export type ChatTextKey = MessageKey | ChatMessageKey;
export type ChatTranslate = (key: ChatTextKey, vars?: Vars) => string;

/** `{name}` placeholders, as the app's translator fills them (not imported: that would split the entry chunk). */
const fill = (text: string, vars: Vars = {}): string => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** The app's i18n whose `t` also knows the chat's texts (looked up first, in the same language). */
export function useChatI18n() {
  const base = useI18n();
  const baseT = base.t;
  const t = useMemo<ChatTranslate>(() => {
    const dictionary: Record<ChatMessageKey, string> = base.locale === 'de' ? chatDe : chatEn;
    return (key, vars) => (Object.hasOwn(dictionary, key) ? fill(dictionary[key as ChatMessageKey], vars) : baseT(key as MessageKey, vars));
  }, [base.locale, baseT]);
  return { ...base, t };
}
