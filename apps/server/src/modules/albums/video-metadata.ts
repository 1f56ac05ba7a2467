import { Transform } from 'node:stream';

/**
 * Phones write where a video was taken into its `moov` box: `udta/©xyz`, `udta/loci`, or
 * Apple's `meta` keys (`com.apple.quicktime.location.ISO6709`), beside the camera model.
 * Guests get a copy of the video with every `udta` and `meta` box under `moov` and its
 * tracks turned into `free` (which players skip) and zeroed, so not even the bytes remain.
 * Same length, same offsets: the sample tables (`stco`) stay right without a re-mux.
 */

export interface BoxRange {
  offset: number;
  size: number;
}

/** A moov larger than this is not read into memory (real ones are a few MB even for long videos). */
export const MOOV_MAX_BYTES = 64 * 1024 * 1024;
const STRIPPED = new Set(['udta', 'meta']);
const CONTAINERS = new Set(['trak']);

/** Walks the top-level boxes by their headers only and answers where `moov` is. */
export async function findMoov(read: (start: number, end: number) => Promise<Buffer>, fileSize: number): Promise<BoxRange | null> {
  let offset = 0;
  // Bounded: a file of tiny boxes would otherwise mean many reads.
  for (let boxes = 0; offset + 8 <= fileSize && boxes < 10_000; boxes++) {
    const header = await read(offset, Math.min(offset + 15, fileSize - 1));
    if (header.length < 8) return null;
    let size = header.readUInt32BE(0);
    const type = header.subarray(4, 8).toString('latin1');
    if (size === 1) {
      if (header.length < 16) return null;
      size = Number(header.readBigUInt64BE(8));
    } else if (size === 0) {
      size = fileSize - offset;
    }
    if (size < 8 || offset + size > fileSize) return null;
    if (type === 'moov') return { offset, size };
    offset += size;
  }
  return null;
}

/** Blanks every metadata box under moov and its tracks, in place; answers how many. */
export function stripMoovMetadata(moov: Buffer): number {
  return blankChildren(moov, headerLength(moov, 0), moov.length);
}

function headerLength(buffer: Buffer, offset: number): number {
  return buffer.readUInt32BE(offset) === 1 ? 16 : 8;
}

function blankChildren(buffer: Buffer, start: number, end: number): number {
  let blanked = 0;
  for (let offset = start; offset + 8 <= end; ) {
    let size = buffer.readUInt32BE(offset);
    if (size === 1) size = Number(buffer.readBigUInt64BE(offset + 8));
    else if (size === 0) size = end - offset;
    if (size < 8 || offset + size > end) break;
    const type = buffer.subarray(offset + 4, offset + 8).toString('latin1');
    const header = headerLength(buffer, offset);
    if (STRIPPED.has(type)) {
      buffer.write('free', offset + 4, 'latin1');
      buffer.fill(0, offset + header, offset + size);
      blanked += 1;
    } else if (CONTAINERS.has(type)) {
      blanked += blankChildren(buffer, offset + header, offset + size);
    }
    offset += size;
  }
  return blanked;
}

/** Passes a stream through, with bytes [offset, offset + replacement.length) replaced. */
export function replaceRange(offset: number, replacement: Buffer): Transform {
  let position = 0;
  const end = offset + replacement.length;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const start = position;
      position += chunk.length;
      if (position <= offset || start >= end) return done(null, chunk);
      const out = Buffer.from(chunk);
      const from = Math.max(offset, start);
      const to = Math.min(end, position);
      replacement.copy(out, from - start, from - offset, to - offset);
      done(null, out);
    },
  });
}
