import { type RefObject, useEffect } from 'react';
import { useLocation } from 'react-router';

/** Somewhere typing already means something: a field, a dialog, a menu. */
const BUSY = 'input, textarea, select, [contenteditable="true"], dialog, [role="dialog"], [role="menu"], [role="listbox"]';

/**
 * The composer is where a room starts: it takes the focus whenever a room is opened (from
 * the list, a link, the quick switcher), and a printable key typed while the focus is on
 * the page itself or the message list goes into it, as in Discord. Keys the list already
 * uses (R, E, + on a focused message) stay theirs: those are handled, and prevented, first.
 */
export function useTypeToCompose(composer: RefObject<HTMLTextAreaElement | null>): void {
  // Every navigation has its own key: also a second visit to the same room takes the focus.
  const { key } = useLocation();
  useEffect(() => {
    composer.current?.focus({ preventScroll: true });
  }, [composer, key]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      // One character and not a space (which scrolls the list): a letter, a digit, a sign.
      if ([...event.key].length !== 1 || event.key.trim() === '') return;
      const field = composer.current;
      if (!field || field.disabled) return;
      const focused = document.activeElement;
      const onPage = !focused || focused === document.body || focused.id === 'main';
      const onList = focused instanceof HTMLElement && focused.closest('[data-testid="message-list"]') !== null && !focused.closest(BUSY);
      if (!onPage && !onList) return;
      if (document.querySelector('dialog[open], [role="menu"]')) return;
      // Focus moved during keydown: the browser types the key into the composer itself.
      field.focus({ preventScroll: true });
      field.setSelectionRange(field.value.length, field.value.length);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [composer]);
}
