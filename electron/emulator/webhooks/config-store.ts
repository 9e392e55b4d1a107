import type { Collection, Db } from '../store/db';
import { badRequest } from '../util/errors';

/** Post-event webhooks the emulator sends (Twilio's `Filters` names). */
export const POST_EVENTS = [
  'onConversationAdded',
  'onConversationUpdated',
  'onConversationRemoved',
  'onParticipantAdded',
  'onParticipantUpdated',
  'onParticipantRemoved',
  'onMessageAdded',
  'onMessageUpdated',
  'onMessageRemoved',
  'onUserUpdated',
] as const;
export type PostEvent = (typeof POST_EVENTS)[number];

/**
 * Filters Twilio accepts but the emulator never fires: pre-event hooks (which would have to
 * block and veto the action) and events it has no source for. Accepted so that configuration
 * scripts written for Twilio run unchanged.
 */
const ACCEPTED_ONLY = [
  'onConversationAdd',
  'onConversationUpdate',
  'onConversationRemove',
  'onParticipantAdd',
  'onParticipantUpdate',
  'onParticipantRemove',
  'onMessageAdd',
  'onMessageUpdate',
  'onMessageRemove',
  'onUserAdd',
  'onUserUpdate',
  'onUserAdded',
  'onConversationStateUpdated',
  'onDeliveryUpdated',
];

export interface WebhookConfig {
  method: 'POST' | 'GET';
  filters: string[];
  preWebhookUrl: string | null;
  postWebhookUrl: string | null;
  /** Account level only: `webhook` or `flex` (flex means "not us", so nothing is sent). */
  target: 'webhook' | 'flex';
}

export type WebhookConfigPatch = Partial<WebhookConfig>;

const EMPTY: WebhookConfig = { method: 'POST', filters: [], preWebhookUrl: null, postWebhookUrl: null, target: 'webhook' };
const ACCOUNT_KEY = 'account';

/** Account-level and service-level webhook configuration, persisted in the Db. */
export class WebhookConfigStore {
  private readonly configs: Collection<WebhookConfig>;

  constructor(db: Db) {
    this.configs = db.collection('webhookConfig');
  }

  /** Copies: a caller changing what it got must not change what is stored. */
  account(): WebhookConfig {
    return copy(this.configs.get(ACCOUNT_KEY) ?? EMPTY);
  }

  service(serviceSid: string): WebhookConfig {
    return copy(this.configs.get(serviceSid) ?? EMPTY);
  }

  updateAccount(patch: WebhookConfigPatch): WebhookConfig {
    return this.put(ACCOUNT_KEY, { ...this.account(), ...validate(patch) });
  }

  updateService(serviceSid: string, patch: WebhookConfigPatch): WebhookConfig {
    return this.put(serviceSid, { ...this.service(serviceSid), ...validate(patch) });
  }

  /** The configuration that applies to a service's events: its own when it names a post URL, else the account's. */
  effective(serviceSid: string): WebhookConfig | null {
    const own = this.service(serviceSid);
    if (own.postWebhookUrl) return own;
    const account = this.account();
    return account.postWebhookUrl && account.target === 'webhook' ? account : null;
  }

  private put(key: string, config: WebhookConfig): WebhookConfig {
    this.configs.put(key, copy(config));
    return config;
  }
}

const copy = (config: WebhookConfig): WebhookConfig => ({ ...config, filters: [...config.filters] });

function validate(patch: WebhookConfigPatch): WebhookConfigPatch {
  const out: WebhookConfigPatch = { ...patch };
  if (patch.method !== undefined) {
    const method = patch.method.toUpperCase();
    if (method !== 'POST' && method !== 'GET') throw badRequest(`Method must be POST or GET, got "${patch.method}"`);
    out.method = method;
  }
  if (patch.filters !== undefined) {
    const known = new Set<string>([...POST_EVENTS, ...ACCEPTED_ONLY]);
    const unknown = patch.filters.filter((f) => !known.has(f));
    if (unknown.length) throw badRequest(`Unknown webhook filter(s): ${unknown.join(', ')}`);
    out.filters = [...new Set(patch.filters)];
  }
  for (const key of ['preWebhookUrl', 'postWebhookUrl'] as const) {
    const url = patch[key];
    if (url === undefined) continue;
    out[key] = url ? checkUrl(url) : null;
  }
  if (patch.target !== undefined && patch.target !== 'webhook' && patch.target !== 'flex') {
    throw badRequest(`Target must be webhook or flex, got "${String(patch.target)}"`);
  }
  return out;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest(`Webhook URL "${url}" is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badRequest(`Webhook URL "${url}" must be http or https`);
  return url;
}
