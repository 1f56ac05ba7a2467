import { ATTACHMENTS_PER_MESSAGE_MAX, CHAT_ATTACHMENT_BYTES_MAX, UploadClientId } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import {
  attachmentClientId,
  checkFiles,
  claimedType,
  fileFamily,
  formatBytes,
  gridColumns,
  isLinkFresh,
  isPaintableImage,
  pollDelays,
  sendableName,
} from './attachment-files';
import { blobKey, blobKeyBounds } from './attachment-blobs';

const file = (name: string, size: number, type = 'application/octet-stream'): File => new File([new Uint8Array(size)], name, { type });

describe('formatBytes', () => {
  it('speaks in the unit that fits, one decimal below 100', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(980 * 1024)).toBe('980 KB');
    expect(formatBytes(1.2 * 1024 * 1024)).toBe('1.2 MB');
    expect(formatBytes(CHAT_ATTACHMENT_BYTES_MAX)).toBe('16 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
  });

  it('never shows 1024 of a unit: it rounds up to the next', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
  });

  it('uses the reader’s decimal sign', () => {
    expect(formatBytes(1.2 * 1024 * 1024, 'de')).toBe('1,2 MB');
  });
});

describe('checkFiles', () => {
  it('takes files up to the per-message maximum and counts the rest as left out', () => {
    const many = Array.from({ length: 12 }, (_, i) => file(`f${i}.txt`, 10));
    const check = checkFiles(0, many);
    expect(check.accepted).toHaveLength(ATTACHMENTS_PER_MESSAGE_MAX);
    expect(check.overflow).toBe(2);
    expect(check.refused).toEqual([]);
  });

  it('counts the files already held on the message', () => {
    const check = checkFiles(8, [file('a.txt', 1), file('b.txt', 1), file('c.txt', 1)]);
    expect(check.accepted.map((f) => f.name)).toEqual(['a.txt', 'b.txt']);
    expect(check.overflow).toBe(1);
  });

  it('refuses files over the size limit and empty ones, by name, without taking a slot', () => {
    const check = checkFiles(0, [file('big.bin', 101), file('empty.txt', 0), file('ok.txt', 100)], 100);
    expect(check.accepted.map((f) => f.name)).toEqual(['ok.txt']);
    expect(check.refused).toEqual([
      { name: 'big.bin', reason: 'too-large' },
      { name: 'empty.txt', reason: 'empty' },
    ]);
    expect(check.overflow).toBe(0);
  });

  it('uses the contract’s 16 MiB by default', () => {
    expect(checkFiles(0, [file('edge.bin', CHAT_ATTACHMENT_BYTES_MAX)]).accepted).toHaveLength(1);
    expect(checkFiles(0, [file('over.bin', CHAT_ATTACHMENT_BYTES_MAX + 1)]).refused).toHaveLength(1);
  });
});

describe('claimedType and names', () => {
  it('claims the browser’s type, else one by extension, else plain bytes', () => {
    expect(claimedType({ name: 'a.png', type: 'image/png' })).toBe('image/png');
    expect(claimedType({ name: 'plan.PDF', type: '' })).toBe('application/pdf');
    expect(claimedType({ name: 'x.heic', type: '' })).toBe('image/heic');
    expect(claimedType({ name: 'noext', type: '' })).toBe('application/octet-stream');
    expect(claimedType({ name: 'a.txt', type: 'text/plain;charset=utf-8' })).toBe('text/plain');
  });

  it('makes names the contract accepts', () => {
    expect(sendableName('  report\u0007.pdf ')).toBe('report.pdf');
    expect(sendableName('\u202eevil')).toBe('evil');
    expect(sendableName('\u0001')).toBe('file');
    expect(sendableName('x'.repeat(300))).toHaveLength(255);
  });

  it('paints only the image types every browser shows', () => {
    expect(isPaintableImage('image/png')).toBe(true);
    expect(isPaintableImage('image/heic')).toBe(false);
    expect(isPaintableImage('application/pdf')).toBe(false);
  });

  it('tells file families apart for the icon', () => {
    expect(fileFamily('application/pdf', 'a.pdf')).toBe('pdf');
    expect(fileFamily('application/octet-stream', 'a.pdf')).toBe('pdf');
    expect(fileFamily('application/zip', 'a.zip')).toBe('archive');
    expect(fileFamily('text/plain', 'notes.txt')).toBe('text');
    expect(fileFamily('image/webp')).toBe('image');
    expect(fileFamily('application/x-thing', 'a.bin')).toBe('other');
  });
});

describe('attachmentClientId', () => {
  it('is the same for the same message and place, and differs per place', () => {
    expect(attachmentClientId('msgAbc123', 0)).toBe(attachmentClientId('msgAbc123', 0));
    expect(attachmentClientId('msgAbc123', 0)).not.toBe(attachmentClientId('msgAbc123', 1));
    expect(attachmentClientId('msgAbc123', 0)).not.toBe(attachmentClientId('msgAbc124', 0));
  });

  it('always fits the contract’s UploadClientId, even from the longest message client_id', () => {
    for (const id of ['abcdefgh', 'x'.repeat(64), 'A-b_9'.repeat(12)]) {
      for (const index of [0, 9]) expect(UploadClientId.safeParse(attachmentClientId(id, index)).success).toBe(true);
    }
  });
});

describe('blob keys', () => {
  it('keeps one message’s files inside its bounds and another message’s outside, also for a longer id with the same start', () => {
    const [lower, upper] = blobKeyBounds('u1', 'abc');
    const inside = (key: string) => key >= lower && key <= upper;
    expect(inside(blobKey('u1', 'abc', 0))).toBe(true);
    expect(inside(blobKey('u1', 'abc', 9))).toBe(true);
    expect(inside(blobKey('u1', 'abcd', 0))).toBe(false);
    expect(inside(blobKey('u2', 'abc', 0))).toBe(false);
  });

  it('sorts in file order', () => {
    const keys = [9, 1, 0, 2].map((i) => blobKey('u', 'm', i)).sort();
    expect(keys).toEqual([0, 1, 2, 9].map((i) => blobKey('u', 'm', i)));
  });
});

describe('layout and timing', () => {
  it('grids one, two, three and four images', () => {
    expect([1, 2, 3, 4, 5, 10].map(gridColumns)).toEqual([1, 2, 3, 2, 3, 3]);
  });

  it('renews a link shortly before it expires', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(isLinkFresh('2026-12-03T10:05:00Z', now)).toBe(true);
    expect(isLinkFresh('2026-12-03T10:00:20Z', now)).toBe(false);
    expect(isLinkFresh('2026-12-03T09:59:00Z', now)).toBe(false);
  });

  it('polls with growing, capped waits and a bounded total', () => {
    const delays = pollDelays(300, 1.6, 3_000, 120_000);
    expect(delays[0]).toBe(300);
    expect(delays[1]).toBe(480);
    expect(Math.max(...delays)).toBe(3_000);
    expect(delays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(120_000);
    expect(delays.length).toBeGreaterThan(30);
  });
});
