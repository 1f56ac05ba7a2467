import path from 'node:path';

/** Longest entry name in bytes we write (ZIP allows 65,535; unzip tools and file systems want far less). */
const NAME_MAX_BYTES = 180;
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'image/heif': '.heif',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
};

/**
 * ZIP entry names from uploaders' file names: no folders (no `../`, no absolute paths, no
 * backslashes), no control or reserved characters, bounded, the extension of the real type,
 * and unique within one archive (case-insensitively, for Windows and macOS).
 */
export class ZipNames {
  private readonly taken = new Set<string>();

  name(originalName: string | null, contentType: string, fallback: string): string {
    const extension = EXTENSIONS[contentType] ?? '';
    let stem = clean(path.posix.basename((originalName ?? '').replace(/\\/g, '/')));
    const dot = stem.lastIndexOf('.');
    if (dot > 0) stem = stem.slice(0, dot);
    stem = stem.replace(/^[.\s]+|[.\s]+$/g, '');
    if (!stem || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem = fallback;
    stem = truncateBytes(stem, NAME_MAX_BYTES - Buffer.byteLength(extension) - 8);
    let candidate = `${stem}${extension}`;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

function clean(name: string): string {
  // Control characters, bidi overrides, and what Windows refuses in a file name.
  return name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/gu, '_')
    .trim();
}

function truncateBytes(value: string, max: number): string {
  if (Buffer.byteLength(value) <= max) return value;
  let out = '';
  for (const char of value) {
    if (Buffer.byteLength(out + char) > max) break;
    out += char;
  }
  return out;
}
