import { describe, expect, it } from 'vitest';
import type { Conversation, Participant, User } from '@twilio/conversations';
import { harnessPerTest, waitForEvent, waitForMatch, type Harness } from '../../helpers/emulator';

async function pair(h: Harness): Promise<{ aliceConv: Conversation; bobConv: Conversation }> {
  const alice = await h.client('alice');
  const bob = await h.client('bob');
  const aliceConv = await alice.createConversation({ friendlyName: 'Support' });
  await aliceConv.join();
  const joined = waitForEvent<Conversation>(bob, 'conversationJoined');
  await aliceConv.add('bob');
  const bobConv = await joined;
  // The roster loads after conversationJoined; events before that would find no participant.
  await bobConv.getParticipants();
  return { aliceConv, bobConv };
}

describe('conversation state through the emulator', () => {
  const h = harnessPerTest();

  it('tracks read horizons and unread counts per participant', async () => {
    const { aliceConv, bobConv } = await pair(h);
    for (const text of ['one', 'two', 'three']) await aliceConv.sendMessage(text);
    expect(await bobConv.getUnreadMessagesCount()).toBeNull();
    expect(await bobConv.updateLastReadMessageIndex(0)).toBe(2);
    const readSeen = waitForMatch<{ participant: Participant }>(aliceConv as never, 'participantUpdated', (e) => e.participant.identity === 'bob' && e.participant.lastReadMessageIndex === 2);
    const ownHorizon = waitForMatch<{ conversation: Conversation; updateReasons: string[] }>(bobConv as never, 'updated', (e) => e.conversation.lastReadMessageIndex === 2);
    expect(await bobConv.setAllMessagesRead()).toBe(0);
    await Promise.all([readSeen, ownHorizon]);
    expect(bobConv.lastReadMessageIndex).toBe(2);
    // The author's own horizon moves past what it sends.
    expect(await aliceConv.getUnreadMessagesCount()).toBe(0);
  });

  it('shows typing to the other participant and ends it on their message', async () => {
    const { aliceConv, bobConv } = await pair(h);
    const started = waitForEvent<Participant>(bobConv, 'typingStarted');
    await aliceConv.typing();
    expect((await started).identity).toBe('alice');
    const ended = waitForEvent<Participant>(bobConv, 'typingEnded');
    await aliceConv.sendMessage('done typing');
    expect((await ended).identity).toBe('alice');
  });

  it('adds SMS and WhatsApp participants and rejects invalid or duplicate addresses', async () => {
    const { aliceConv, bobConv } = await pair(h);
    const seen = waitForMatch<Participant>(bobConv as never, 'participantJoined', (p) => p.type === 'sms');
    await aliceConv.addNonChatParticipant('+15005550006', '+14155550123');
    expect((await seen).identity).toBeNull();
    const whatsapp = waitForMatch<Participant>(aliceConv as never, 'participantJoined', (p) => p.type === 'whatsapp');
    await aliceConv.addNonChatParticipant('whatsapp:+14155238886', 'whatsapp:+447700900123');
    await whatsapp;
    const types = (await aliceConv.getParticipants()).map((p) => p.type).sort();
    expect(types).toEqual(['chat', 'chat', 'sms', 'whatsapp']);
    // The SDK's error message is the HTTP status; Twilio's explanation travels in `body`.
    await expect(aliceConv.addNonChatParticipant('+15005550006', '+14155550123')).rejects.toMatchObject({ status: 409, body: { code: 50437 } });
    await expect(aliceConv.addNonChatParticipant('+15005550006', '555-0199')).rejects.toMatchObject({ status: 400, body: { message: expect.stringMatching(/E\.164/) } });
    await expect(aliceConv.add('bob')).rejects.toMatchObject({ status: 409, body: { code: 50433 } });
  });

  it('renames, mutes, updates attributes and leaves', async () => {
    const { aliceConv, bobConv } = await pair(h);
    const renamed = waitForMatch<{ conversation: Conversation; updateReasons: string[] }>(bobConv as never, 'updated', (e) => e.updateReasons.includes('friendlyName'));
    await aliceConv.updateFriendlyName('VIP support');
    await renamed;
    expect(bobConv.friendlyName).toBe('VIP support');
    const muted = waitForMatch<{ conversation: Conversation; updateReasons: string[] }>(bobConv as never, 'updated', (e) => e.updateReasons.includes('notificationLevel'));
    await bobConv.setUserNotificationLevel('muted');
    await muted;
    expect(bobConv.notificationLevel).toBe('muted');
    const left = waitForMatch<Participant>(aliceConv as never, 'participantLeft', (p) => p.identity === 'bob');
    await bobConv.leave();
    await left;
    expect((await aliceConv.getParticipants()).map((p) => p.identity)).toEqual(['alice']);
  });

  it('shares user profiles and reachability', async () => {
    const alice = await h.client('alice');
    const bob = await h.client('bob');
    const bobsViewOfAlice = await bob.getUser('alice');
    expect(bobsViewOfAlice.isOnline).toBe(true);
    const updated = waitForMatch<{ user: User; updateReasons: string[] }>(bobsViewOfAlice as never, 'updated', (e) => e.updateReasons.includes('friendlyName'));
    await alice.user.updateFriendlyName('Alice Agent');
    await updated;
    expect(bobsViewOfAlice.friendlyName).toBe('Alice Agent');
  });

  it('refuses a message from someone who is not a participant', async () => {
    const alice = await h.client('alice');
    const mallory = await h.client('mallory');
    const conv = await alice.createConversation({ uniqueName: 'private-room' });
    await conv.join();
    // Her list of conversations has no such room: Twilio's User Conversation resource only
    // covers conversations the user participates in. (This used to be `.catch(e => e)` followed
    // by `toBeDefined()`, which held whether the call succeeded or failed.)
    await expect(mallory.getConversationByUniqueName('private-room')).rejects.toMatchObject({ status: 404 });
    const raw = await mallory.peekConversationBySid(conv.sid);
    await expect(raw.sendMessage('let me in')).rejects.toMatchObject({ status: 403 });
    expect((await conv.getMessages()).items).toHaveLength(0);
  });
});
