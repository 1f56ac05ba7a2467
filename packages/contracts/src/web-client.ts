// No zod here: the web app's entry chunk imports these through `@discordgym/contracts/web-client`
// without pulling in the schemas (the index evaluates every one of them).

/** Header the web app sends so the refresh token goes into the cookie, never into JS. */
export const WEB_CLIENT_HEADER = 'x-discordgym-client';
export const WEB_CLIENT_VALUE = 'web';
/**
 * Readable by scripts, set and cleared with the refresh cookie, holds nothing but "1": lets
 * the web app skip the refresh call (and its 401) on a load without any session.
 */
export const SESSION_HINT_COOKIE = 'dg_has_session';
