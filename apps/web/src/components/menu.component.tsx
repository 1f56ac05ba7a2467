import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Icon, type IconName } from './icon.component';

export interface MenuEntry {
  id: string;
  label: string;
  icon?: IconName;
  tone?: 'default' | 'danger';
  onSelect(): void;
}

export interface MenuProps {
  /** The accessible name of the menu, e.g. "Message actions". */
  label: string;
  items: readonly MenuEntry[];
  /** Where it opens (viewport coordinates): the pointer, or the corner of what it is about. */
  at: { x: number; y: number };
  /** Gets the focus back when the menu closes (Escape, Tab, a choice). */
  opener: HTMLElement | null;
  onClose(): void;
  testId?: string;
}

const MARGIN = 8;

/**
 * A context menu (WAI-ARIA menu pattern): the first item takes the focus, ↑/↓ walk the
 * items and wrap, Home/End jump, Enter or Space choose, Escape and Tab close; the focus
 * goes back to the opener, before the chosen action runs (so an action that moves the
 * focus, like Reply to the composer, has the last word). A press outside closes it too.
 */
export function Menu({ label, items, at, opener, onClose, testId }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState(at);

  // Kept inside the window, flipped to the other side of the point when it would overflow.
  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const { width, height } = menu.getBoundingClientRect();
    const x = at.x + width + MARGIN > window.innerWidth ? Math.max(MARGIN, at.x - width) : at.x;
    const y = at.y + height + MARGIN > window.innerHeight ? Math.max(MARGIN, at.y - height) : at.y;
    setPosition({ x, y });
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
  }, [at]);

  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const onPointer = (event: PointerEvent): void => {
      if (!ref.current?.contains(event.target as Node)) closeRef.current();
    };
    const onScroll = (event: Event): void => {
      if (!ref.current?.contains(event.target as Node)) closeRef.current();
    };
    document.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('resize', closeRef.current);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('resize', closeRef.current);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, []);

  const close = (): void => {
    onClose();
    if (opener?.isConnected) opener.focus({ preventScroll: true });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = entries[(index + 1) % entries.length];
        break;
      case 'ArrowUp':
        next = entries[(index - 1 + entries.length) % entries.length];
        break;
      case 'Home':
        next = entries[0];
        break;
      case 'End':
        next = entries.at(-1);
        break;
      case 'Escape':
      case 'Tab':
        event.preventDefault();
        event.stopPropagation();
        close();
        return;
      default:
        return;
    }
    event.preventDefault();
    next?.focus();
  };

  return createPortal(
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
      style={{ left: position.x, top: position.y }}
      className="fixed z-50 min-w-48 rounded-md bg-surface-900 p-1.5 shadow-xl ring-1 ring-surface-950"
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            close();
            item.onSelect();
          }}
          className={`flex w-full items-center gap-2.5 rounded-[3px] px-2 py-1.5 text-left text-sm font-medium focus:outline-none ${
            item.tone === 'danger' ? 'text-[#fa777c] hover:bg-danger hover:text-white focus:bg-danger focus:text-white' : 'text-fg-muted hover:bg-brand hover:text-white focus:bg-brand focus:text-white'
          }`}
        >
          {item.icon && <Icon name={item.icon} className="size-4" />}
          <span className="flex-1">{item.label}</span>
        </button>
      ))}
    </div>,
    document.body,
  );
}
