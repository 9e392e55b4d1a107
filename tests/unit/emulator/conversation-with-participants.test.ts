import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../electron/emulator';
import { restClient } from '../../helpers/twilio-rest';

let emulator: RunningEmulator;
beforeEach(async () => {
  emulator = await startEmulator({});
});
afterEach(async () => {
  await emulator.close();
});

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

  it('refuses a customer already in an open conversation with that number (50416) and leaves nothing behind', async () => {
    const { client } = restClient(emulator.info);
    const svc = client.conversations.v1.services(emulator.info.serviceSid);
    const participant = [JSON.stringify({ messaging_binding: { address: '+14155550102', proxy_address: '+15005550006' } })];
    await svc.conversationWithParticipants.create({ friendlyName: 'first', participant });
    const before = (await svc.conversations.list()).length;
    await expect(svc.conversationWithParticipants.create({ friendlyName: 'second', participant })).rejects.toMatchObject({ status: 409, code: 50416 });
    expect((await svc.conversations.list()).length).toBe(before);
  });
});
