import { POST_EVENT_FILTERS, webhookDeliveriesSchema, type WebhookDelivery, type WebhookSettings } from '../../../shared/ipc/webhook-schema';
import { english, type Translate } from '../desktop/locale';
import { DeskError } from '../errors';
import type { RestClient } from '../rest/rest-client';
import { toDeskError } from '../team/twilio-errors';
import type { Vault } from '../vault';
import { sampleMessageAdded, sendTestEvent } from './test-event';
import type { WebhookPort } from './webhook-port';

/** What signs the Local workspace's webhooks: its emulator's account and auth token (never sent to the renderer). */
export interface LocalWebhookAccess {
  accountSid: string;
  authToken: string;
  restBaseUrl: string;
}

export interface WebhookServiceDeps {
  /** The active profile's governed REST client (shared with the team queue: one request budget). */
  rest(): Promise<{ rest: RestClient; identity: string }>;
  /** The active profile: its id, whether it is the Local workspace, and its Account SID (null for Local). */
  activeProfile(): Promise<{ id: string; local: boolean; accountSid: string | null }>;
  localAccess(): Promise<LocalWebhookAccess>;
  vault: Pick<Vault, 'get' | 'set'>;
  /** Notes a secret for the log redactor before it is used. */
  remember?(secret: string): void;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  t?: Translate;
  log?: (line: string) => void;
}

/** The vault key of a Twilio profile's Auth Token (profile ids are UUIDs: 49 characters in all). */
export const authTokenKey = (profileId: string): string => `webhook-auth-${profileId}`;

const POST_EVENTS = new Set<string>(POST_EVENT_FILTERS);

export function createWebhookService(deps: WebhookServiceDeps): WebhookPort {
  const t = deps.t ?? english;
  const fetchImpl = deps.fetch ?? fetch;
  const now = deps.now ?? (() => performance.now());

  const config = async (rest: RestClient) => rest.twilio.conversations.v1.services(rest.serviceSid).configuration.webhooks();

  /** The Auth Token that signs for the active profile, or null when a Twilio profile has none yet. */
  const signingToken = async (profile: { id: string; local: boolean }): Promise<string | null> => {
    if (profile.local) return (await deps.localAccess()).authToken;
    const token = await deps.vault.get(authTokenKey(profile.id)).catch(() => null);
    if (token) deps.remember?.(token);
    return token;
  };

  const read = async (): Promise<WebhookSettings> => {
    const profile = await deps.activeProfile();
    const { rest } = await deps.rest();
    let fetched;
    try {
      fetched = await (await config(rest)).fetch();
    } catch (error) {
      throw toDeskError(error, { t });
    }
    return {
      postWebhookUrl: fetched.postWebhookUrl || null,
      preWebhookUrl: fetched.preWebhookUrl || null,
      method: String(fetched.method).toUpperCase() === 'GET' ? 'GET' : 'POST',
      filters: (fetched.filters ?? []).map(String),
      canSign: (await signingToken(profile)) !== null,
      local: profile.local,
    };
  };

  return {
    settings: read,

    async save(request) {
      const { rest } = await deps.rest();
      const current = await read();
      // Pre-event filters (and names this desk does not know) stay as they were: the screen edits post-event ones.
      const kept = current.filters.filter((f) => !POST_EVENTS.has(f));
      const filters = [...new Set([...kept, ...request.filters])];
      try {
        await (
          await config(rest)
        ).update({
          postWebhookUrl: request.postWebhookUrl,
          method: request.method,
          // twilio-node leaves an empty list out (Twilio would keep the old one): a URL needs one filter, see the schema.
          ...(filters.length ? { filters } : {}),
        });
      } catch (error) {
        throw toDeskError(error, { t });
      }
      return read();
    },

    async test(request) {
      const profile = await deps.activeProfile();
      const token = await signingToken(profile);
      if (!token) throw new DeskError('invalid-input', t('errors.webhooks.noAuthToken'));
      const { rest, identity } = await deps.rest();
      const accountSid = profile.local ? (await deps.localAccess()).accountSid : (profile.accountSid ?? '');
      const params = sampleMessageAdded({ accountSid, serviceSid: rest.serviceSid, identity }, new Date(rest.clock.now()));
      const result = await sendTestEvent(request, token, params, { fetch: fetchImpl, now, timeoutMs: deps.timeoutMs });
      deps.log?.(`webhooks: test event to ${new URL(request.url).origin}: ${result.outcome}${result.status ? ` ${result.status}` : ''} in ${result.durationMs} ms`);
      return result;
    },

    async setAuthToken(authToken) {
      const profile = await deps.activeProfile();
      if (profile.local) throw new DeskError('invalid-input', t('errors.webhooks.localSigns'));
      deps.remember?.(authToken);
      await deps.vault.set(authTokenKey(profile.id), authToken);
      return read();
    },

    async deliveries() {
      const profile = await deps.activeProfile();
      if (!profile.local) return { available: false, deliveries: [] };
      const access = await deps.localAccess();
      const auth = Buffer.from(`${access.accountSid}:${access.authToken}`).toString('base64');
      let body: unknown;
      try {
        const res = await fetchImpl(`${access.restBaseUrl.replace(/\/+$/, '')}/emulator/webhooks`, { headers: { Authorization: `Basic ${auth}` } });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        body = await res.json();
      } catch (error) {
        throw new DeskError('unavailable', t('errors.webhooks.deliveriesUnavailable', { reason: (error as Error).message }));
      }
      const raw = (body as { deliveries?: unknown[] } | null)?.deliveries;
      const deliveries: WebhookDelivery[] = (Array.isArray(raw) ? raw : []).map((d) => {
        const x = d as Record<string, unknown>;
        return {
          id: x.id,
          eventType: x.event_type,
          url: x.url,
          method: x.method,
          state: x.state,
          status: x.status,
          error: x.error,
          attempts: x.attempts,
          dateCreated: x.date_created,
          dateUpdated: x.date_updated,
        } as WebhookDelivery;
      });
      const parsed = webhookDeliveriesSchema.safeParse({ available: true, deliveries });
      if (!parsed.success) throw new DeskError('internal', t('errors.webhooks.deliveriesUnavailable', { reason: 'unexpected answer' }));
      return parsed.data;
    },
  };
}
