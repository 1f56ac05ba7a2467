import { describe, expect, it } from 'vitest';
import { htmlBytes, jpegWithGps, mp4Bytes, pngImage, svgBytes, webpImage } from '../../../test/album-upload-fixtures';
import { sniffMediaType } from './media-sniffer';

/** An ISO-BMFF ftyp box with the given major and compatible brands. */
function ftyp(major: string, ...compatible: string[]): Buffer {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  return Buffer.concat([box, Buffer.alloc(32)]);
}

describe('sniffMediaType: the real type from the first bytes', () => {
  it('knows JPEG, PNG and WebP made by sharp', async () => {
    expect(sniffMediaType(await jpegWithGps(64, 32))).toBe('image/jpeg');
    expect(sniffMediaType(await pngImage(8, 8))).toBe('image/png');
    expect(sniffMediaType(await webpImage(8, 8))).toBe('image/webp');
  });

  it('tells HEIC, HEIF, MP4 and MOV apart by their ftyp brands', () => {
    expect(sniffMediaType(ftyp('heic', 'mif1', 'heic'))).toBe('image/heic');
    expect(sniffMediaType(ftyp('mif1', 'heic'))).toBe('image/heif');
    expect(sniffMediaType(ftyp('mif1', 'miaf'))).toBe('image/heif');
    expect(sniffMediaType(mp4Bytes(256))).toBe('video/mp4');
    expect(sniffMediaType(ftyp('mp42', 'isom'))).toBe('video/mp4');
    expect(sniffMediaType(ftyp('qt  ', 'qt  '))).toBe('video/quicktime');
  });

  it('refuses SVG, HTML, AVIF, an unknown ftyp, text and empty files whatever their name', () => {
    expect(sniffMediaType(svgBytes())).toBeNull();
    expect(sniffMediaType(htmlBytes())).toBeNull();
    expect(sniffMediaType(ftyp('avif', 'mif1', 'miaf'))).toBeNull();
    expect(sniffMediaType(ftyp('xxxx', 'yyyy'))).toBeNull();
    expect(sniffMediaType(Buffer.from('GIF89a........'))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
    // A JPEG's first two bytes followed by HTML is not a JPEG.
    expect(sniffMediaType(Buffer.concat([Buffer.from([0xff, 0xd8]), htmlBytes()]))).toBeNull();
  });
});
