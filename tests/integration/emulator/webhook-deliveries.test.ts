import { describe, expect, it, vi } from 'vitest';
import { controlApi } from '../../helpers/control-api';
import { webhookFixturePerTest } from '../../helpers/webhook-fixture';
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
  const t = webhookFixturePerTest();
  const deliveries = async () => (await controlApi(t.h.emulator.info).call<{ deliveries: DeliveryJson[] }>('GET', '/emulator/webhooks')).body.deliveries;

  it('lists each delivery with its event, URL, status and attempts, a retried one once', async () => {
    expect(await deliveries()).toEqual([]);
    const url = t.receiver.url('/hooks');
    await t.api.services(t.h.emulator.info.serviceSid).configuration.webhooks().update({ postWebhookUrl: url, filters: ['onConversationAdded', 'onMessageAdded'] });
    t.receiver.failNext(500);
    const conv = await t.api.conversations.create({ friendlyName: 'Logged', xTwilioWebhookEnabled: 'true' });
    await t.api.conversations(conv.sid).messages.create({ body: 'hi', xTwilioWebhookEnabled: 'true' });
    await t.receiver.next((w) => w.params.EventType === 'onMessageAdded');

    await vi.waitFor(async () => expect((await deliveries()).every((d) => d.state === 'delivered')).toBe(true));
    const list = await deliveries();
    expect(list.map((d) => d.event_type)).toEqual(['onMessageAdded', 'onConversationAdded']);
    expect(list[1]).toMatchObject({ url, method: 'POST', state: 'delivered', status: 200, attempts: 2, error: null });
    expect(list[0]).toMatchObject({ status: 200, attempts: 1 });
    expect(Date.parse(list[0]!.date_created)).not.toBeNaN();
  });

  it('says why a delivery failed when nothing answers', async () => {
    // A port nobody listens on: the receiver's own, closed.
    const url = t.receiver.url('/gone');
    await t.receiver.close();
    await t.api.services(t.h.emulator.info.serviceSid).configuration.webhooks().update({ postWebhookUrl: url, filters: ['onConversationAdded'] });
    await t.api.conversations.create({ friendlyName: 'Nobody home', xTwilioWebhookEnabled: 'true' });
    await vi.waitFor(async () => expect((await deliveries())[0]).toMatchObject({ state: 'retrying', status: null, attempts: 1 }));
    expect((await deliveries())[0]?.error).toMatch(/ECONNREFUSED/);
    t.receiver = await startWebhookReceiver();
  });

  it('keeps the latest 50 only', async () => {
    await t.api.services(t.h.emulator.info.serviceSid).configuration.webhooks().update({ postWebhookUrl: t.receiver.url('/many'), filters: ['onConversationAdded'] });
    const names: string[] = [];
    for (let i = 0; i < 55; i++) {
      const c = await t.api.conversations.create({ friendlyName: `c${i}`, xTwilioWebhookEnabled: 'true' });
      names.push(c.sid);
    }
    const list = await deliveries();
    expect(list).toHaveLength(50);
    await t.receiver.next((w) => w.params.ConversationSid === names[54]);
  });

  it('asks for the account’s credentials', async () => {
    const res = await fetch(`${t.h.emulator.info.restBaseUrl}/emulator/webhooks`);
    expect(res.status).toBe(401);
  });
});
