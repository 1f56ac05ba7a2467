import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isRefusedClaim, looksLikeMarkup, sniffAttachment } from './attachment-sniffer';

const text = (s: string) => Buffer.from(s, 'utf8');
const withBom = (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(s)]);
/** The type of a kept file (undefined when refused). */
const typeOf = (head: Buffer, claimed: string) => {
  const verdict = sniffAttachment(head, claimed);
  return verdict.verdict === 'refused' ? undefined : verdict.contentType;
};
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

describe('chat attachment sniffing', () => {
  it('takes real images as images, whatever was claimed', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } }).png().toBuffer();
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } }).jpeg().toBuffer();
    const webp = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } }).webp().toBuffer();
    expect(sniffAttachment(png, 'image/png')).toEqual({ verdict: 'image', contentType: 'image/png' });
    expect(sniffAttachment(jpeg, 'application/octet-stream')).toEqual({ verdict: 'image', contentType: 'image/jpeg' });
    expect(sniffAttachment(webp, 'image/jpeg')).toEqual({ verdict: 'image', contentType: 'image/webp' });
    expect(sniffAttachment(text('GIF89a\x01\x00\x01\x00'), 'image/gif')).toEqual({ verdict: 'image', contentType: 'image/gif' });
  });

  it.each([
    ['svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['svg after an XML declaration', '<?xml version="1.0" encoding="UTF-8"?>\n<svg onload="alert(1)"/>'],
    ['svg after a doctype and comment', '<?xml version="1.0"?><!-- made by hand --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'],
    ['html doctype', '<!doctype html><title>x</title>'],
    ['HTML doctype, upper case, after whitespace', '\n\t  <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"><HTML>'],
    ['html root', '<html><body>hi</body></html>'],
    ['a bare script', '<script>fetch("/api/auth/me")</script>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['xhtml in xml', '<?xml version="1.0"?><page xmlns="http://www.w3.org/1999/xhtml"><p>x</p></page>'],
    ['an unfinished comment hiding what follows', '<!-- ' + 'x'.repeat(2000)],
  ])('refuses %s (claimed as a plain file too)', (_name, source) => {
    expect(looksLikeMarkup(text(source))).toBe(true);
    expect(sniffAttachment(text(source), 'application/octet-stream')).toEqual({ verdict: 'refused', why: 'markup' });
    expect(sniffAttachment(text(source), 'text/plain')).toEqual({ verdict: 'refused', why: 'markup' });
  });

  it('sees markup behind a UTF-8 or UTF-16 byte order mark', () => {
    expect(looksLikeMarkup(withBom('<svg/>'))).toBe(true);
    expect(looksLikeMarkup(utf16le('<html><script>1</script></html>'))).toBe(true);
    const be = Buffer.from('\ufeff<svg/>', 'utf16le').swap16();
    expect(looksLikeMarkup(be)).toBe(true);
  });

  it('refuses a claimed image that is none (a disguised file)', () => {
    expect(sniffAttachment(text('just some words'), 'image/png')).toEqual({ verdict: 'refused', why: 'not_an_image' });
    expect(sniffAttachment(text('%PDF-1.4 ...'), 'image/jpeg')).toEqual({ verdict: 'refused', why: 'not_an_image' });
  });

  it('types files by their bytes', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), text('ftypisom'), Buffer.from([0, 0, 2, 0]), text('isomiso2')]);
    const wav = Buffer.concat([text('RIFF'), Buffer.from([0x24, 0, 0, 0]), text('WAVEfmt ')]);
    expect(typeOf(text('%PDF-1.7\n%âãÏÓ'), 'application/pdf')).toBe('application/pdf');
    expect(sniffAttachment(zip, docx)).toEqual({ verdict: 'file', contentType: docx });
    expect(typeOf(zip, 'application/vnd.oasis.opendocument.spreadsheet')).toBe('application/vnd.oasis.opendocument.spreadsheet');
    // A ZIP claimed as something else is served as a ZIP, not as the claim.
    expect(typeOf(zip, 'application/pdf')).toBe('application/zip');
    expect(typeOf(mp4, 'video/mp4')).toBe('video/mp4');
    expect(typeOf(text('ID3\x04\x00'), 'audio/mpeg')).toBe('audio/mpeg');
    expect(typeOf(Buffer.from([0xff, 0xfb, 0x90, 0x64]), 'application/octet-stream')).toBe('audio/mpeg');
    expect(typeOf(text('OggS\x00\x02'), 'audio/ogg')).toBe('audio/ogg');
    expect(typeOf(wav, 'audio/wav')).toBe('audio/wav');
    expect(typeOf(text('squat 5x5 @ 100 kg\nbench 3x8 💪'), 'text/csv')).toBe('text/plain');
    // Plain XML data with no markup a browser would run is text.
    expect(typeOf(text('<?xml version="1.0"?><workouts><set reps="5"/></workouts>'), 'application/octet-stream')).toBe('text/plain');
    expect(typeOf(Buffer.from([1, 2, 0, 4, 5]), 'application/x-custom')).toBe('application/octet-stream');
    expect(typeOf(Buffer.from([0xc3, 0x28, 0x41]), 'text/plain')).toBe('application/octet-stream');
  });

  it('takes text cut inside a multi-byte character at the end of the window as text', () => {
    const cut = text('💪💪').subarray(0, 6);
    expect(typeOf(cut, 'text/plain')).toBe('text/plain');
  });

  it('refuses markup and script claims up front, and nothing else', () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml', 'application/xml', 'application/rss+xml', 'text/javascript', 'application/javascript', 'TEXT/HTML']) {
      expect(isRefusedClaim(type), type).toBe(true);
    }
    for (const type of ['image/png', 'application/pdf', 'application/octet-stream', 'text/plain', 'application/zip', 'application/epub+zip', 'video/mp4']) {
      expect(isRefusedClaim(type), type).toBe(false);
    }
  });
});
