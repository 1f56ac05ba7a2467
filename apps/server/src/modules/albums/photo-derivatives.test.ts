import exifr from 'exifr';
import sharp from 'sharp';
import { thumbHashToApproximateAspectRatio } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { GPS, jpegWithGps, pngImage, webpChunks } from '../../../test/album-upload-fixtures';
import { makeDerivatives, PREVIEW_PX, THUMB_PX } from './photo-derivatives';

describe('makeDerivatives', () => {
  it('a sideways JPEG with GPS: WebP thumbnail and preview, turned upright, without any metadata; taken-at and placeholder kept', async () => {
    const original = await jpegWithGps(3000, 2000);
    // The fixture really carries what must not reach a guest.
    const gps = await exifr.gps(original);
    expect(gps.latitude).toBeCloseTo(GPS.latitude, 3);
    expect(gps.longitude).toBeCloseTo(GPS.longitude, 3);

    const derived = await makeDerivatives(original);
    // Orientation 6 turns 3000 × 2000 into a portrait 2000 × 3000.
    expect({ width: derived.width, height: derived.height }).toEqual({ width: 2000, height: 3000 });
    expect(derived.takenAt?.toISOString()).toBe('2026-06-01T21:15:30.000Z');

    for (const [bytes, longest] of [[derived.thumb, THUMB_PX], [derived.preview, PREVIEW_PX]] as const) {
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width!, meta.height!)).toBe(longest);
      expect(meta.height).toBeGreaterThan(meta.width!);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      // No EXIF or XMP chunk in the file at all, and exifr finds no GPS in it.
      expect(webpChunks(bytes).filter((c) => c === 'EXIF' || c === 'XMP ')).toEqual([]);
      expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
      expect(bytes.includes(Buffer.from('TestCam'))).toBe(false);
    }
    const ratio = thumbHashToApproximateAspectRatio(Buffer.from(derived.placeholder, 'base64'));
    expect(ratio).toBeCloseTo(2 / 3, 1);
  });

  it('never enlarges a small image; no EXIF means no taken-at', async () => {
    const derived = await makeDerivatives(await pngImage(300, 200));
    expect({ width: derived.width, height: derived.height, takenAt: derived.takenAt }).toEqual({ width: 300, height: 200, takenAt: null });
    expect((await sharp(derived.preview).metadata()).width).toBe(300);
  });

  it('refuses a file that is no image it can decode', async () => {
    await expect(makeDerivatives(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(100)]))).rejects.toThrow();
  });
});
