import { HmacSigner, type SignedFields } from '../../common/hmac-signer';

/** What one signed disk URL allows: exactly this, until `exp` (unix seconds). */
export interface SignedGrant {
  method: 'PUT' | 'GET';
  key: string;
  exp: number;
  /** PUT: the exact Content-Type and Content-Length; GET: the type to answer with. */
  type?: string;
  size?: number;
  /** PUT of one part of a multipart upload. */
  upload?: string;
  part?: number;
  /** GET: the download name for Content-Disposition. */
  name?: string;
}

/**
 * HMAC-SHA256 over every field of a grant (the shared HmacSigner), so changing any query
 * parameter (another key, size, type, a later expiry) invalidates the signature. Its own
 * label: a storage signature never passes as a token or download-link signature.
 */
export class DiskUrlSigner {
  private readonly signer: HmacSigner;

  constructor(secret: string) {
    this.signer = new HmacSigner(secret, 'discordgym/storage-url/v1');
  }

  sign(grant: SignedGrant): string {
    return this.signer.sign(canonical(grant));
  }

  verify(grant: SignedGrant, signature: string): boolean {
    return this.signer.verify(canonical(grant), signature);
  }
}

function canonical(grant: SignedGrant): SignedFields {
  return [
    'v1',
    grant.method,
    grant.key,
    grant.exp,
    grant.type ?? null,
    grant.size ?? null,
    grant.upload ?? null,
    grant.part ?? null,
    grant.name ?? null,
  ];
}
