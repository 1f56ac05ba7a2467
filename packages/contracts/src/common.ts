import { z } from 'zod';

/** Time-ordered ids (UUIDv7) everywhere: keyset paging, no offset. */
export const Id = z.uuid({ version: 'v7' });
export type Id = z.infer<typeof Id>;

export const IsoDate = z.iso.datetime({ offset: true });

/** C0/C1 control characters and bidi overrides: never in anything another person reads. */
const unsafeText = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** Single-line text a person typed: trimmed, no control characters, bounded. */
export const plainText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !unsafeText.test(value), { message: 'must not contain control characters' });

/** Multi-line text: newlines and tabs allowed, other control characters are not. */
export const multilineText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !unsafeText.test(value.replace(/[\n\t]/g, ' ')), {
      message: 'must not contain control characters',
    });

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next_cursor: z.string().nullable(),
  });
