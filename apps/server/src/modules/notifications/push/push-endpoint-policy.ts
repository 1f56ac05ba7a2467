import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../../../config/config.module';
import type { Config } from '../../../config/env';

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Which URLs the server will POST push messages to. A subscription's endpoint comes from
 * the client, so without a rule anyone could make the server call any address it can
 * reach (SSRF). The rule: https on the default port, no credentials, and a host from
 * PUSH_ENDPOINT_HOSTS (the browsers' push services by default; `*` allows any public
 * host name but still no IP literal or single-label name). Plain http is accepted only
 * for a loopback host that is listed explicitly and only outside production: the
 * tests' local push service.
 */
@Injectable()
export class PushEndpointPolicy {
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly anyPublicHost: boolean;
  private readonly loopbackAllowed: boolean;

  constructor(@Inject(CONFIG) config: Config) {
    for (const entry of config.PUSH_ENDPOINT_HOSTS.map((h) => h.toLowerCase())) {
      if (entry.startsWith('*.')) this.suffixes.push(entry.slice(1));
      else if (entry.startsWith('.')) this.suffixes.push(entry);
      else this.exact.add(entry);
    }
    this.anyPublicHost = this.exact.has('*');
    this.loopbackAllowed = config.NODE_ENV !== 'production';
  }

  /** Why this endpoint is refused, or null when push messages may go there. */
  refusal(endpoint: string): string | null {
    if (!URL.canParse(endpoint)) return 'is not a URL';
    const url = new URL(endpoint);
    if (url.username || url.password) return 'must not carry credentials';
    const host = url.hostname.toLowerCase();
    if (LOOPBACK.has(host)) {
      if (this.loopbackAllowed && this.exact.has(host) && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
      return 'is not a push service this server sends to';
    }
    if (url.protocol !== 'https:') return 'must be an https URL';
    if (url.port && url.port !== '443') return 'must use the default https port';
    if (this.exact.has(host) || this.suffixes.some((s) => host.endsWith(s))) return null;
    const literal = isIP(host.replace(/^\[|\]$/g, '')) !== 0;
    if (this.anyPublicHost && !literal && host.includes('.') && !host.endsWith('.local') && !host.endsWith('.internal')) return null;
    return 'is not a push service this server sends to (see PUSH_ENDPOINT_HOSTS)';
  }
}
