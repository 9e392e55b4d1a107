/**
 * What the emulator's webhook integration tests stand on, fresh for each test of the calling
 * suite: an emulator (with SDK clients), a local consumer receiving its webhooks, and twilio-node's
 * Conversations API pointed at it. Closed after each test, the emulator first so that no delivery
 * is under way when the receiver goes (a test may have closed the receiver and started another:
 * `receiver` is assignable).
 */
import twilio from 'twilio';
import { afterEach, beforeEach } from 'vitest';
import { startHarness, type Harness } from './emulator';
import { restClient } from './twilio-rest';
import { startWebhookReceiver, type ReceivedWebhook } from './webhook-receiver';

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
type ConversationsApi = ReturnType<typeof restClient>['client']['conversations']['v1'];

export interface WebhookFixture {
  readonly h: Harness;
  receiver: WebhookReceiver;
  readonly api: ConversationsApi;
  /** The service's `Configuration/Webhooks`. */
  serviceHooks(): ReturnType<ReturnType<ConversationsApi['services']>['configuration']['webhooks']>;
  /** Whether the delivery carries Twilio's signature over these parameters (its own by default), by twilio-node's `validateRequest`. */
  valid(w: ReceivedWebhook, params?: Record<string, string>): boolean;
}

export function webhookFixturePerTest(): WebhookFixture {
  let harness: Harness | undefined;
  let receiver: WebhookReceiver | undefined;
  let api: ConversationsApi | undefined;
  beforeEach(async () => {
    harness = await startHarness();
    receiver = await startWebhookReceiver();
    api = restClient(harness.emulator.info).client.conversations.v1;
  });
  afterEach(async () => {
    const [emulator, consumer] = [harness, receiver];
    [harness, receiver, api] = [undefined, undefined, undefined];
    await emulator?.close();
    await consumer?.close();
  });
  const now = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('webhookFixturePerTest() serves tests only');
    return value;
  };
  const h: Harness = {
    get emulator() {
      return now(harness).emulator;
    },
    client: (identity, opts) => now(harness).client(identity, opts),
    close: () => now(harness).close(),
  };
  return {
    h,
    get receiver() {
      return now(receiver);
    },
    set receiver(next) {
      receiver = next;
    },
    get api() {
      return now(api);
    },
    serviceHooks: () => now(api).services(h.emulator.info.serviceSid).configuration.webhooks(),
    valid: (w, params = w.params) => twilio.validateRequest(h.emulator.info.authToken, String(w.headers['x-twilio-signature']), w.url, params),
  };
}
