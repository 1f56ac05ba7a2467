/**
 * What an uploaded file really is, from its first bytes. The type a client claims is
 * never trusted: an SVG or an HTML page renamed to x.jpg would otherwise be served back
 * to other guests as what it said it was.
 */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'video/mp4', 'video/quicktime'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** Enough for every signature below, ftyp's compatible brands included. */
export const SNIFF_BYTES = 64;

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'mp71', 'dash', 'MSNV', '3gp4', '3gp5']);
const QUICKTIME_BRANDS = new Set(['qt  ']);
/** ISO-BMFF brands that are images we do not take (AVIF): their compatible list also names mif1. */
const REFUSED_BRANDS = new Set(['avif', 'avis']);

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1');

/** The real type of a file from its first bytes, or null when it is none of the allowed ones. */
export function sniffMediaType(bytes: Buffer): UploadType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') return ftypType(bytes);
  return null;
}

/** HEIC/HEIF, MP4 and MOV all start with an ISO-BMFF `ftyp` box: major brand, then compatible brands. */
function ftypType(bytes: Buffer): UploadType | null {
  const boxSize = bytes.readUInt32BE(0);
  if (boxSize < 16) return null;
  const end = Math.min(boxSize, bytes.length);
  const major = ascii(bytes, 8, 12);
  const compatible: string[] = [];
  for (let offset = 16; offset + 4 <= end; offset += 4) compatible.push(ascii(bytes, offset, offset + 4));
  const brands = [major, ...compatible];
  if (brands.some((brand) => REFUSED_BRANDS.has(brand))) return null;
  // The major brand decides; the compatible list only when the major one is unknown.
  for (const brand of brands) {
    if (HEIC_BRANDS.has(brand)) return 'image/heic';
    if (HEIF_BRANDS.has(brand)) return 'image/heif';
    if (QUICKTIME_BRANDS.has(brand)) return 'video/quicktime';
    if (MP4_BRANDS.has(brand)) return 'video/mp4';
  }
  return null;
}

export const isVideoType = (type: string): boolean => type.startsWith('video/');
