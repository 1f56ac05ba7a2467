import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useChatI18n } from '../../chat/hooks/use-chat-i18n.hook';
import type { PersonSummary } from '../api/people.api';
import { displayName } from '../../chat/hooks/room-view';
import { ProfileCard } from './profile-card.component';

/** A person's name or avatar as a button that opens their profile card. */
export function PersonButton({ user, children, className = '', testId }: { user: PersonSummary; children: ReactNode; className?: string; testId?: string }) {
  const { t } = useChatI18n();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // The card unmounts with its modal dialog, so focus comes back from here once it is gone
  // (unless its Message button took us elsewhere and this name left the page).
  useEffect(() => {
    if (wasOpen.current && !open && button.current?.isConnected) button.current.focus();
    wasOpen.current = open;
  }, [open]);
  const close = () => setOpen(false);
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-label={t('people.openCard', { name: displayName(user) })}
        className={`cursor-pointer text-left hover:underline focus-visible:underline ${className}`}
        data-testid={testId}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        {children}
      </button>
      {open && <ProfileCard user={user} open={open} onClose={close} />}
    </>
  );
}
