import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '@twilio/conversations';
import { harnessPerTest, waitForEvent, waitForMatch } from '../../helpers/emulator';

describe('media and paging through the emulator', () => {
  const h = harnessPerTest();

  it('uploads media and the other side downloads it byte-exact', async () => {
    const alice = await h.client('alice');
    const bob = await h.client('bob');
    const conv = await alice.createConversation({ friendlyName: 'Photos' });
    await conv.join();
    const joined = waitForEvent<Conversation>(bob, 'conversationJoined');
    await conv.add('bob');
    const bobConv = await joined;
    const bytes = randomBytes(300_000);
    const got = waitForMatch<Message>(bobConv as never, 'messageAdded', (m) => m.body === 'see attached');
    await conv.prepareMessage().setBody('see attached').addMedia({ contentType: 'image/png', filename: 'receipt.png', media: bytes }).build().send();
    const msg = await got;
    expect(msg.body).toBe('see attached');
    const [media] = msg.attachedMedia ?? [];
    expect(media).toMatchObject({ contentType: 'image/png', filename: 'receipt.png', size: bytes.length });
    const url = await media!.getContentTemporaryUrl();
    const res = await fetch(url!);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    const tampered = url!.replace(/Signature=[0-9a-f]/, 'Signature=z');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('rejects an MMS whose attachments exceed 5 MB with a clear message', async () => {
    const alice = await h.client('alice');
    const conv = await alice.createConversation({ friendlyName: 'MMS' });
    await conv.join();
    await conv.addNonChatParticipant('+15005550006', '+14155550123');
    const big = randomBytes(5 * 1024 * 1024 + 1);
    const send = conv.prepareMessage().addMedia({ contentType: 'image/jpeg', filename: 'big.jpg', media: big }).build().send();
    await expect(send).rejects.toMatchObject({ status: 400, body: { message: expect.stringMatching(/MMS attachments must total at most 5\.0 MB/) } });
  });

  it('pages 230 messages backwards and forwards', async () => {
    const alice = await h.client('alice');
    const conv = await alice.createConversation({ friendlyName: 'History' });
    await conv.join();
    for (let i = 0; i < 230; i++) await conv.sendMessage(`m${i}`);
    let page = await conv.getMessages(50);
    const seen: number[] = page.items.map((m) => m.index);
    expect(seen.at(-1)).toBe(229);
    while (page.hasPrevPage) {
      page = await page.prevPage();
      seen.unshift(...page.items.map((m) => m.index));
    }
    expect(seen).toEqual(Array.from({ length: 230 }, (_, i) => i));
    let forward = await conv.getMessages(60, 100, 'forward');
    const after: number[] = forward.items.map((m) => m.index);
    while (forward.hasNextPage) {
      forward = await forward.nextPage();
      after.push(...forward.items.map((m) => m.index));
    }
    expect(after).toEqual(Array.from({ length: 130 }, (_, i) => i + 100));
  });
});
