import { createHmac, timingSafeEqual } from 'node:crypto';

/** The fields a signature covers, in a fixed order; `null` stands for an absent one, so no two grants read alike. */
export type SignedFields = ReadonlyArray<string | number | null>;

/**
 * The app's one scheme for signed links (storage URLs, album download links): HMAC-SHA256
 * over the JSON of the fields, base64url. The key is derived from JWT_SECRET with a label
 * per purpose: one secret to manage, but a signature made for one purpose (a storage URL)
 * never passes for another (a download link, a token).
 */
export class HmacSigner {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    this.key = createHmac('sha256', secret).update(purpose).digest();
  }

  sign(fields: SignedFields): string {
    return createHmac('sha256', this.key).update(JSON.stringify(fields)).digest('base64url');
  }

  verify(fields: SignedFields, signature: string): boolean {
    const expected = Buffer.from(this.sign(fields));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
