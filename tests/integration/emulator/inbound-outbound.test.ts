import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '@twilio/conversations';
import { placeholderPng } from '../../../electron/emulator/seed/png';
import { controlApi } from '../../helpers/control-api';
import { harnessPerTest, waitForEvent, waitForMatch } from '../../helpers/emulator';

const AGENT = 'agent@desk.local';
const SMS_PROXY = '+15005550006';
const WA_PROXY = 'whatsapp:+14155238886';

type DeliveryUpdate = { message: Message; updateReasons: string[] };

describe('customers’ phones through the control API', () => {
  const h = harnessPerTest();
  let api: ReturnType<typeof controlApi>;
  beforeEach(async () => {
    api = controlApi(h.emulator.info);
    expect((await api.setAutoJoin([AGENT])).body.auto_join_identities).toEqual([AGENT]);
  });

  it('a customer SMS autocreates a conversation that arrives live in the agent’s inbox, and follow-ups join it', async () => {
    const agent = await h.client(AGENT);
    const joined = waitForEvent<Conversation>(agent, 'conversationJoined');
    const first = await api.inbound({ From: '+14155550142', To: SMS_PROXY, Body: 'Where is my order?' });
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    const conv = await joined;
    expect(conv.sid).toBe(first.body.conversation_sid);
    expect(conv.friendlyName).toBe('+1 415 555 0142');
    expect(conv.attributes).toMatchObject({ channel: 'sms', customerAddress: '+14155550142', proxyAddress: SMS_PROXY });
    const [firstMessage] = (await conv.getMessages()).items;
    expect(firstMessage).toMatchObject({ sid: first.body.message_sid, author: '+14155550142', body: 'Where is my order?' });
    const customer = (await conv.getParticipants()).find((p) => p.sid === first.body.participant_sid);
    expect(customer?.type).toBe('sms');

    const live = waitForMatch<Message>(conv as never, 'messageAdded', (m) => m.body === 'It was #10482');
    const second = await api.inbound({ From: '+14155550142', To: SMS_PROXY, Body: 'It was #10482' });
    expect(second.body).toMatchObject({ created: false, conversation_sid: first.body.conversation_sid, participant_sid: first.body.participant_sid });
    const message = await live;
    expect(message.author).toBe('+14155550142');
    expect(message.body).toBe('It was #10482');
  });

  it('the agent’s reply reaches the customer’s phone as delivered', async () => {
    const agent = await h.client(AGENT);
    const joined = waitForEvent<Conversation>(agent, 'conversationJoined');
    await api.inbound({ From: '+13125550119', To: SMS_PROXY, Body: 'Can I move my delivery?' });
    const conv = await joined;
    const delivered = waitForMatch<DeliveryUpdate>(conv as never, 'messageUpdated', (e) => e.message.aggregatedDeliveryReceipt?.delivered === 'all');
    await conv.sendMessage('Sure, Saturday 8-12 works.');
    const { message } = await delivered;
    const out = await api.outbound('+13125550119');
    expect(out.status).toBe(200);
    expect(out.body.messages).toHaveLength(1);
    expect(out.body.messages[0]).toMatchObject({
      to: '+13125550119',
      from: SMS_PROXY,
      body: 'Sure, Saturday 8-12 works.',
      media_sids: [],
      status: 'delivered',
      error_code: null,
      message_sid: message.sid,
    });
    // Another customer's phone got nothing.
    expect((await api.outbound('+14155550142')).body.messages).toEqual([]);
  });

  it('an undeliverable magic number yields a failed receipt the SDK shows', async () => {
    const agent = await h.client(AGENT);
    const joined = waitForEvent<Conversation>(agent, 'conversationJoined');
    await api.inbound({ From: '+15005550001', To: SMS_PROXY, Body: 'hello?' });
    const conv = await joined;
    const failed = waitForMatch<DeliveryUpdate>(conv as never, 'messageUpdated', (e) => e.message.aggregatedDeliveryReceipt?.failed === 'all');
    await conv.sendMessage('Hi, how can we help?');
    const { message } = await failed;
    expect(message.aggregatedDeliveryReceipt?.delivered).toBe('none');
    const [receipt] = await message.getDetailedDeliveryReceipts();
    expect(receipt).toMatchObject({ status: 'failed', errorCode: 21211 });
    const [out] = (await api.outbound('+15005550001')).body.messages;
    expect(out).toMatchObject({ status: 'failed', error_code: 21211 });
  });

  it('a WhatsApp image arrives with media whose bytes download byte-exact', async () => {
    const agent = await h.client(AGENT);
    const png = placeholderPng(40, 30, [10, 120, 200], [250, 250, 250]);
    const joined = waitForEvent<Conversation>(agent, 'conversationJoined');
    const reply = await api.inbound({
      From: 'whatsapp:+447700900123',
      To: WA_PROXY,
      Body: '',
      NumMedia: '1',
      MediaFilename0: 'parcel.png',
      MediaContentType0: 'image/png',
      MediaBase64_0: png.toString('base64'),
    });
    expect(reply.status).toBe(201);
    const conv = await joined;
    expect(conv.attributes).toMatchObject({ channel: 'whatsapp' });
    const [message] = (await conv.getMessages()).items;
    expect(message?.author).toBe('whatsapp:+447700900123');
    const [media] = message?.attachedMedia ?? [];
    expect(media).toMatchObject({ filename: 'parcel.png', contentType: 'image/png', size: png.length });
    const url = await media!.getContentTemporaryUrl();
    const bytes = Buffer.from(await (await fetch(url!)).arrayBuffer());
    expect(bytes.equals(png)).toBe(true);
    expect((await conv.getParticipants()).map((p) => p.type).sort()).toEqual(['chat', 'whatsapp']);
  });

  it('a proxy number nobody configured still gets its own conversation per customer', async () => {
    const a = await api.inbound({ From: '+14155550100', To: '+15551230000', Body: 'one' });
    const b = await api.inbound({ From: '+14155550100', To: SMS_PROXY, Body: 'two' });
    expect(a.status).toBe(201);
    expect(b.body.created).toBe(true);
    expect(b.body.conversation_sid).not.toBe(a.body.conversation_sid);
  });
});

describe('control API checks', () => {
  const h = harnessPerTest();
  let api: ReturnType<typeof controlApi>;
  beforeEach(() => {
    api = controlApi(h.emulator.info);
  });

  it('answers health without credentials and refuses everything else without them', async () => {
    const { restBaseUrl, apiKeySid, apiKeySecret, accountSid } = h.emulator.info;
    expect(await (await fetch(`${restBaseUrl}/emulator/health`)).json()).toEqual({ ok: true });
    const anonymous = await fetch(`${restBaseUrl}/emulator/outbound?to=%2B14155550100`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await anonymous.json()).toMatchObject({ code: 20003, status: 401 });
    const wrong = await controlApi(h.emulator.info, { user: accountSid, password: 'nope' }).outbound('+14155550100');
    expect(wrong.status).toBe(401);
    expect((wrong.body as unknown as { message: string }).message).toMatch(/Wrong password/);
    const byKey = await controlApi(h.emulator.info, { user: apiKeySid, password: apiKeySecret }).outbound('+14155550100');
    expect(byKey.status).toBe(200);
    expect((await api.call('GET', '/emulator/nope')).status).toBe(404);
    expect((await api.call('DELETE', '/emulator/inbound')).status).toBe(405);
  });

  it.each([
    [{ To: SMS_PROXY, Body: 'x' }, 21212, /From is required/],
    [{ From: '4155550100', To: SMS_PROXY, Body: 'x' }, 21212, /not an E.164 number/],
    [{ From: '+14155550100', To: 'shop', Body: 'x' }, 21211, /To "shop"/],
    [{ From: '+14155550100', To: SMS_PROXY, Body: '' }, 21602, /Body or media/],
    [{ From: '+14155550100', To: SMS_PROXY, MediaUrl0: 'https://example.com/a.png' }, 21620, /cannot be fetched offline/],
    [{ From: '+14155550100', To: SMS_PROXY, MediaBase64_0: 'AAAA' }, 20001, /MediaContentType0 is required/],
    [{ From: '+14155550100', To: SMS_PROXY, MediaContentType0: 'image/png', MediaBase64_0: 'not base64!' }, 20001, /not valid base64/],
    [{ From: '+14155550100', To: SMS_PROXY, Body: 'x', NumMedia: '1' }, 20001, /NumMedia is 1/],
  ])('rejects %j with code %i', async (form, code, message) => {
    const reply = await api.inbound(form as Record<string, string>);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe(code);
    expect(reply.body.message).toMatch(message);
  });

  it('enforces the carriers’ media limits: 5 MB per MMS, one file of at most 16 MB on WhatsApp', async () => {
    const mb = (n: number) => Buffer.alloc(n * 1024 * 1024, 7).toString('base64');
    const sms = { From: '+14155550100', To: SMS_PROXY, MediaContentType0: 'image/jpeg', MediaContentType1: 'image/jpeg' };
    const tooBig = await api.inbound({ ...sms, MediaBase64_0: mb(3), MediaBase64_1: mb(3) });
    expect(tooBig).toMatchObject({ status: 400, body: { code: 11751 } });
    expect((await api.inbound({ ...sms, MediaBase64_0: mb(2), MediaBase64_1: mb(2) })).status).toBe(201);

    const wa = { From: 'whatsapp:+447700900123', To: WA_PROXY, MediaContentType0: 'image/jpeg', MediaContentType1: 'image/jpeg' };
    const two = await api.inbound({ ...wa, MediaBase64_0: 'AAAA', MediaBase64_1: 'AAAA' });
    expect(two).toMatchObject({ status: 400, body: { code: 21623 } });
    const huge = await api.inbound({ From: wa.From, To: wa.To, MediaContentType0: 'video/mp4', MediaBase64_0: mb(17) });
    expect(huge).toMatchObject({ status: 400, body: { code: 11751 } });
    expect((await api.inbound({ From: wa.From, To: wa.To, MediaContentType0: 'video/mp4', MediaBase64_0: mb(6) })).status).toBe(201);
  });

  it('a rejected inbound leaves nothing behind', async () => {
    await api.inbound({ From: '+14155550100', To: SMS_PROXY, Body: '' });
    const ok = await api.inbound({ From: '+14155550100', To: SMS_PROXY, Body: 'now with a body' });
    expect(ok.body.created).toBe(true);
  });

  it('keeps auto-join identities as a cleaned, ordered setting', async () => {
    const set = await api.call<{ auto_join_identities: string[] }>('POST', '/emulator/settings', { AutoJoinIdentities: ' lee@desk.local, agent@desk.local,,lee@desk.local ' });
    expect(set.body.auto_join_identities).toEqual(['lee@desk.local', 'agent@desk.local']);
    expect((await api.call('GET', '/emulator/settings')).body).toMatchObject({ auto_join_identities: ['lee@desk.local', 'agent@desk.local'] });
    const reply = await api.inbound({ From: '+14155550100', To: SMS_PROXY, Body: 'hi' });
    const lee = await h.client('lee@desk.local');
    const [conv] = (await lee.getSubscribedConversations()).items;
    expect(conv?.sid).toBe(reply.body.conversation_sid);
    expect((await conv!.getParticipants()).map((p) => p.identity ?? p.type).sort()).toEqual(['agent@desk.local', 'lee@desk.local', 'sms']);
    expect((await api.call('POST', '/emulator/settings', {})).status).toBe(400);
  });
});
