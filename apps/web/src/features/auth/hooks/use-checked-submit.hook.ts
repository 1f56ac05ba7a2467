import { useRef, useState } from 'react';
import { TransportError } from '../../../lib/api/api-error';

/**
 * A submit whose checks live in a chunk of their own (see load-auth-validation.ts): one at a
 * time, shown as pending while the chunk is still on its way, and a chunk that cannot be
 * fetched reads as the network error it is.
 */
export function useCheckedSubmit() {
  const running = useRef(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<TransportError | null>(null);

  const run = <T>(load: () => Promise<T>, submit: (checks: T) => void): void => {
    if (running.current) return;
    running.current = true;
    setPending(true);
    setError(null);
    load()
      .then(submit, (cause: unknown) => setError(new TransportError('network', { cause })))
      .finally(() => {
        running.current = false;
        setPending(false);
      });
  };

  return { run, pending, error };
}
