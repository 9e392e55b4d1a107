import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '@twilio/conversations';
import { controlApi } from '../../helpers/control-api';
import { harnessPerTest, waitForEvent, waitForMatch } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

const AGENT = 'agent@desk.local';
const SMS_PROXY = '+15005550006';
const WA_PROXY = 'whatsapp:+14155238886';
const HOUR = 60 * 60;

type DeliveryUpdate = { message: Message; updateReasons: string[] };

/** Resolves once the message's aggregated receipt says `status` for all its phone recipients. */
const settled = (conv: Conversation, body: string, status: 'delivered' | 'failed') =>
  waitForMatch<DeliveryUpdate>(conv as never, 'messageUpdated', (e) => e.message.body === body && e.message.aggregatedDeliveryReceipt?.[status] === 'all');

describe('Twilio’s sending rules: the WhatsApp window and SMS opt-outs', () => {
  const h = harnessPerTest();
  let api: ReturnType<typeof controlApi>;
  beforeEach(async () => {
    api = controlApi(h.emulator.info);
    await api.setAutoJoin([AGENT]);
  });

  async function customerWrites(from: string, to: string, body: string): Promise<Conversation> {
    const agent = await h.client(AGENT);
    const joined = waitForEvent<Conversation>(agent, 'conversationJoined');
    await api.inbound({ From: from, To: to, Body: body });
    const conv = await joined;
    // The SDK subscribes to a conversation's messages on first use: live updates follow from there.
    await conv.getMessages();
    return conv;
  }

  it('a WhatsApp reply inside the 24 hours is delivered; after them free-form fails with 63016 and an approved template is delivered', async () => {
    const customer = 'whatsapp:+447700900777';
    const conv = await customerWrites(customer, WA_PROXY, 'Is my parcel on its way?');

    const inside = settled(conv, 'Yes, it left this morning.', 'delivered');
    await conv.sendMessage('Yes, it left this morning.');
    await inside;

    // 23 hours after the customer wrote: still inside the window.
    await api.advanceClock(23 * HOUR);
    const stillInside = settled(conv, 'Any update?', 'delivered');
    await conv.sendMessage('Any update?');
    await stillInside;

    await api.advanceClock(2 * HOUR);
    const outside = settled(conv, 'It arrives tomorrow.', 'failed');
    await conv.sendMessage('It arrives tomorrow.');
    const { message } = await outside;
    expect(message.aggregatedDeliveryReceipt).toMatchObject({ total: 1, sent: 'none', delivered: 'none', failed: 'all' });
    const [receipt] = await message.getDetailedDeliveryReceipts();
    expect(receipt).toMatchObject({ status: 'failed', errorCode: 63016, messageSid: message.sid });

    // The message stays in the conversation; it never reached the customer's phone.
    expect((await conv.getMessages()).items.map((m) => m.body)).toContain('It arrives tomorrow.');
    expect((await api.outbound(customer)).body.messages.map((m) => m.body)).toEqual(['Yes, it left this morning.', 'Any update?']);

    // A template WhatsApp approved opens the conversation again from the business side.
    const { client } = restClient(h.emulator.info);
    const template = await client.content.v1.contents.create({
      friendly_name: 'parcel_update',
      language: 'en',
      variables: { '1': 'there' },
      types: { 'twilio/text': { body: 'Hi {{1}}, there is news about your parcel. Reply to hear more.' } },
    } as never);
    const unapproved = await client.conversations.v1.conversations(conv.sid).messages.create({ author: AGENT, contentSid: template.sid, contentVariables: '{"1":"Oliver"}' });
    expect(unapproved.delivery).toMatchObject({ total: 1, failed: 'all' });
    await client.content.v1.contents(template.sid).approvalCreate.create({ name: 'parcel_update', category: 'UTILITY' } as never);
    const sent = await client.conversations.v1.conversations(conv.sid).messages.create({ author: AGENT, contentSid: template.sid, contentVariables: '{"1":"Oliver"}' });
    await expect.poll(async () => (await client.conversations.v1.conversations(conv.sid).messages(sent.sid).fetch()).delivery).toMatchObject({ total: 1, delivered: 'all', failed: 'none' });
    const phone = (await api.outbound(customer)).body.messages;
    expect(phone.map((m) => m.body)).toEqual(['Yes, it left this morning.', 'Any update?', 'Hi Oliver, there is news about your parcel. Reply to hear more.']);

    // The customer's answer opens a new window: free-form is delivered again.
    await api.inbound({ From: customer, To: WA_PROXY, Body: 'Tell me!' });
    const reopened = settled(conv, 'It arrives tomorrow before noon.', 'delivered');
    await conv.sendMessage('It arrives tomorrow before noon.');
    await reopened;
  });

  it('a WhatsApp conversation the business starts is closed to free-form until the customer writes', async () => {
    const { client } = restClient(h.emulator.info);
    const rest = client.conversations.v1;
    const c = await rest.conversations.create({ friendlyName: 'Outreach' });
    const customer = await rest.conversations(c.sid).participants.create({ 'messagingBinding.address': 'whatsapp:+447700900888', 'messagingBinding.proxyAddress': WA_PROXY });
    const hello = await rest.conversations(c.sid).messages.create({ author: AGENT, body: 'Hello from the shop' });
    expect(hello.delivery).toEqual({ total: 1, sent: 'none', delivered: 'none', read: 'none', failed: 'all', undelivered: 'none' });
    const [receipt] = await rest.conversations(c.sid).messages(hello.sid).deliveryReceipts.list();
    expect(receipt).toMatchObject({ status: 'failed', errorCode: 63016, participantSid: customer.sid, messageSid: hello.sid, conversationSid: c.sid });
    expect(receipt?.channelMessageSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect((await api.outbound('whatsapp:+447700900888')).body.messages).toEqual([]);
  });

  it('STOP opts an SMS customer out with Twilio’s reply; later replies fail with 21610 until START', async () => {
    const customer = '+14155550166';
    const conv = await customerWrites(customer, SMS_PROXY, 'Where is my order?');
    const before = settled(conv, 'On its way!', 'delivered');
    await conv.sendMessage('On its way!');
    await before;

    // Only a message that is exactly one keyword counts, in any case.
    const notAKeyword = waitForMatch<Message>(conv as never, 'messageAdded', (m) => m.body === 'stop please');
    await api.inbound({ From: customer, To: SMS_PROXY, Body: 'stop please' });
    await notAKeyword;
    const stillIn = settled(conv, 'Sure, we will.', 'delivered');
    await conv.sendMessage('Sure, we will.');
    await stillIn;

    // The keyword itself still arrives in the conversation, as Twilio passes it on.
    const stop = waitForMatch<Message>(conv as never, 'messageAdded', (m) => m.body === ' Stop ');
    await api.inbound({ From: customer, To: SMS_PROXY, Body: ' Stop ' });
    await stop;
    const phone = (await api.outbound(customer)).body.messages;
    expect(phone.at(-1)).toMatchObject({
      from: SMS_PROXY,
      to: customer,
      body: 'You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.',
      message_sid: null,
      status: 'delivered',
    });
    // Twilio's reply is no message of the conversation.
    expect((await conv.getMessages()).items.map((m) => m.body)).not.toContain(phone.at(-1)?.body);

    const blocked = settled(conv, 'Your refund is done.', 'failed');
    await conv.sendMessage('Your refund is done.');
    const { message } = await blocked;
    expect((await message.getDetailedDeliveryReceipts()).map((r) => [r.status, r.errorCode])).toEqual([['failed', 21610]]);
    expect((await api.outbound(customer)).body.messages.map((m) => m.body)).not.toContain('Your refund is done.');

    await api.inbound({ From: customer, To: SMS_PROXY, Body: 'unstop' });
    expect((await api.outbound(customer)).body.messages.at(-1)?.body).toMatch(/^You have successfully been re-subscribed to messages from this number\./);
    const after = settled(conv, 'Welcome back.', 'delivered');
    await conv.sendMessage('Welcome back.');
    await after;
  });

  it.each(['STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit', 'REVOKE', 'optout'])('%s opts out too, and YES opts back in', async (word) => {
    const { client } = restClient(h.emulator.info);
    const customer = '+14155550167';
    const inbound = await api.inbound({ From: customer, To: SMS_PROXY, Body: word });
    const rest = client.conversations.v1.conversations(inbound.body.conversation_sid).messages;
    const refused = await rest.create({ author: AGENT, body: 'We are sorry to see you go.' });
    expect(refused.delivery).toMatchObject({ total: 1, failed: 'all' });
    expect((await rest(refused.sid).deliveryReceipts.list())[0]).toMatchObject({ status: 'failed', errorCode: 21610 });
    await api.inbound({ From: customer, To: SMS_PROXY, Body: 'YES' });
    const accepted = await rest.create({ author: AGENT, body: 'Welcome back.' });
    expect(accepted.delivery).toMatchObject({ total: 1, sent: 'all', failed: 'none' });
  });

  it('an opt-out covers the whole Messaging Service: the customer’s other SMS conversations with the business too', async () => {
    await api.call('POST', '/emulator/settings', { SmsNumbers: `${SMS_PROXY},+15005550100` });
    const { client } = restClient(h.emulator.info);
    const a = await api.inbound({ From: '+14155550168', To: SMS_PROXY, Body: 'hi' });
    const b = await api.inbound({ From: '+14155550168', To: '+15005550100', Body: 'STOP' });
    expect(b.body.conversation_sid).not.toBe(a.body.conversation_sid);
    const refused = await client.conversations.v1.conversations(a.body.conversation_sid).messages.create({ author: AGENT, body: 'Still there?' });
    expect(refused.delivery).toMatchObject({ failed: 'all' });
  });
});

describe('delivery receipts in Twilio’s shape', () => {
  const h = harnessPerTest();

  it('REST lists and fetches receipts with Twilio’s fields and paging; the message carries the aggregate', async () => {
    const { client } = restClient(h.emulator.info);
    const rest = client.conversations.v1;
    const c = await rest.conversations.create({ friendlyName: 'Two phones' });
    const ok = await rest.conversations(c.sid).participants.create({ 'messagingBinding.address': '+14155550169', 'messagingBinding.proxyAddress': SMS_PROXY });
    const bad = await rest.conversations(c.sid).participants.create({ 'messagingBinding.address': '+15005550009', 'messagingBinding.proxyAddress': SMS_PROXY });
    const m = await rest.conversations(c.sid).messages.create({ author: AGENT, body: 'Your order shipped' });
    expect(m.links).toMatchObject({ delivery_receipts: `${m.url}/Receipts` });

    await expect
      .poll(async () => (await rest.conversations(c.sid).messages(m.sid).fetch()).delivery)
      .toEqual({ total: 2, sent: 'some', delivered: 'some', read: 'none', failed: 'some', undelivered: 'none' });

    const base = `${h.emulator.info.restBaseUrl}/v1/Conversations/${c.sid}/Messages/${m.sid}/Receipts`;
    const { apiKeySid, apiKeySecret } = h.emulator.info;
    const res = await fetch(`${base}?PageSize=1`, { headers: { authorization: 'Basic ' + Buffer.from(`${apiKeySid}:${apiKeySecret}`).toString('base64') } });
    const page = (await res.json()) as { delivery_receipts: Record<string, unknown>[]; meta: Record<string, unknown> };
    expect(page.delivery_receipts).toHaveLength(1);
    expect(page.meta).toMatchObject({ page: 0, page_size: 1, key: 'delivery_receipts', previous_page_url: null });
    expect(page.meta.next_page_url).toEqual(expect.stringContaining(`${base}?PageSize=1&Page=1&PageToken=`));
    const raw = page.delivery_receipts[0] as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(
      ['account_sid', 'channel_message_sid', 'conversation_sid', 'date_created', 'date_updated', 'error_code', 'message_sid', 'participant_sid', 'sid', 'status', 'url'].sort(),
    );
    expect(raw.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(raw.url).toBe(`${base}/${raw.sid as string}`);

    const receipts = await rest.conversations(c.sid).messages(m.sid).deliveryReceipts.list({ pageSize: 1 });
    expect(receipts).toHaveLength(2);
    const byParticipant = new Map(receipts.map((r) => [r.participantSid, r]));
    expect(byParticipant.get(ok.sid)).toMatchObject({ status: 'delivered', errorCode: 0, messageSid: m.sid, conversationSid: c.sid, accountSid: h.emulator.info.accountSid });
    // Twilio's magic number that is no mobile number (21614).
    expect(byParticipant.get(bad.sid)).toMatchObject({ status: 'failed', errorCode: 21614 });
    const one = await rest.conversations(c.sid).messages(m.sid).deliveryReceipts(byParticipant.get(bad.sid)!.sid).fetch();
    expect(one).toMatchObject({ status: 'failed', errorCode: 21614, channelMessageSid: byParticipant.get(bad.sid)!.channelMessageSid });
    expect(one.dateUpdated.getTime()).toBeGreaterThanOrEqual(one.dateCreated.getTime());
    await expect(rest.conversations(c.sid).messages(m.sid).deliveryReceipts('DY' + '0'.repeat(32)).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});
