/**
 * What a campaign meets on the emulator, as on Twilio: Twilio's magic test numbers and opted-out
 * customers fail in the message's delivery receipt (conversations created over REST, many at
 * once), and a burst past `--max-concurrent-requests` is answered 429 / 20429 with Twilio's headers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../../helpers/emulator';
import { controlApi } from '../../helpers/control-api';
import { restClient } from '../../helpers/twilio-rest';

const SMS_NUMBER = '+15005550006';

describe('campaign-scale realism', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** One recipient as a campaign sends: a conversation, the customer's SMS participant, the message; then its receipt once settled. */
  const sendTo = async (api: ReturnType<typeof restClient>['client']['conversations']['v1'], address: string) => {
    const conv = await api.conversations.create({ friendlyName: `Campaign ${address}` });
    await api.conversations(conv.sid).participants.create({ 'messagingBinding.address': address, 'messagingBinding.proxyAddress': SMS_NUMBER });
    const message = await api.conversations(conv.sid).messages.create({ body: 'Your order ships tomorrow.' });
    return { conv, message };
  };
  const settledReceipt = async (api: ReturnType<typeof restClient>['client']['conversations']['v1'], conversationSid: string, messageSid: string) => {
    let receipt: { status: string; errorCode: number } | undefined;
    await vi.waitFor(async () => {
      const [r] = await api.conversations(conversationSid).messages(messageSid).deliveryReceipts.list();
      // Settled: no longer on its way (`sent`) to the phone.
      expect(r && !['sent', 'queued'].includes(String(r.status))).toBe(true);
      receipt = r as unknown as { status: string; errorCode: number };
    });
    return receipt!;
  };

  it('fails Twilio’s magic test numbers with their codes, delivers other numbers, all created over REST at once', async () => {
    h = await startHarness();
    const api = restClient(h.emulator.info).client.conversations.v1;
    const expected: Record<string, { status: string; code: number }> = {
      '+15005550001': { status: 'failed', code: 21211 },
      '+15005550002': { status: 'failed', code: 21612 },
      '+15005550003': { status: 'failed', code: 21408 },
      '+15005550004': { status: 'failed', code: 21610 },
      '+15005550009': { status: 'failed', code: 21614 },
      '+14155550100': { status: 'delivered', code: 0 },
    };
    const sent = await Promise.all(Object.keys(expected).map(async (address) => ({ address, ...(await sendTo(api, address)) })));
    for (const { address, conv, message } of sent) {
      const receipt = await settledReceipt(api, conv.sid, message.sid);
      expect({ address, status: receipt.status, code: receipt.errorCode }).toEqual({ address, status: expected[address]!.status, code: expected[address]!.code });
    }
    // Nothing reached the failed numbers' phones as delivered.
    const phone = await controlApi(h.emulator.info).outbound('+15005550001');
    expect(phone.body.messages.map((m) => m.status)).toEqual(['failed']);
  });

  it('fails with 21610 for a customer who texted STOP, in a conversation a campaign creates later over REST', async () => {
    h = await startHarness();
    const api = restClient(h.emulator.info).client.conversations.v1;
    const control = controlApi(h.emulator.info);
    const stop = await control.inbound({ From: '+14155550177', To: SMS_NUMBER, Body: 'STOP' });
    expect(stop.status).toBe(201);
    // The customer's earlier conversation is closed, so the campaign may start a new one with them.
    await api.conversations(stop.body.conversation_sid).update({ state: 'closed' });
    const { conv, message } = await sendTo(api, '+14155550177');
    const receipt = await settledReceipt(api, conv.sid, message.sid);
    expect(receipt).toMatchObject({ status: 'failed', errorCode: 21610 });
  });

  it('answers a burst past --max-concurrent-requests with Twilio’s 429: code 20429 and its headers', async () => {
    h = await startHarness({ maxConcurrentRequests: 3, restLatencyMs: 100 });
    const { restBaseUrl, apiKeySid, apiKeySecret } = h.emulator.info;
    const authorization = `Basic ${Buffer.from(`${apiKeySid}:${apiKeySecret}`).toString('base64')}`;
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const res = await fetch(`${restBaseUrl}/v1/Conversations`, { headers: { authorization } });
        return { status: res.status, body: (await res.json()) as Record<string, unknown>, concurrent: Number(res.headers.get('twilio-concurrent-requests')), duration: res.headers.get('twilio-request-duration') };
      }),
    );
    const throttled = answers.filter((a) => a.status === 429);
    const served = answers.filter((a) => a.status === 200);
    expect(served.length).toBeGreaterThanOrEqual(3);
    expect(throttled.length).toBeGreaterThan(0);
    for (const a of throttled) {
      expect(a.body).toEqual({ code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 });
      expect(a.concurrent).toBeGreaterThan(3);
    }
    for (const a of answers) expect(a.duration).toMatch(/^\d+\.\d{3}$/);
    // Served requests were held the configured latency (Twilio-Request-Duration is in seconds).
    for (const a of served) expect(Number(a.duration)).toBeGreaterThanOrEqual(0.1);
  });
});
