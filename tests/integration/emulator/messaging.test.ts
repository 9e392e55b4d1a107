import { describe, expect, it } from 'vitest';
import type { Conversation, Message, Participant } from '@twilio/conversations';
import { harnessPerTest, waitForEvent, waitForMatch } from '../../helpers/emulator';

describe('real-time messaging through the emulator', () => {
  const h = harnessPerTest();

  it('two identities create, join, add and exchange messages live', async () => {
    const alice = await h.client('alice');
    const bob = await h.client('bob');
    const conv = await alice.createConversation({ friendlyName: 'Order #1042', attributes: { priority: 'high' } });
    await conv.join();
    const bobJoined = waitForEvent<Conversation>(bob, 'conversationJoined');
    await conv.add('bob');
    const bobConv = await bobJoined;
    expect(bobConv.friendlyName).toBe('Order #1042');
    expect(bobConv.attributes).toEqual({ priority: 'high' });

    const bobGot = waitForMatch<Message>(bobConv as never, 'messageAdded', (m) => m.body === 'hello bob');
    const index = await conv.sendMessage('hello bob');
    const msg = await bobGot;
    expect(msg.index).toBe(index);
    expect(msg.body).toBe('hello bob');
    expect(msg.author).toBe('alice');

    // Alice's own 'hello bob' may still be arriving: wait for bob's reply by its text.
    const aliceGot = waitForMatch<Message>(conv as never, 'messageAdded', (m) => m.body === 'hi alice');
    await bobConv.sendMessage('hi alice');
    expect((await aliceGot).body).toBe('hi alice');
    const participants = await conv.getParticipants();
    expect(participants.map((p: Participant) => p.identity).sort()).toEqual(['alice', 'bob']);
  });

  it('edits and deletes reach the other side', async () => {
    const alice = await h.client('alice');
    const bob = await h.client('bob');
    const conv = await alice.createConversation({ friendlyName: 'Edits' });
    await conv.join();
    const joined = waitForEvent<Conversation>(bob, 'conversationJoined');
    await conv.add('bob');
    const bobConv = await joined;
    const added = waitForMatch<Message>(bobConv as never, 'messageAdded', (m) => m.body === 'teh typo');
    await conv.sendMessage('teh typo');
    const bobMsg = await added;
    const [own] = (await conv.getMessages()).items;
    const updated = waitForMatch<{ message: Message; updateReasons: string[] }>(bobConv as never, 'messageUpdated', (e) => e.updateReasons.includes('body'));
    await own!.updateBody('the typo');
    expect((await updated).message.body).toBe('the typo');
    const removed = waitForEvent<Message>(bobConv, 'messageRemoved');
    await own!.remove();
    expect((await removed).sid).toBe(bobMsg.sid);
    expect((await bobConv.getMessages()).items).toHaveLength(0);
  });
});
