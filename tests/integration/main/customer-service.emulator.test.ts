/** Main's customer profiles (participant attributes, Participant Conversations) against the real emulator. */
import { afterEach, describe, expect, it } from 'vitest';
import { createCustomerService } from '../../../electron/main/customers/customer-service';
import { createRestClient, type RestClient } from '../../../electron/main/rest/rest-client';
import type { CustomerPort } from '../../../electron/main/customers/customer-port';
import { DeskError } from '../../../electron/main/errors';
import { controlApi } from '../../helpers/control-api';
import { harnessPerTest } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

const h = harnessPerTest({ seed: 'none' });
const SMS = '+14155550177';
const WA = 'whatsapp:+14155550177';
const SMS_PROXY = '+15005550006';
const WA_PROXY = 'whatsapp:+14155238886';
const AGENT = 'agent@desk.local';

const clients: RestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

function service(): { customers: CustomerPort; rest: RestClient } {
  const rest = createRestClient({ ...h.emulator.info });
  clients.push(rest);
  const customers = createCustomerService({ client: async () => ({ rest, identity: AGENT }), whatsappSenders: async () => [WA_PROXY] });
  return { customers, rest };
}

async function conversationWith(address: string, proxy: string, name: string, attributes: object = {}) {
  const { client } = restClient(h.emulator.info);
  const svc = client.conversations.v1.services(h.emulator.info.serviceSid);
  const c = await svc.conversations.create({ friendlyName: name });
  const p = await svc.conversations(c.sid).participants.create({
    'messagingBinding.address': address,
    'messagingBinding.proxyAddress': proxy,
    attributes: JSON.stringify(attributes),
  });
  return { sid: c.sid, participantSid: p.sid, svc };
}

const attributesOf = async (svc: Awaited<ReturnType<typeof conversationWith>>['svc'], sid: string, participantSid: string) =>
  JSON.parse((await svc.conversations(sid).participants(participantSid).fetch()).attributes) as Record<string, unknown>;

describe('customer profiles on the real emulator', () => {
  it('saves into every open conversation of the customer and reads it back, keeping other attributes', async () => {
    const a = await conversationWith(SMS, SMS_PROXY, 'First', { name: 'Ana', other: 1 });
    // Closed conversations are final in Twilio: listed, not written.
    await a.svc.conversations(a.sid).update({ state: 'closed' });
    // Twilio's dates are to the second: the second conversation is a second newer, not a tie.
    await controlApi(h.emulator.info).advanceClock(1);
    const b = await conversationWith(SMS, SMS_PROXY, 'Second', { other: 2 });
    const { customers } = service();

    const before = await customers.profile(SMS);
    expect(before.fields.name).toBe('Ana');
    expect(before.conversations.map((c) => c.sid)).toEqual([b.sid, a.sid]);
    expect(before.conversations.map((c) => c.state)).toEqual(['active', 'closed']);

    const saved = await customers.save({
      address: SMS,
      fields: { name: 'Ana Lima', email: 'ana@example.com', company: 'Acme', tags: ['vip'], notes: 'Prefers SMS' },
      conversationSid: b.sid,
    });
    expect(saved.fields.company).toBe('Acme');
    const stored = await attributesOf(b.svc, b.sid, b.participantSid);
    expect(stored).toMatchObject({ name: 'Ana Lima', other: 2, profile: { email: 'ana@example.com', tags: ['vip'], addresses: [SMS], updatedBy: AGENT } });
    expect(await attributesOf(a.svc, a.sid, a.participantSid)).toEqual({ name: 'Ana', other: 1 });
    expect((await customers.profile(SMS)).fields).toEqual(saved.fields);
  });

  it('refuses a profile over 4 KB per participant with a clear message and writes nothing', async () => {
    const b = await conversationWith(SMS, SMS_PROXY, 'Only', { other: 2 });
    const { customers } = service();
    const error = await customers
      .save({ address: SMS, fields: { name: 'A', email: '', company: '', tags: [], notes: 'x'.repeat(4100) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).message).toMatch(/at most 4096 bytes per participant/);
    expect((error as DeskError).fields?.['notes']).toBeDefined();
    expect(await attributesOf(b.svc, b.sid, b.participantSid)).toEqual({ other: 2 });
  });

  it('links an SMS number and a WhatsApp number as one person, lists both, and unlinks', async () => {
    const sms = await conversationWith(SMS, SMS_PROXY, 'Order #1', { name: 'Ana' });
    const wa = await conversationWith(WA, WA_PROXY, 'Order #2');
    const { customers } = service();

    const linked = await customers.link({ address: SMS, other: WA });
    expect(linked.addresses).toEqual([SMS, WA]);
    expect(linked.conversations.map((c) => c.sid).sort()).toEqual([sms.sid, wa.sid].sort());
    // The other side sees the same person.
    const fromWhatsApp = await customers.profile(WA);
    expect(fromWhatsApp.addresses).toEqual([WA, SMS]);
    expect(fromWhatsApp.fields.name).toBe('Ana');
    expect(fromWhatsApp.conversations.find((c) => c.sid === wa.sid)).toMatchObject({ channel: 'whatsapp', proxyAddress: WA_PROXY });

    const unlinked = await customers.unlink({ address: SMS, other: WA });
    expect(unlinked.addresses).toEqual([SMS]);
    expect(unlinked.conversations.map((c) => c.sid)).toEqual([sms.sid]);
    expect((await customers.profile(WA)).addresses).toEqual([WA]);
  });

  it('starts a conversation on the other channel with the agent in it, or reuses the open one', async () => {
    await conversationWith(SMS, SMS_PROXY, 'Order #1', { name: 'Ana' });
    const { customers, rest } = service();
    const started = await customers.startConversation({ address: WA, proxyAddress: WA_PROXY, profileAddress: SMS });
    expect(started.existing).toBe(false);
    const svc = rest.twilio.conversations.v1.services(rest.serviceSid);
    const roster = await svc.conversations(started.conversationSid).participants.list();
    expect(roster.map((p) => p.identity ?? (p.messagingBinding as { address: string }).address).sort()).toEqual([AGENT, WA].sort());
    expect((await svc.conversations(started.conversationSid).fetch()).friendlyName).toBe('Ana');
    // Both addresses are now one person, seen from either side.
    expect((await customers.profile(WA)).addresses).toEqual([WA, SMS]);
    await expect.poll(async () => (await customers.profile(SMS)).addresses).toEqual([SMS, WA]);

    const again = await customers.startConversation({ address: WA, proxyAddress: WA_PROXY, profileAddress: SMS });
    expect(again).toEqual({ conversationSid: started.conversationSid, existing: true });
  });

  it('lists the account numbers the desk can talk from', async () => {
    const { customers } = service();
    const numbers = await customers.numbers();
    expect(numbers.whatsapp).toEqual([{ number: WA_PROXY, friendlyName: null }]);
    // The classic 2010-04-01 IncomingPhoneNumbers list of the emulator's workspace.
    expect(numbers.sms.map((n) => n.number)).toEqual([SMS_PROXY]);
  });
});
