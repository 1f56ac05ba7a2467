type AuthValidation = typeof import('./auth-form.validation');

let validation: Promise<AuthValidation> | null = null;

/**
 * The form checks run the contract's zod schemas, which the login page does not need to
 * show itself: fetched after the first paint (see preloadAuthValidation) or, at the latest,
 * on the first submit.
 */
export function loadAuthValidation(): Promise<AuthValidation> {
  validation ??= import('./auth-form.validation').catch((error: unknown) => {
    validation = null;
    throw error;
  });
  return validation;
}

/** While the person types: the checks (and the transport they share zod with) are there by the time they submit. */
export function preloadAuthValidation(): void {
  const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
  idle(() => {
    void loadAuthValidation().catch(() => undefined);
    void import('../../../lib/api/send-route').then((m) => m.loadTransport()).catch(() => undefined);
  });
}
