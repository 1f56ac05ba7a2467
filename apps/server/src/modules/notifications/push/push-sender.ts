import { Injectable } from '@nestjs/common';
import { generateRequestDetails } from 'web-push';
import { PushKeys } from './push-keys';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * - sent: the push service took it (2xx).
 * - gone: the subscription expired or was revoked (404 / 410): forget it.
 * - retry: the push service is busy or away (429, 5xx, network, timeout): try again later.
 * - refused: any other answer (a bad request, a key it does not accept): trying again will not help.
 */
export type PushOutcome = { result: 'sent' | 'gone' | 'retry' | 'refused'; status: number | null };

/** A day: a phone that comes back online tomorrow still gets today's mention; older is noise. */
const TTL_SECONDS = 24 * 3600;
const TIMEOUT_MS = 10_000;

/**
 * Sends one Web Push message: `web-push` encrypts it for the subscription (RFC 8291,
 * aes128gcm) and signs the VAPID header; the POST itself is ours, with a timeout and no
 * redirects followed (a push service never redirects; following one would undo the
 * endpoint policy).
 */
@Injectable()
export class PushSender {
  constructor(private readonly keys: PushKeys) {}

  async send(target: PushTarget, payload: string, urgency: 'normal' | 'high' = 'normal'): Promise<PushOutcome> {
    const vapid = this.keys.details;
    if (!vapid) return { result: 'refused', status: null };
    const request = generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
      vapidDetails: vapid,
      TTL: TTL_SECONDS,
      urgency,
      contentEncoding: 'aes128gcm',
    });
    let status: number;
    try {
      const response = await fetch(request.endpoint, {
        method: request.method,
        // fetch sets Content-Length itself from the body.
        headers: Object.fromEntries(Object.entries(request.headers).filter(([k]) => k.toLowerCase() !== 'content-length').map(([k, v]) => [k, String(v)])),
        body: request.body ? new Uint8Array(request.body) : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.status;
      // The body is a push service's short explanation at most; never read unbounded.
      await response.body?.cancel().catch(() => undefined);
    } catch {
      return { result: 'retry', status: null };
    }
    if (status >= 200 && status < 300) return { result: 'sent', status };
    if (status === 404 || status === 410) return { result: 'gone', status };
    if (status === 429 || status >= 500) return { result: 'retry', status };
    return { result: 'refused', status };
  }
}
