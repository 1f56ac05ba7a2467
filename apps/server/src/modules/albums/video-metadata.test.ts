import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { mp4Bytes, mp4WithLocation, VIDEO_LOCATION } from '../../../test/album-upload-fixtures';
import { findMoov, replaceRange, stripMoovMetadata } from './video-metadata';

const reader = (file: Buffer) => async (start: number, end: number) => file.subarray(start, end + 1);

describe('video metadata', () => {
  it('finds moov after mdat and blanks its udta and meta boxes (track ones too), in place', async () => {
    const file = mp4WithLocation(50_000);
    expect(file.includes(Buffer.from(VIDEO_LOCATION))).toBe(true);
    const moov = await findMoov(reader(file), file.length);
    expect(moov).not.toBeNull();
    expect(file.subarray(moov!.offset + 4, moov!.offset + 8).toString('latin1')).toBe('moov');
    const box = Buffer.from(file.subarray(moov!.offset, moov!.offset + moov!.size));
    expect(stripMoovMetadata(box)).toBe(3);
    expect(box.length).toBe(moov!.size);
    expect(box.includes(Buffer.from(VIDEO_LOCATION))).toBe(false);
    expect(box.includes(Buffer.from('TestPhone'))).toBe(false);
    expect(box.includes(Buffer.from('mvhd'))).toBe(true);
    expect(box.includes(Buffer.from('tkhd'))).toBe(true);

    // The copy: same length, the rest byte for byte, in small chunks across the boundary.
    const chunks = Array.from({ length: Math.ceil(file.length / 1000) }, (_, i) => file.subarray(i * 1000, (i + 1) * 1000));
    const copy = await buffer(Readable.from(chunks).pipe(replaceRange(moov!.offset, box)));
    expect(copy.length).toBe(file.length);
    expect(copy.subarray(0, moov!.offset).equals(file.subarray(0, moov!.offset))).toBe(true);
    expect(copy.subarray(moov!.offset).equals(box)).toBe(true);
    expect(copy.includes(Buffer.from(VIDEO_LOCATION))).toBe(false);
  });

  it('a file without moov, or with broken box sizes, has nothing to find', async () => {
    const plain = mp4Bytes(4096);
    expect(await findMoov(reader(plain), plain.length)).toBeNull();
    const broken = Buffer.from(plain);
    broken.writeUInt32BE(3, 0);
    expect(await findMoov(reader(broken), broken.length)).toBeNull();
  });
});
