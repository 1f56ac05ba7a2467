import { type ReactNode, useEffect, useId, useRef } from 'react';
import { IconButton } from './icon-button.component';

export interface DialogProps {
  open: boolean;
  title: string;
  closeLabel: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons in the footer. */
  footer?: ReactNode;
  size?: 'sm' | 'md';
  /** False when the dialog closes by taking the user elsewhere (the focus then goes there, not back). */
  returnFocus?: boolean;
}

/**
 * A modal on the native <dialog>: the browser traps focus, Escape closes it and the
 * backdrop blocks the page; focus goes back to whatever opened it.
 */
export function Dialog({ open, title, closeLabel, onClose, children, footer, size = 'md', returnFocus = true }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      // The first field, rather than the close button the browser would pick.
      dialog.querySelector<HTMLElement>('[data-autofocus], input:not([type="hidden"]), textarea, select')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    if (open) return;
    const previous = opener.current;
    opener.current = null;
    if (returnFocus && previous instanceof HTMLElement && previous.isConnected) previous.focus();
  }, [open, returnFocus]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === ref.current) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${size === 'sm' ? 'max-w-md' : 'max-w-lg'} rounded-lg bg-surface-700 p-0 text-fg-muted shadow-2xl backdrop:bg-black/70`}
    >
      {open && (
        <div className="flex max-h-[85dvh] flex-col">
          <div className="flex items-start justify-between gap-4 px-4 pt-4 sm:px-5">
            <h2 id={titleId} className="text-xl font-semibold text-fg">
              {title}
            </h2>
            <IconButton icon="close" label={closeLabel} onClick={onClose} className="-mt-1 -mr-2" />
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4 sm:px-5">{children}</div>
          {footer && <div className="flex flex-wrap justify-end gap-2 rounded-b-lg bg-surface-800 px-4 py-3 sm:px-5">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
