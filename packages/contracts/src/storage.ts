import { z } from 'zod';

/**
 * The query of a URL signed by the disk storage (embedded mode): what it allows (key,
 * exact type and size for a PUT, part of which multipart upload, download name) and until
 * when, plus the signature over all of it. Made by the server, read by the server; the
 * browser only follows it.
 */
export const StorageObjectQuery = z
  .object({
    key: z.string().min(1).max(512),
    exp: z.coerce.number().int().positive(),
    sig: z.string().min(1).max(128),
    type: z.string().max(255).optional(),
    size: z.coerce.number().int().min(0).optional(),
    upload: z.string().regex(/^[a-f0-9]{32}$/).optional(),
    part: z.coerce.number().int().min(1).max(10_000).optional(),
    name: z.string().max(255).optional(),
  })
  .meta({ id: 'StorageObjectQuery' });
export type StorageObjectQuery = z.infer<typeof StorageObjectQuery>;
