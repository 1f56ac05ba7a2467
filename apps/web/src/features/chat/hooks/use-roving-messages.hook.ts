import { type RefObject, useEffect } from 'react';

const ITEM = '[data-message-item]';
/** Everything Tab would stop at; the message rows themselves are handled apart. */
const CONTROLS = 'a[href], button, input, select, textarea, summary, [contenteditable="true"], [tabindex]';
/** Marks a control this hook took out of the tab order, with the tabindex it had ('' for none). */
const PARKED = 'data-roving-parked';

/**
 * The message list is one tab stop (a roving tabindex): the list itself until a message
 * has been visited, then that message. Links and buttons inside messages (the action bar,
 * reactions, a reply preview, links in the text) are out of the tab order, except those of
 * the active message while the focus is inside the list. Done on the DOM, so whatever a
 * message renders is covered without each component knowing about it.
 */
export function useRovingMessages(list: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = list.current;
    if (!root) return;
    let active: HTMLElement | null = null;

    const apply = (focusInside: boolean): void => {
      if (active && !root.contains(active)) active = null;
      root.tabIndex = active ? -1 : 0;
      for (const item of root.querySelectorAll<HTMLElement>(ITEM)) {
        const wanted = item === active ? 0 : -1;
        if (item.tabIndex !== wanted) item.tabIndex = wanted;
      }
      for (const control of root.querySelectorAll<HTMLElement>(CONTROLS)) {
        if (control.matches(ITEM)) continue;
        const open = focusInside && active !== null && active.contains(control);
        const parked = control.hasAttribute(PARKED);
        if (open && parked) {
          const previous = control.getAttribute(PARKED) ?? '';
          control.removeAttribute(PARKED);
          if (previous === '') control.removeAttribute('tabindex');
          else control.setAttribute('tabindex', previous);
        } else if (!open && !parked && control.tabIndex >= 0) {
          control.setAttribute(PARKED, control.getAttribute('tabindex') ?? '');
          control.tabIndex = -1;
        }
      }
    };

    const onFocusIn = (event: FocusEvent): void => {
      const item = (event.target as HTMLElement).closest<HTMLElement>(ITEM);
      if (item && root.contains(item)) active = item;
      apply(true);
    };
    const onFocusOut = (event: FocusEvent): void => {
      const next = event.relatedTarget as Node | null;
      if (!next || !root.contains(next)) apply(false);
    };
    const observer = new MutationObserver(() => apply(root.contains(document.activeElement)));

    apply(root.contains(document.activeElement));
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('focusout', onFocusOut);
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('focusout', onFocusOut);
    };
  }, [list]);
}
