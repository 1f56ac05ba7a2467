import { createECDH, createPublicKey, createDecipheriv, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A browser's side of Web Push, for tests: a P-256 key pair and an auth secret (what
 * `pushManager.subscribe` makes), the subscription JSON to hand to the server, and the
 * decryption of what arrives (RFC 8291 / RFC 8188 aes128gcm), written from the RFCs with
 * node:crypto so it checks web-push's encryption rather than repeating it.
 */
export class TestBrowserKeys {
  private readonly ecdh = createECDH('prime256v1');
  readonly auth = randomBytes(16);
  readonly publicKey: Buffer;

  constructor() {
    this.publicKey = this.ecdh.generateKeys();
  }

  subscription(endpoint: string): { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } } {
    return { endpoint, expirationTime: null, keys: { p256dh: this.publicKey.toString('base64url'), auth: this.auth.toString('base64url') } };
  }

  /** The plaintext of one aes128gcm push message body. */
  decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const recordSize = body.readUInt32BE(16);
    const idLength = body.readUInt8(20);
    const senderPublicKey = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    if (idLength !== 65) throw new Error(`keyid is ${idLength} bytes, not a P-256 public key`);
    if (ciphertext.length > recordSize) throw new Error('more than one record');

    const sharedSecret = this.ecdh.computeSecret(senderPublicKey);
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), this.publicKey, senderPublicKey]);
    const ikm = Buffer.from(hkdfSync('sha256', sharedSecret, this.auth, keyInfo, 32));
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));

    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
    // The last record ends with the delimiter 0x02 and then zero or more zero bytes of padding.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error('no last-record delimiter');
    return padded.subarray(0, end).toString('utf8');
  }
}

export interface ReceivedPush {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * A push service on 127.0.0.1: records every POST and answers each path with the status
 * the test chose (201 unless told otherwise), as FCM or Mozilla's autopush would.
 */
export class TestPushService {
  readonly received: ReceivedPush[] = [];
  private readonly statuses = new Map<string, number>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
        response.statusCode = this.statuses.get(path) ?? 201;
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A fresh endpoint path on this service, answering `status`. */
  endpoint(status = 201): string {
    const path = `/push/${randomBytes(8).toString('hex')}`;
    this.statuses.set(path, status);
    return `${this.url}${path}`;
  }

  to(endpoint: string): ReceivedPush[] {
    const path = new URL(endpoint).pathname;
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * Checks the VAPID Authorization header (RFC 8292): `vapid t=<JWT>, k=<public key>`, the
 * JWT signed ES256 by that key, for this push service's origin, not expired. Returns its claims.
 */
export function verifyVapid(header: string | undefined, origin: string): { aud: string; exp: number; sub: string; key: string } {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`not a VAPID header: ${header}`);
  const [, jwt, key] = match as unknown as [string, string, string];
  const [head, claims, signature] = jwt.split('.') as [string, string, string];
  const raw = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const valid = verify('sha256', Buffer.from(`${head}.${claims}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!valid) throw new Error('VAPID signature does not verify');
  if (JSON.parse(Buffer.from(head, 'base64url').toString()).alg !== 'ES256') throw new Error('not ES256');
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  if (body.aud !== origin) throw new Error(`aud ${body.aud} is not ${origin}`);
  if (body.exp * 1000 < Date.now()) throw new Error('expired');
  return { ...body, key };
}
