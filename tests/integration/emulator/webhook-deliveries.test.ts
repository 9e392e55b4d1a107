import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../../helpers/emulator';
import { controlApi } from '../../helpers/control-api';
import { restClient } from '../../helpers/twilio-rest';
import { startWebhookReceiver } from '../../helpers/webhook-receiver';

interface DeliveryJson {
  id: string;
  event_type: string;
  url: string;
  method: string;
  state: string;
  status: number | null;
  error: string | null;
  attempts: number;
  date_created: string;
  date_updated: string;
}

describe('GET /emulator/webhooks: the last deliveries', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let api: ReturnType<typeof restClient>['client']['conversations']['v1'];
  const deliveries = async () => (await controlApi(h.emulator.info).call<{ deliveries: DeliveryJson[] }>('GET', '/emulator/webhooks')).body.deliveries;

  beforeEach(async () => {
    h = await startHarness();
    receiver = await startWebhookReceiver();
    api = restClient(h.emulator.info).client.conversations.v1;
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  it('lists each delivery with its event, URL, status and attempts, a retried one once', async () => {
    expect(await deliveries()).toEqual([]);
    const url = receiver.url('/hooks');
    await api.services(h.emulator.info.serviceSid).configuration.webhooks().update({ postWebhookUrl: url, filters: ['onConversationAdded', 'onMessageAdded'] });
    receiver.failNext(500);
    const conv = await api.conversations.create({ friendlyName: 'Logged', xTwilioWebhookEnabled: 'true' });
    await api.conversations(conv.sid).messages.create({ body: 'hi', xTwilioWebhookEnabled: 'true' });
    await receiver.next((w) => w.params.EventType === 'onMessageAdded');

    await vi.waitFor(async () => expect((await deliveries()).every((d) => d.state === 'delivered')).toBe(true));
    const list = await deliveries();
    expect(list.map((d) => d.event_type)).toEqual(['onMessageAdded', 'onConversationAdded']);
    expect(list[1]).toMatchObject({ url, method: 'POST', state: 'delivered', status: 200, attempts: 2, error: null });
    expect(list[0]).toMatchObject({ status: 200, attempts: 1 });
    expect(Date.parse(list[0]!.date_created)).not.toBeNaN();
  });

  it('says why a delivery failed when nothing answers', async () => {
    // A port nobody listens on: the receiver's own, closed.
    const url = receiver.url('/gone');
    await receiver.close();
    await api.services(h.emulator.info.serviceSid).configuration.webhooks().update({ postWebhookUrl: url, filters: ['onConversationAdded'] });
    await api.conversations.create({ friendlyName: 'Nobody home', xTwilioWebhookEnabled: 'true' });
    await vi.waitFor(async () => expect((await deliveries())[0]).toMatchObject({ state: 'retrying', status: null, attempts: 1 }));
    expect((await deliveries())[0]?.error).toMatch(/ECONNREFUSED/);
    receiver = await startWebhookReceiver();
  });

  it('keeps the latest 50 only', async () => {
    await api.services(h.emulator.info.serviceSid).configuration.webhooks().update({ postWebhookUrl: receiver.url('/many'), filters: ['onConversationAdded'] });
    const names: string[] = [];
    for (let i = 0; i < 55; i++) {
      const c = await api.conversations.create({ friendlyName: `c${i}`, xTwilioWebhookEnabled: 'true' });
      names.push(c.sid);
    }
    const list = await deliveries();
    expect(list).toHaveLength(50);
    await receiver.next((w) => w.params.ConversationSid === names[54]);
  });

  it('asks for the account’s credentials', async () => {
    const res = await fetch(`${h.emulator.info.restBaseUrl}/emulator/webhooks`);
    expect(res.status).toBe(401);
  });
});
