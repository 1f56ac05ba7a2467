import { randomBytes } from 'node:crypto';
import { Message } from '@discordgym/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { attachmentLinks, download, pdfBytes, pngImage, uploadAttachment } from '../../../test/chat-attachment-fixtures';
import { CHAT_TEST_ENV, chatUsers, clientId, createGroup, expectOk, recordAll, socketIn } from '../../../test/chat-fixtures';
import { clusterEnv, startTestServer, type TestServer } from '../../../test/harness';
import { emitAck, eventually, type TestSocket } from '../../../test/sockets';

/**
 * Issue 12 across two instances sharing PostgreSQL, Redis and the S3 server: A uploads and
 * sends on instance 1, B (on instance 2) gets the message live with its attachments, reads
 * them in history there, and downloads the PDF through a link instance 2 signed.
 */
describe('chat attachments across two instances', () => {
  const env = { ...clusterEnv(), ...inject('s3Env'), ...CHAT_TEST_ENV, REDIS_KEY_PREFIX: `${inject('redisPrefix')}chat-att-multi:${randomBytes(4).toString('hex')}:` };
  let one: TestServer;
  let two: TestServer;
  let api1: ApiClient;
  let api2: ApiClient;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    [one, two] = await Promise.all([startTestServer({ ...env, INSTANCE_ID: 'att-1' }), startTestServer({ ...env, INSTANCE_ID: 'att-2' })]);
    api1 = new ApiClient(one.url);
    api2 = new ApiClient(two.url);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it("B's socket on instance 2 receives A's image and PDF sent on instance 1, and B downloads the PDF there", async () => {
    const [a, b] = await chatUsers(api1, 2);
    const room = await createGroup(api1, a, [b]);
    const plan = pdfBytes(`plan ${randomBytes(8).toString('hex')}`);
    const image = await uploadAttachment(api1, a.token, room.id, { name: 'deadlift.png', type: 'image/png', bytes: await pngImage(80, 60) });
    const file = await uploadAttachment(api1, a.token, room.id, { name: 'plan.pdf', type: 'application/pdf', bytes: plan });
    const aSocket = await socketIn(one, a, [room.id]);
    const bSocket = await socketIn(two, b, [room.id]);
    sockets.push(aSocket, bSocket);
    const bEvents = recordAll(bSocket);

    const message = Message.parse(
      expectOk(await emitAck(aSocket, 'send-message', { chatroom_id: room.id, content: 'from instance 1', client_id: clientId(), attachment_ids: [image.id, file.id] })),
    );
    expect(message.attachments!.map((x) => [x.id, x.kind, x.name])).toEqual([
      [image.id, 'image', 'deadlift.png'],
      [file.id, 'file', 'plan.pdf'],
    ]);
    await eventually(() => expect(bEvents.filter((e) => e.event === 'new-message').map((e) => e.payload)).toEqual([message]), 10_000);

    const page = await api2.get(`/api/messages/${room.id}`, { token: b.token });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.items[0].attachments).toEqual(message.attachments);

    const links = await attachmentLinks(api2, b.token, room.id, [image.id, file.id]);
    const pdf = await download(api2, links.get(file.id)!.url);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.equals(plan)).toBe(true);
    expect(links.get(image.id)!.thumb_url).not.toBeNull();
  });
});
