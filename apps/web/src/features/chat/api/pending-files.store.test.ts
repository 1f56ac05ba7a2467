import { ATTACHMENTS_PER_MESSAGE_MAX, CHAT_ATTACHMENT_BYTES_MAX } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { enErrors } from '../../../lib/i18n/en.messages';
import { outboxFailureText } from '../hooks/attachment-failure';
import type { ChatTranslate } from '../hooks/use-chat-i18n.hook';
import type { OutboxEntry } from './outbox.store';
import { pendingFiles } from './pending-files.store';

const file = (name: string, size: number, type = 'text/plain'): File => new File([new Uint8Array(size)], name, { type });

describe('a composer’s pending files', () => {
  it('takes up to the maximum per room, says why the rest were left out, and keeps rooms apart', () => {
    pendingFiles.add('r1', Array.from({ length: ATTACHMENTS_PER_MESSAGE_MAX + 1 }, (_, i) => file(`f${i}.txt`, 5)));
    pendingFiles.add('r1', [file('huge.bin', CHAT_ATTACHMENT_BYTES_MAX + 1)]);
    const r1 = pendingFiles.get('r1');
    expect(r1.files).toHaveLength(ATTACHMENTS_PER_MESSAGE_MAX);
    // The last add's notice: one too large (the full message did not count it as overflow).
    expect(r1.notice).toEqual({ overflow: 0, refused: [{ name: 'huge.bin', reason: 'too-large' }] });
    expect(pendingFiles.get('r2').files).toEqual([]);
    pendingFiles.take('r1');
  });

  it('makes a local thumbnail only for images, and take empties the room', () => {
    pendingFiles.add('r3', [file('a.png', 4, 'image/png'), file('b.pdf', 4, 'application/pdf')]);
    const [image, pdf] = pendingFiles.get('r3').files;
    expect(image!.previewUrl).toMatch(/^blob:/);
    expect(pdf!.previewUrl).toBeNull();
    pendingFiles.remove('r3', pdf!.id);
    expect(pendingFiles.get('r3').files.map((f) => f.file.name)).toEqual(['a.png']);
    expect(pendingFiles.take('r3').map((f) => f.file.name)).toEqual(['a.png']);
    expect(pendingFiles.get('r3')).toEqual({ files: [], notice: null });
  });
});

describe('why a queued message with files was refused', () => {
  const t: ChatTranslate = (key, vars) => `${key}${vars ? ` ${JSON.stringify(vars)}` : ''}`;
  const entry = (patch: Partial<OutboxEntry>): OutboxEntry => ({
    client_id: 'c1',
    created_at: '',
    status: 'failed',
    chatroom_id: 'r',
    content: '',
    reply_to_id: null,
    attachments: [
      { name: 'a.pdf', type: 'application/pdf', size: 1 },
      { name: 'b.png', type: 'image/png', size: 1 },
    ],
    ...patch,
  });

  it('names the file and the reason the server gave', () => {
    expect(outboxFailureText(entry({ error_code: 'FILE_TYPE_REFUSED', error_detail: 'undecodable:1' }), t, enErrors)).toBe(
      'chat.attachmentFailed.undecodable {"name":"b.png"}',
    );
    expect(outboxFailureText(entry({ error_code: 'FILE_TYPE_REFUSED', error_detail: 'missing:0' }), t, enErrors)).toBe('chat.attachmentFailed.missing {"name":"a.pdf"}');
  });

  it('words the upload codes for chat, and leaves other codes to the app’s texts', () => {
    expect(outboxFailureText(entry({ error_code: 'QUOTA_EXCEEDED' }), t, enErrors)).toBe('chat.attachmentFailed.quota');
    expect(outboxFailureText(entry({ error_code: 'FORBIDDEN' }), t, enErrors)).toBe(enErrors.FORBIDDEN);
    expect(outboxFailureText(entry({ error_code: 'QUOTA_EXCEEDED', attachments: undefined }), t, enErrors)).toBe(enErrors.QUOTA_EXCEEDED);
  });
});
