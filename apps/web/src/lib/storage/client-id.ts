/**
 * A client-generated idempotency key (the contract's `ClientId`: 8–64 of [A-Za-z0-9_-]).
 * getRandomValues works outside secure contexts too, unlike crypto.randomUUID.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
