import { isVideoType, sniffMediaType } from '../../albums/media-sniffer';

/**
 * What a chat file really is, from its first bytes. The claim is never what is served: a
 * page of HTML or an SVG with a script, served back from storage as what it said it was,
 * would run in whoever opens it. Such files are refused outright, as is anything that claims
 * to be an image but is none; everything else is kept with the type its bytes show, and
 * downloaded (never rendered inline) with `nosniff`.
 */

/** Bytes read at complete: every signature below, the markup scan and the text check. */
export const ATTACHMENT_SNIFF_BYTES = 8192;
/** How far into the file the markup scan looks (after a BOM and leading whitespace). */
const MARKUP_SCAN_CHARS = 1024;

export const CHAT_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/heif'] as const;
const imageTypes: ReadonlySet<string> = new Set(CHAT_IMAGE_TYPES);

export type SniffVerdict =
  | { verdict: 'image'; contentType: (typeof CHAT_IMAGE_TYPES)[number] }
  | { verdict: 'file'; contentType: string }
  /** Markup a browser would run (HTML, SVG), or a claimed image that is none. */
  | { verdict: 'refused'; why: 'markup' | 'not_an_image' };

/**
 * Claimed types refused before anything is written: markup that runs script when opened
 * (HTML, XHTML, SVG, XML that may carry either) and script itself. Only the claim: the bytes
 * are checked again at complete whatever was claimed.
 */
export function isRefusedClaim(type: string): boolean {
  const t = type.toLowerCase();
  if (t === 'text/html' || t === 'application/xhtml+xml' || t === 'image/svg+xml' || t === 'text/xml' || t === 'application/xml') return true;
  if (t.endsWith('+xml')) return true;
  return /^(text|application)\/(x-)?(javascript|ecmascript)$/.test(t) || t === 'text/xsl' || t === 'application/xslt+xml';
}

/** Archives that are really a ZIP: their claim is kept when the bytes are a ZIP (an .xlsx stays an .xlsx). */
const ZIP_FAMILY = [/^application\/zip$/, /^application\/x-zip-compressed$/, /^application\/epub\+zip$/, /^application\/vnd\.openxmlformats-officedocument\.[a-z0-9.+-]+$/, /^application\/vnd\.oasis\.opendocument\.[a-z0-9.+-]+$/, /^application\/vnd\.ms-[a-z0-9.-]+\.macroenabled\.12$/];

const startsWith = (bytes: Buffer, signature: number[] | string, offset = 0): boolean => {
  const sig = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= offset + sig.length && bytes.subarray(offset, offset + sig.length).equals(sig);
};

/** Decides from the first bytes (up to ATTACHMENT_SNIFF_BYTES) and the claim made at create. */
export function sniffAttachment(head: Buffer, claimedType: string): SniffVerdict {
  const media = sniffMediaType(head);
  if (media && imageTypes.has(media)) return { verdict: 'image', contentType: media as (typeof CHAT_IMAGE_TYPES)[number] };
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return { verdict: 'image', contentType: 'image/gif' };
  if (looksLikeMarkup(head)) return { verdict: 'refused', why: 'markup' };
  if (claimedType.toLowerCase().startsWith('image/')) return { verdict: 'refused', why: 'not_an_image' };
  if (media && isVideoType(media)) return { verdict: 'file', contentType: media };
  return { verdict: 'file', contentType: fileType(head, claimedType.toLowerCase()) };
}

function fileType(head: Buffer, claimed: string): string {
  if (startsWith(head, '%PDF-')) return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return ZIP_FAMILY.some((pattern) => pattern.test(claimed)) ? claimed : 'application/zip';
  }
  if (startsWith(head, 'ID3') || (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe6) === 0xe2)) return 'audio/mpeg';
  if (startsWith(head, 'OggS')) return 'audio/ogg';
  if (startsWith(head, 'RIFF') && startsWith(head, 'WAVE', 8)) return 'audio/wav';
  if (isUtf8Text(head)) return 'text/plain';
  return 'application/octet-stream';
}

/** UTF-8 without NUL (the window may end inside a character: a cut sequence at the very end is fine). */
function isUtf8Text(head: Buffer): boolean {
  if (!head.length || head.includes(0)) return false;
  let end = head.length;
  // Up to three bytes of a multi-byte character the window cut off.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (needs > back) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Elements that, first in a document, make a browser treat it as HTML (the WHATWG sniffing list, and SVG). */
const MARKUP_ROOTS = /^<(!doctype\s+(html|svg)|html|head|body|script|iframe|svg|h1|div|font|table|a|style|title|b|br|p|object|embed|meta|img|form|math|frameset|base|link)[\s/>]/;

/**
 * HTML or SVG a browser would render: after a BOM, whitespace, an XML declaration, comments
 * and processing instructions, a document root from the list above; or XML that names SVG,
 * XHTML or a script anywhere in the first kilobyte. Bounded: only the first MARKUP_SCAN_CHARS.
 */
export function looksLikeMarkup(head: Buffer): boolean {
  let text = decodeHead(head).slice(0, MARKUP_SCAN_CHARS).toLowerCase();
  text = text.replace(/^[\s\u0000]+/, '');
  if (!text.startsWith('<')) return false;
  const isXml = text.startsWith('<?xml');
  for (;;) {
    text = text.replace(/^\s+/, '');
    const skipped = /^<\?[\s\S]*?\?>/.exec(text) ?? /^<!--[\s\S]*?-->/.exec(text) ?? (/^<!doctype\s+(?!html|svg)[^>]*>/.exec(text) as RegExpExecArray | null);
    if (!skipped) break;
    text = text.slice(skipped[0].length);
  }
  if (MARKUP_ROOTS.test(text)) return true;
  // An unfinished comment or declaration hides what follows: refused rather than guessed.
  if (text.startsWith('<!--') || text.startsWith('<?')) return true;
  return isXml && /<svg|<html|<script|xhtml|<xsl:|<\?xml-stylesheet|javascript:/.test(text);
}

/** The head as text: UTF-8 (a BOM dropped), or UTF-16 when it says so. */
function decodeHead(head: Buffer): string {
  if (startsWith(head, [0xfe, 0xff])) {
    const swapped = Buffer.from(head.subarray(2, head.length - (head.length % 2)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (startsWith(head, [0xff, 0xfe])) return head.subarray(2).toString('utf16le');
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return head.subarray(3).toString('utf8');
  return head.toString('latin1');
}
