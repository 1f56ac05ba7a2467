import type { Notification } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../lib/i18n/translator';
import { notificationBody } from './notification-view';

const { t } = createTranslator('en');

const dm = (fields: Partial<Notification>): Notification => ({
  id: '01890000-0000-7000-8000-000000000001',
  kind: 'dm',
  created_at: '2026-12-04T08:00:00.000Z',
  read_at: null,
  actor: null,
  chatroom_id: '01890000-0000-7000-8000-000000000002',
  message_id: '01890000-0000-7000-8000-000000000003',
  seq: 1,
  chatroom_name: null,
  excerpt: 'squats at 7?',
  ...fields,
});

describe('notificationBody', () => {
  it('reads a message of files only as its number of attachments', () => {
    expect(notificationBody(dm({ excerpt: '', attachment_count: 1 }), t)).toBe('📎 An attachment');
    expect(notificationBody(dm({ excerpt: '', attachment_count: 3 }), t)).toBe('📎 3 attachments');
  });

  it('shows the text when there is some, files or not, and says so when the message is gone', () => {
    expect(notificationBody(dm({ excerpt: 'the plan', attachment_count: 2 }), t)).toBe('the plan');
    expect(notificationBody(dm({ excerpt: 'hi @anna#1234' }), t)).toBe('hi @anna');
    expect(notificationBody(dm({ excerpt: null }), t)).toBe('This message was deleted.');
    expect(notificationBody(dm({ message_id: null, kind: 'friend_request' }), t)).toBeNull();
  });
});
