import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { EMOJI_DATA_URL } from '../api/emoji-data';

/** One click for the usual reactions; everything else is in the full picker below them. */
export const QUICK_EMOJI = ['👍', '❤️', '😂', '🎉', '💪', '🔥', '😮', '😢', '🙏', '👀', '🏋️', '✅'] as const;

/** The app's surface colours for the picker's (shadow DOM) styles. */
const PICKER_THEME: Record<string, string> = {
  '--background': 'var(--color-surface-850)',
  '--border-color': 'transparent',
  '--button-hover-background': 'var(--color-surface-600)',
  '--button-active-background': 'var(--color-surface-700)',
  '--input-border-color': 'var(--color-surface-950)',
  '--category-font-color': 'var(--color-fg-muted, #b5bac1)',
};

interface EmojiClickDetail {
  unicode?: string;
}

/**
 * A popover: a row of quick emoji and the full emoji picker (emoji-picker-element, loaded
 * on first open, with search, categories and the recently used ones first). Its data is
 * this app's own copy of the emoji list, never a CDN. Focus starts in the search field,
 * Escape or a click elsewhere closes it (and focus goes back to the button that opened it).
 */
export function EmojiPicker({ label, onPick, onClose, className = '' }: { label: string; onPick(emoji: string): void; onClose(): void; className?: string }) {
  const { t, locale } = useChatI18n();
  const ref = useRef<HTMLDivElement>(null);
  const slot = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;

  useEffect(() => {
    const opener = document.activeElement;
    ref.current?.querySelector('button')?.focus();
    const onPointer = (event: PointerEvent): void => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [onClose]);

  // The picker is a custom element: created here, after its module has loaded.
  useEffect(() => {
    let cancelled = false;
    let picker: HTMLElement | null = null;
    const onEmoji = (event: Event): void => {
      const unicode = (event as CustomEvent<EmojiClickDetail>).detail.unicode;
      if (unicode) pickRef.current(unicode);
    };
    void Promise.all([import('emoji-picker-element'), locale === 'de' ? import('emoji-picker-element/i18n/de.js') : Promise.resolve(null)])
      .then(([{ Picker }, de]) => {
        if (cancelled || !slot.current) return;
        const element = new Picker({ dataSource: EMOJI_DATA_URL, locale: 'en', ...(de ? { i18n: de.default } : {}) });
        element.classList.add('dark');
        for (const [name, value] of Object.entries(PICKER_THEME)) element.style.setProperty(name, value);
        element.setAttribute('data-testid', 'emoji-picker');
        element.addEventListener('emoji-click', onEmoji);
        slot.current.replaceChildren(element);
        picker = element;
        setLoaded(true);
        requestAnimationFrame(() => element.shadowRoot?.querySelector<HTMLInputElement>('input[type="search"]')?.focus());
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      picker?.removeEventListener('emoji-click', onEmoji);
      picker?.remove();
    };
  }, [locale]);

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    // Arrow keys move along the quick row; inside the full picker, it handles them itself.
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[data-quick-emoji]') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };
    if (event.key in moves && index !== -1) {
      event.preventDefault();
      buttons[(index + moves[event.key]! + buttons.length) % buttons.length]?.focus();
    }
  };

  return (
    <div ref={ref} onKeyDown={onKeyDown} className={`z-20 w-max rounded-lg border border-surface-950/60 bg-surface-850 p-1.5 shadow-xl ${className}`}>
      <div role="group" aria-label={label} className="flex gap-0.5 pb-1.5">
        {QUICK_EMOJI.map((emoji) => (
          <button
            key={emoji}
            type="button"
            data-quick-emoji=""
            onClick={() => onPick(emoji)}
            className="flex size-7 items-center justify-center rounded-[4px] text-lg hover:bg-surface-600"
          >
            {emoji}
          </button>
        ))}
      </div>
      <div ref={slot} className="h-[320px] [&>emoji-picker]:h-full [&>emoji-picker]:w-full" />
      {!loaded && (
        <p className="absolute inset-x-0 top-1/2 text-center text-sm text-fg-subtle" role="status">
          {t('chat.emojiLoading')}
        </p>
      )}
    </div>
  );
}
