import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '@twilio/conversations';
import { CHANNEL_ADMIN_ROLE, CHANNEL_USER_ROLE, SERVICE_ADMIN_ROLE, SERVICE_USER_ROLE } from '../../../electron/emulator/conversations/roles';
import { harnessPerTest, waitForEvent, waitForMatch } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

const refused = { status: 403, body: { code: 50107 } };

describe('roles and permissions, as Twilio’s default roles grant them', () => {
  const h = harnessPerTest();

  /** alice creates and joins (channel admin), adds bob (channel user); each has sent one message. */
  async function room(): Promise<{ aliceConv: Conversation; bobConv: Conversation; aliceMsg: Message; bobMsg: Message }> {
    const alice = await h.client('alice');
    const bob = await h.client('bob');
    const aliceConv = await alice.createConversation({ friendlyName: 'Team room' });
    await aliceConv.join();
    const joined = waitForEvent<Conversation>(bob, 'conversationJoined');
    await aliceConv.add('bob');
    const bobConv = await joined;
    const question = waitForMatch<Message>(bobConv as never, 'messageAdded', (m) => m.body === 'question');
    await aliceConv.sendMessage('question');
    const aliceMsg = await question;
    const answer = waitForMatch<Message>(aliceConv as never, 'messageAdded', (m) => m.body === 'answer');
    await bobConv.sendMessage('answer');
    return { aliceConv, bobConv, aliceMsg, bobMsg: await answer };
  }

  it('lists the four default roles and the service configuration in Twilio’s shapes; role_sid defaults follow it', async () => {
    const { client } = restClient(h.emulator.info);
    const roles = await client.conversations.v1.roles.list();
    expect(roles.map((r) => [r.friendlyName, r.type]).sort()).toEqual([
      ['channel admin', 'conversation'],
      ['channel user', 'conversation'],
      ['service admin', 'service'],
      ['service user', 'service'],
    ]);
    const user = roles.find((r) => r.sid === CHANNEL_USER_ROLE)!;
    expect(user.permissions).toEqual(expect.arrayContaining(['sendMessage', 'editOwnMessageAttributes', 'deleteOwnMessage', 'leaveConversation']));
    expect(user.permissions).not.toContain('editAnyMessageAttributes');
    expect(user).toMatchObject({ accountSid: h.emulator.info.accountSid, chatServiceSid: h.emulator.info.serviceSid });
    expect(user.url).toMatch(/\/v1\/Roles\/RL0{31}1$/);

    const config = await client.conversations.v1.services(h.emulator.info.serviceSid).configuration().fetch();
    expect(config).toMatchObject({ defaultConversationCreatorRoleSid: CHANNEL_ADMIN_ROLE, defaultConversationRoleSid: CHANNEL_USER_ROLE, defaultChatServiceRoleSid: SERVICE_USER_ROLE });

    const carol = await client.conversations.v1.users.create({ identity: 'carol' });
    expect(carol.roleSid).toBe(SERVICE_USER_ROLE);
    const c = client.conversations.v1.conversations((await client.conversations.v1.conversations.create({ friendlyName: 'REST room' })).sid);
    expect((await c.participants.create({ identity: 'carol' })).roleSid).toBe(CHANNEL_USER_ROLE);
    expect((await c.participants.create({ identity: 'dave', roleSid: CHANNEL_ADMIN_ROLE })).roleSid).toBe(CHANNEL_ADMIN_ROLE);
    await expect(c.participants.create({ identity: 'erin', roleSid: SERVICE_ADMIN_ROLE })).rejects.toMatchObject({ status: 400 });
    await expect(client.conversations.v1.users('carol').update({ roleSid: CHANNEL_USER_ROLE })).rejects.toMatchObject({ status: 400 });
  });

  it('creates, fetches, updates and deletes roles under both prefixes, refusing unknown permissions and roles in use', async () => {
    const { client } = restClient(h.emulator.info);
    const svc = client.conversations.v1.services(h.emulator.info.serviceSid);
    const mod = await svc.roles.create({ friendlyName: 'moderator', type: 'conversation', permission: ['sendMessage', 'editAnyMessageAttributes'] });
    expect(mod).toMatchObject({ sid: expect.stringMatching(/^RL[0-9a-f]{32}$/), friendlyName: 'moderator', type: 'conversation', permissions: ['sendMessage', 'editAnyMessageAttributes'] });
    expect((await client.conversations.v1.roles(mod.sid).fetch()).friendlyName).toBe('moderator');
    const updated = await client.conversations.v1.roles(mod.sid).update({ permission: ['sendMessage'] });
    expect(updated.permissions).toEqual(['sendMessage']);
    await expect(svc.roles.create({ friendlyName: 'bad', type: 'service', permission: ['sendMessage'] })).rejects.toMatchObject({ status: 400 });
    await expect(svc.roles.create({ friendlyName: 'bad', type: 'conversation', permission: ['flyToTheMoon'] })).rejects.toMatchObject({ status: 400 });
    await expect(client.conversations.v1.roles(CHANNEL_USER_ROLE).remove()).rejects.toMatchObject({ status: 400 });
    const c = client.conversations.v1.conversations((await client.conversations.v1.conversations.create({})).sid);
    const p = await c.participants.create({ identity: 'mod', roleSid: mod.sid });
    await expect(client.conversations.v1.roles(mod.sid).remove()).rejects.toMatchObject({ status: 400 });
    await c.participants(p.sid).remove();
    expect(await client.conversations.v1.roles(mod.sid).remove()).toBe(true);
    await expect(client.conversations.v1.roles(mod.sid).fetch()).rejects.toMatchObject({ status: 404 });
  });

  it('lets a channel user send, edit and react on their own messages and leave, and refuses the rest with 50107', async () => {
    const { aliceConv, bobConv, aliceMsg, bobMsg } = await room();
    const bobsCopyOfAlices = (await bobConv.getMessages()).items.find((m) => m.sid === aliceMsg.sid)!;

    await bobMsg.updateAttributes({ reactions: { thumbs_up: ['bob'] } });
    await expect(bobsCopyOfAlices.updateAttributes({ reactions: { heart: ['bob'] } })).rejects.toMatchObject(refused);
    await expect(bobsCopyOfAlices.updateBody('rewritten')).rejects.toMatchObject(refused);
    await expect(bobsCopyOfAlices.remove()).rejects.toMatchObject(refused);
    await expect(bobConv.updateFriendlyName('Mine now')).rejects.toMatchObject(refused);
    await expect(bobConv.updateAttributes({ taken: true })).rejects.toMatchObject(refused);
    await expect(bobConv.add('mallory')).rejects.toMatchObject(refused);
    await expect(bobConv.removeParticipant('alice')).rejects.toMatchObject(refused);

    // The creator joined as channel admin: reacting on bob's message is allowed, and bob sees it.
    const aliceCopyOfBobs = (await aliceConv.getMessages()).items.find((m) => m.sid === bobMsg.sid)!;
    const seen = waitForMatch<{ message: Message; updateReasons: string[] }>(bobConv as never, 'messageUpdated', (e) => e.updateReasons.includes('attributes') && e.message.sid === bobMsg.sid && JSON.stringify(e.message.attributes).includes('alice'));
    await aliceCopyOfBobs.updateAttributes({ reactions: { thumbs_up: ['bob', 'alice'] } });
    expect((await seen).message.attributes).toEqual({ reactions: { thumbs_up: ['bob', 'alice'] } });

    const left = waitForMatch<{ identity: string | null }>(aliceConv as never, 'participantLeft', (p) => p.identity === 'bob');
    await bobConv.leave();
    await left;
  });

  it('applies role changes made over REST at once: a wider channel user role, a service admin user', async () => {
    const { bobConv, aliceMsg } = await room();
    const bobsCopyOfAlices = (await bobConv.getMessages()).items.find((m) => m.sid === aliceMsg.sid)!;
    await expect(bobsCopyOfAlices.updateAttributes({ reactions: { heart: ['bob'] } })).rejects.toMatchObject(refused);

    const { client } = restClient(h.emulator.info);
    const channelUser = await client.conversations.v1.roles(CHANNEL_USER_ROLE).fetch();
    await client.conversations.v1.roles(CHANNEL_USER_ROLE).update({ permission: [...channelUser.permissions, 'editAnyMessageAttributes'] });
    await bobsCopyOfAlices.updateAttributes({ reactions: { heart: ['bob'] } });
    await expect(bobConv.updateFriendlyName('Renamed by bob')).rejects.toMatchObject(refused);

    await client.conversations.v1.users('bob').update({ roleSid: SERVICE_ADMIN_ROLE });
    await bobConv.updateFriendlyName('Renamed by bob');
    expect((await client.conversations.v1.conversations(bobConv.sid).fetch()).friendlyName).toBe('Renamed by bob');
  });
});
