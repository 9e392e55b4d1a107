import { describe, expect, it } from 'vitest';
import type { Conversation } from '@twilio/conversations';
import { harnessPerTest, waitForEvent, type Harness } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

/** A raw GET of the REST API, for what twilio's client would never send. */
async function rawGet(h: Harness, path: string) {
  const { apiKeySid, apiKeySecret, restBaseUrl } = h.emulator.info;
  const res = await fetch(restBaseUrl + path, { headers: { authorization: 'Basic ' + Buffer.from(`${apiKeySid}:${apiKeySecret}`).toString('base64') } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const SMS_FROM = '+15005550006';

describe('ParticipantConversations and User Conversations through twilio’s own client', () => {
  const h = harnessPerTest();

  it('lists the conversations of an identity and of an address with Twilio’s fields, by conversation sid, under both prefixes', async () => {
    const { client } = restClient(h.emulator.info);
    const api = client.conversations.v1;
    const base = h.emulator.info.restBaseUrl;
    const a = await api.conversations.create({ friendlyName: 'Order 1', uniqueName: 'order-1', attributes: '{"desk":{"assignee":null}}' });
    const b = await api.conversations.create({ friendlyName: 'Order 2' });
    const other = await api.conversations.create({ friendlyName: 'Not hers' });
    const pa = await api.conversations(a.sid).participants.create({ identity: 'ana@desk.local' });
    await api.conversations(b.sid).participants.create({ identity: 'ana@desk.local' });
    await api.conversations(other.sid).participants.create({ identity: 'lee@desk.local' });
    const sms = await api.conversations(a.sid).participants.create({ 'messagingBinding.address': '+15551230001', 'messagingBinding.proxyAddress': SMS_FROM });

    const mine = await api.participantConversations.list({ identity: 'ana@desk.local' });
    expect(mine.map((x) => x.conversationSid)).toEqual([a.sid, b.sid].sort());
    const first = mine.find((x) => x.conversationSid === a.sid);
    const user = await api.users('ana@desk.local').fetch();
    expect(first).toMatchObject({
      accountSid: h.emulator.info.accountSid,
      chatServiceSid: h.emulator.info.serviceSid,
      participantSid: pa.sid,
      participantUserSid: user.sid,
      participantIdentity: 'ana@desk.local',
      participantMessagingBinding: null,
      conversationUniqueName: 'order-1',
      conversationFriendlyName: 'Order 1',
      conversationAttributes: '{"desk":{"assignee":null}}',
      conversationCreatedBy: 'system',
      conversationState: 'active',
      links: { participant: `${base}/v1/Conversations/${a.sid}/Participants/${pa.sid}`, conversation: `${base}/v1/Conversations/${a.sid}` },
    });
    expect(first?.conversationDateCreated).toEqual(a.dateCreated);

    const byAddress = await api.participantConversations.list({ address: '+15551230001' });
    expect(byAddress).toHaveLength(1);
    expect(byAddress[0]).toMatchObject({
      participantSid: sms.sid,
      participantUserSid: null,
      participantIdentity: null,
      participantMessagingBinding: { address: '+15551230001', proxy_address: SMS_FROM, type: 'sms', level: null, name: null, projected_address: null },
      conversationSid: a.sid,
    });

    const scoped = await api.services(h.emulator.info.serviceSid).participantConversations.list({ identity: 'ana@desk.local' });
    expect(scoped.map((x) => x.conversationSid)).toEqual(mine.map((x) => x.conversationSid));
    expect(scoped[0]?.links.conversation).toBe(`${base}/v1/Services/${h.emulator.info.serviceSid}/Conversations/${scoped[0]?.conversationSid}`);
    expect(await api.participantConversations.list({ identity: 'nobody' })).toEqual([]);

    const page = await rawGet(h, `/v1/ParticipantConversations?Address=${encodeURIComponent('+15551230001')}`);
    expect(page.json.meta).toMatchObject({
      key: 'conversations',
      page: 0,
      page_size: 50,
      first_page_url: `${base}/v1/ParticipantConversations?Address=%2B15551230001&PageSize=50&Page=0`,
      next_page_url: null,
      previous_page_url: null,
    });
  });

  it('answers 400 / 20001 when given neither Identity nor Address, or both', async () => {
    for (const query of ['', '?Identity=ana&Address=%2B15551230001']) {
      const res = await rawGet(h, `/v1/ParticipantConversations${query}`);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ status: 400, code: 20001 });
    }
    const { client } = restClient(h.emulator.info);
    await expect(client.conversations.v1.participantConversations.list()).rejects.toMatchObject({ status: 400, code: 20001 });
  });

  it('lists a user’s conversations with unread counts after the read horizon; update and leave reach the SDK', async () => {
    const agent = await h.client('agent@desk.local');
    const { client } = restClient(h.emulator.info);
    const api = client.conversations.v1;
    const base = h.emulator.info.restBaseUrl;
    const conv = await api.conversations.create({ friendlyName: 'Ticket 9', uniqueName: 'ticket-9' });
    const joined = waitForEvent<Conversation>(agent, 'conversationJoined');
    const p = await api.conversations(conv.sid).participants.create({ identity: 'agent@desk.local' });
    await joined;
    await api.conversations(conv.sid).participants.create({ 'messagingBinding.address': '+15551230002', 'messagingBinding.proxyAddress': SMS_FROM });
    for (const body of ['one', 'two', 'three']) await api.conversations(conv.sid).messages.create({ author: '+15551230002', body });

    const user = await api.users('agent@desk.local').fetch();
    // No read horizon yet: Twilio reports no count rather than a guess.
    let [uc] = await api.users('agent@desk.local').userConversations.list();
    expect(uc).toMatchObject({
      conversationSid: conv.sid,
      unreadMessagesCount: null,
      lastReadMessageIndex: null,
      participantSid: p.sid,
      userSid: user.sid,
      friendlyName: 'Ticket 9',
      uniqueName: 'ticket-9',
      conversationState: 'active',
      attributes: '{}',
      createdBy: 'system',
      notificationLevel: 'default',
      url: `${base}/v1/Users/${user.sid}/Conversations/${conv.sid}`,
      links: { participant: `${base}/v1/Conversations/${conv.sid}/Participants/${p.sid}`, conversation: `${base}/v1/Conversations/${conv.sid}` },
    });

    const sdkConv = await agent.getConversationBySid(conv.sid);
    const readUpdated = waitForEvent(sdkConv, 'updated');
    uc = await api.users(user.sid).userConversations('ticket-9').update({ lastReadMessageIndex: 0, notificationLevel: 'muted' });
    expect(uc).toMatchObject({ lastReadMessageIndex: 0, unreadMessagesCount: 2, notificationLevel: 'muted' });
    await readUpdated;
    expect(sdkConv.lastReadMessageIndex).toBe(0);
    expect(await sdkConv.getUnreadMessagesCount()).toBe(2);

    const scoped = api.services(h.emulator.info.serviceSid).users('agent@desk.local').userConversations;
    expect((await scoped(conv.sid).fetch()).url).toBe(`${base}/v1/Services/${h.emulator.info.serviceSid}/Users/${user.sid}/Conversations/${conv.sid}`);
    expect((await scoped.list()).map((x) => x.unreadMessagesCount)).toEqual([2]);

    const left = waitForEvent<Conversation>(agent, 'conversationLeft');
    await api.users('agent@desk.local').userConversations(conv.sid).remove();
    expect((await left).sid).toBe(conv.sid);
    expect(await api.users('agent@desk.local').userConversations.list()).toEqual([]);
    await expect(api.users('agent@desk.local').userConversations(conv.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect((await api.conversations(conv.sid).participants.list()).map((x) => x.identity)).toEqual([null]);
  });

  it('pages a user’s 120 conversations 50 at a time without skipping or repeating, and forgets deleted ones', async () => {
    const { client } = restClient(h.emulator.info);
    const api = client.conversations.v1;
    const sids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const c = await api.conversations.create({ friendlyName: `C${i}` });
      await api.conversations(c.sid).participants.create({ identity: 'busy' });
      sids.push(c.sid);
    }
    sids.sort();
    const listed = await api.users('busy').userConversations.list({ pageSize: 50 });
    expect(listed.map((x) => x.conversationSid)).toEqual(sids);
    const byIdentity = await api.participantConversations.list({ identity: 'busy', pageSize: 50 });
    expect(byIdentity.map((x) => x.conversationSid)).toEqual(sids);

    await api.conversations(sids[0] as string).remove();
    await api.conversations(sids[1] as string).participants('busy').remove();
    expect((await api.users('busy').userConversations.list({ pageSize: 1000 })).map((x) => x.conversationSid)).toEqual(sids.slice(2));
  });

  it('pages the service’s conversations in creation order from the index, neither skipping nor repeating while they come and go', async () => {
    const { client } = restClient(h.emulator.info);
    const api = client.conversations.v1.services(h.emulator.info.serviceSid);
    const days = [4, 2, 7, 1, 6, 3, 5];
    const made = [];
    for (const d of days) made.push(await api.conversations.create({ friendlyName: `day ${d}`, dateCreated: new Date(Date.UTC(2024, 0, d)) }));
    const first = await api.conversations.page({ pageSize: 3 });
    expect(first.instances.map((c) => c.friendlyName)).toEqual(['day 1', 'day 2', 'day 3']);
    // A conversation already read goes, one not yet read arrives: the next page starts after day 3 all the same.
    await api.conversations(made[3]!.sid).remove();
    await api.conversations.create({ friendlyName: 'day 8', dateCreated: new Date(Date.UTC(2024, 0, 8)) });
    const second = await first.nextPage();
    expect(second?.instances.map((c) => c.friendlyName)).toEqual(['day 4', 'day 5', 'day 6']);
    const third = await second?.nextPage();
    expect(third?.instances.map((c) => c.friendlyName)).toEqual(['day 7', 'day 8']);
    expect(await third?.nextPage()).toBeUndefined();
  });

  it('answers 404 / 20404 for an unknown user, and for a conversation the user takes no part in', async () => {
    const { client } = restClient(h.emulator.info);
    const api = client.conversations.v1;
    await expect(api.users('ghost').userConversations.list()).rejects.toMatchObject({ status: 404, code: 20404 });
    const c = await api.conversations.create({});
    await api.users.create({ identity: 'outsider' });
    await expect(api.users('outsider').userConversations(c.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(api.users('outsider').userConversations(c.sid).update({ notificationLevel: 'muted' })).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});
