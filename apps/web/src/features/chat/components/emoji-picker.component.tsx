import { type KeyboardEvent, useEffect, useRef } from 'react';

/** A small, fixed set: enough to react in a gym chat without a picker library. */
export const QUICK_EMOJI = ['👍', '❤️', '😂', '🎉', '💪', '🔥', '😮', '😢', '🙏', '👀', '🏋️', '✅'] as const;

/**
 * A popover of emoji buttons. Focus starts on the first one, arrow keys move, Escape or a
 * click elsewhere closes it (and focus goes back to the button that opened it).
 */
export function EmojiPicker({ label, onPick, onClose, className = '' }: { label: string; onPick(emoji: string): void; onClose(): void; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
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

  const onKeyDown = (event: KeyboardEvent): void => {
    const buttons = [...(ref.current?.querySelectorAll('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 6, ArrowUp: -6 };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key in moves && index !== -1) {
      event.preventDefault();
      buttons[(index + moves[event.key]! + buttons.length) % buttons.length]?.focus();
    }
  };

  return (
    <div
      ref={ref}
      role="group"
      aria-label={label}
      onKeyDown={onKeyDown}
      className={`z-20 grid w-max grid-cols-6 gap-0.5 rounded-lg border border-surface-950/60 bg-surface-850 p-1.5 shadow-xl ${className}`}
    >
      {QUICK_EMOJI.map((emoji) => (
        <button
          key={emoji}
          type="button"
          onClick={() => onPick(emoji)}
          className="flex size-9 items-center justify-center rounded-[4px] text-xl hover:bg-surface-600"
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
