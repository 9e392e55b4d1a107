import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../electron/emulator';
import { controlApi } from '../../helpers/control-api';
import { restClient } from '../../helpers/twilio-rest';
import { startWebhookReceiver } from '../../helpers/webhook-receiver';

let emulator: RunningEmulator;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeEach(async () => {
  emulator = await startEmulator({});
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

/** The emulator's post-event webhook log: an entry is written the moment an event is announced. */
const deliveries = async () => (await controlApi(emulator.info).call<{ deliveries: Array<{ event_type: string }> }>('GET', '/emulator/webhooks')).body.deliveries;

describe('POST /ConversationWithParticipants', () => {
  it("creates the conversation with its participants in one request, as twilio's helper sends it", async () => {
    const { client } = restClient(emulator.info);
    const svc = client.conversations.v1.services(emulator.info.serviceSid);
    const c = await svc.conversationWithParticipants.create({
      friendlyName: 'Ana',
      attributes: '{"desk":{"campaign":{"id":"cmp_0000000001","name":"Late"}}}',
      participant: [JSON.stringify({ messaging_binding: { address: '+14155550101', proxy_address: '+15005550006' } }), JSON.stringify({ identity: 'agent@desk.local' })],
    });
    expect(c.sid).toMatch(/^CH[0-9a-f]{32}$/);
    expect(c.friendlyName).toBe('Ana');
    expect(JSON.parse(c.attributes)).toEqual({ desk: { campaign: { id: 'cmp_0000000001', name: 'Late' } } });
    const participants = await svc.conversations(c.sid).participants.list();
    expect(participants.map((p) => p.identity ?? (p.messagingBinding as { address?: string }).address).sort()).toEqual(['+14155550101', 'agent@desk.local']);
  });

  it('refuses a customer already talking to that number in an open conversation with 50425, leaving no conversation and firing no webhook', async () => {
    const { client } = restClient(emulator.info);
    const svc = client.conversations.v1.services(emulator.info.serviceSid);
    await svc.configuration.webhooks().update({ postWebhookUrl: receiver.url('/hooks'), filters: ['onConversationAdded', 'onConversationRemoved', 'onParticipantAdded'] });
    const participant = [JSON.stringify({ messaging_binding: { address: '+14155550102', proxy_address: '+15005550006' } })];
    await svc.conversationWithParticipants.create({ friendlyName: 'first', participant, xTwilioWebhookEnabled: 'true' });
    // The accepted request is announced: the refused one below would be too if it touched anything.
    expect((await deliveries()).map((d) => d.event_type).sort()).toEqual(['onConversationAdded', 'onParticipantAdded']);
    const before = await svc.conversations.list();
    const refused = svc.conversationWithParticipants.create({
      friendlyName: 'second',
      participant: [JSON.stringify({ identity: 'agent@desk.local' }), ...participant],
      xTwilioWebhookEnabled: 'true',
    });
    await expect(refused).rejects.toMatchObject({ status: 409, code: 50425 });
    expect((await svc.conversations.list()).map((c) => c.sid)).toEqual(before.map((c) => c.sid));
    expect(await deliveries()).toHaveLength(2);
    // The chat participant listed before the refused pair was not added anywhere either.
    expect(await client.conversations.v1.participantConversations.list({ identity: 'agent@desk.local' })).toEqual([]);
  });

  it('refuses a Participant that is not a JSON object with 50424 and more than 10 with 50426, creating nothing', async () => {
    const { client } = restClient(emulator.info);
    const svc = client.conversations.v1.services(emulator.info.serviceSid);
    const good = JSON.stringify({ identity: 'agent@desk.local' });
    for (const bad of ['{"identity":', '["agent@desk.local"]', '"agent@desk.local"']) {
      await expect(svc.conversationWithParticipants.create({ friendlyName: 'bad json', participant: [good, bad] })).rejects.toMatchObject({ status: 400, code: 50424 });
    }
    const eleven = Array.from({ length: 11 }, (_, i) => JSON.stringify({ identity: `agent${i}@desk.local` }));
    await expect(svc.conversationWithParticipants.create({ friendlyName: 'too many', participant: eleven })).rejects.toMatchObject({ status: 400, code: 50426 });
    expect(await svc.conversations.list()).toEqual([]);
  });

  it('refuses the same customer twice in one request', async () => {
    const { client } = restClient(emulator.info);
    const svc = client.conversations.v1.services(emulator.info.serviceSid);
    const ana = JSON.stringify({ messaging_binding: { address: '+14155550103', proxy_address: '+15005550006' } });
    await expect(svc.conversationWithParticipants.create({ participant: [ana, ana] })).rejects.toMatchObject({ status: 409, code: 50437 });
    expect(await svc.conversations.list()).toEqual([]);
  });
});
