import type { WebhookDeliveries, WebhookSave, WebhookSettings, WebhookTestRequest, WebhookTestResult } from '../../../shared/ipc/webhook-schema';
import { DeskError } from '../errors';

/** The active profile's webhook settings (Twilio's Configuration/Webhooks), test events and recent deliveries. */
export interface WebhookPort {
  settings(): Promise<WebhookSettings>;
  save(request: WebhookSave): Promise<WebhookSettings>;
  /** Posts a signed sample event from main to the URL and reports its answer. */
  test(request: WebhookTestRequest): Promise<WebhookTestResult>;
  /** Keeps a Twilio profile's Auth Token in the vault (it signs test events). */
  setAuthToken(authToken: string): Promise<WebhookSettings>;
  deliveries(): Promise<WebhookDeliveries>;
}

const unavailable = (): never => {
  throw new DeskError('unavailable', 'Webhook settings are not available yet.');
};

/** Until wired: every call says so plainly. */
export const inertWebhooks: WebhookPort = {
  settings: async () => unavailable(),
  save: async () => unavailable(),
  test: async () => unavailable(),
  setAuthToken: async () => unavailable(),
  deliveries: async () => ({ available: false, deliveries: [] }),
};
