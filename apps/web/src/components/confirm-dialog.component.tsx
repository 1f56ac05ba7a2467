import type { ReactNode } from 'react';
import { Button } from './button.component';
import { Dialog } from './dialog.component';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  cancelLabel: string;
  closeLabel: string;
  onConfirm(): void;
  onCancel(): void;
  children?: ReactNode;
  tone?: 'danger' | 'primary';
}

/** "Are you sure?" for a step that cannot be taken back: the safe choice has the focus first. */
export function ConfirmDialog({ open, title, confirmLabel, cancelLabel, closeLabel, onConfirm, onCancel, children, tone = 'danger' }: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      size="sm"
      title={title}
      closeLabel={closeLabel}
      onClose={onCancel}
      footer={
        <>
          <Button variant="ghost" onClick={onCancel} data-autofocus>
            {cancelLabel}
          </Button>
          <Button variant={tone === 'danger' ? 'danger' : 'primary'} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
