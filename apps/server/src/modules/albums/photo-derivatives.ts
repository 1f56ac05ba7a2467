import exifr from 'exifr';
import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';

export const THUMB_PX = 400;
export const PREVIEW_PX = 1600;
/** thumbhash encodes at most 100 × 100 pixels. */
const PLACEHOLDER_PX = 100;
/** A decompression bomb (a tiny PNG claiming 100k × 100k) stops here instead of eating memory. */
const MAX_INPUT_PIXELS = 100_000_000;

export interface Derivatives {
  thumb: Buffer;
  preview: Buffer;
  /** Displayed size, orientation applied. */
  width: number;
  height: number;
  takenAt: Date | null;
  /** Base64 thumbhash of the thumbnail. */
  placeholder: string;
}

/**
 * The thumbnail and the preview guests see: WebP, EXIF and every other metadata dropped
 * (sharp writes none unless asked; no GPS reaches a guest), orientation applied to the
 * pixels so no viewer needs the tag. The original keeps its EXIF and stays private to hosts.
 * One decode: the preview is made from the original, the thumbnail from the preview.
 */
export async function makeDerivatives(original: Buffer): Promise<Derivatives> {
  const source = sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
  const meta = await source.metadata();
  const preview = await source
    .clone()
    .rotate()
    .resize(PREVIEW_PX, PREVIEW_PX, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
  const thumb = await sharp(preview).resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
  const tiny = await sharp(thumb)
    .resize(PLACEHOLDER_PX, PLACEHOLDER_PX, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const placeholder = Buffer.from(rgbaToThumbHash(tiny.info.width, tiny.info.height, tiny.data)).toString('base64');
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  return { thumb, preview, width, height, takenAt: await takenAt(original), placeholder };
}

/**
 * When the photo was taken, from EXIF. Cameras write local wall-clock time without an
 * offset (OffsetTimeOriginal is rare), so it is stored as that wall-clock time in UTC:
 * sorting one party's photos by it is right whatever the server's time zone.
 */
export async function takenAt(original: Buffer): Promise<Date | null> {
  try {
    const tags = (await exifr.parse(original, { pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal'], reviveValues: false })) as
      | Record<string, string | undefined>
      | undefined;
    const raw = tags?.DateTimeOriginal ?? tags?.CreateDate;
    const match = raw ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(raw) : null;
    if (!match) return null;
    const offset = tags?.OffsetTimeOriginal && /^[+-]\d{2}:\d{2}$/.test(tags.OffsetTimeOriginal) ? tags.OffsetTimeOriginal : 'Z';
    const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${offset}`);
    return Number.isNaN(date.getTime()) ? null : date;
  } catch {
    // No EXIF, or EXIF exifr cannot read: the photo simply has no taken-at time.
    return null;
  }
}
