import { useSyncExternalStore } from 'react';

const subscribe = (listener: () => void): (() => void) => {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
};
const isVisible = (): boolean => document.visibilityState === 'visible';

/** Whether this tab is the one on screen. */
export const useDocumentVisible = (): boolean => useSyncExternalStore(subscribe, isVisible, () => true);
