import type { Credentials } from '../auth/credentials';
import type { EmulatorClock } from '../clock';
import type { Delivery } from '../conversations/delivery';
import type { OutboundRecord } from '../conversations/records';
import { formBody, type HttpMount, type HttpRequest } from '../http/request';
import { Router, type Reply } from '../http/router';
import { TwilioError, badRequest } from '../util/errors';
import { requireBasicAuth } from './basic-auth';
import { deliverInbound, parseInbound, type InboundDeps } from './inbound';
import type { EmulatorSettings } from './settings';
import type { WebhookDelivery } from '../webhooks/delivery-log';

export interface ControlDeps extends InboundDeps {
  creds: Credentials;
  delivery: Pick<Delivery, 'deliveredTo' | 'markRead'>;
  settings: EmulatorSettings;
  /** Browser origins allowed through CORS and WebSocket checks (`--allow-origin` and later additions). */
  origins: { allow(origin: string): void; list(): readonly string[] };
  clock: EmulatorClock;
  /** The last webhook deliveries, newest first (the dispatcher's ring). */
  webhookDeliveries(): WebhookDelivery[];
}

/** One call moves the clock at most a year: enough for any timer, and never past Date's range. */
const MAX_ADVANCE_SECONDS = 366 * 24 * 60 * 60;

/** The emulator's own API (not Twilio's): plays the customers' phones and tunes the emulator. */
export const CONTROL_PREFIX = '/emulator/';

const outboundJson = (o: OutboundRecord) => ({
  sid: o.sid,
  to: o.to,
  from: o.from,
  body: o.body,
  media_sids: o.mediaSids,
  // "sent" only while the simulated carrier is still working on it (a fraction of a second).
  status: o.status,
  error_code: o.errorCode,
  conversation_sid: o.conversationSid,
  message_sid: o.messageSid,
  date_created: o.dateCreated,
  // Template messages: the content type this phone's channel shows and its buttons.
  ...(o.content ? { content_sid: o.content.sid, content_type: o.content.type, buttons: o.content.buttons, media_urls: o.content.mediaUrls } : {}),
});

const deliveryJson = (d: WebhookDelivery) => ({
  id: d.id,
  event_type: d.eventType,
  url: d.url,
  method: d.method,
  state: d.state,
  status: d.status,
  error: d.error,
  attempts: d.attempts,
  date_created: d.dateCreated,
  date_updated: d.dateUpdated,
});

/** Accepts form-encoded or JSON bodies, since this API is called by hand as often as by code. */
function fields(req: HttpRequest): Map<string, string[]> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.includes('json')) return formBody(req);
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8') || '{}');
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('Request body must be a JSON object');
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(parsed)) out.set(k, (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))));
  return out;
}

export function controlMount(deps: ControlDeps): HttpMount {
  const settingsJson = () => {
    const s = deps.settings.get();
    return { auto_join_identities: s.autoJoinIdentities, sms_numbers: s.smsNumbers, whatsapp_senders: s.whatsappSenders };
  };
  const clockJson = () => ({ now: deps.clock.nowIso(), offset_seconds: deps.clock.offsetSeconds });
  const router = new Router<HttpRequest>()
    .on('GET', '/emulator/health', () => ({ status: 200, body: { ok: true } }))
    .on('POST', '/emulator/inbound', (req) => ({ status: 201, body: deliverInbound(deps, parseInbound(fields(req))) }))
    .on('GET', '/emulator/outbound', (req) => {
      const to = req.query.get('to') ?? req.query.get('To');
      if (!to?.trim()) throw badRequest('Query parameter "to" is required: the customer address, e.g. ?to=%2B14155550123');
      return { status: 200, body: { to: to.trim(), messages: deps.delivery.deliveredTo(to.trim()).map(outboundJson) } };
    })
    // The WhatsApp customer reads what reached their phone: its receipts become "read".
    .on('POST', '/emulator/read', (req) => {
      const from = fields(req).get('From')?.[0]?.trim();
      if (!from?.toLowerCase().startsWith('whatsapp:')) throw badRequest('From is required: the WhatsApp customer who read their messages, e.g. whatsapp:+447700900123 (SMS has no read receipts)');
      return { status: 200, body: { from, read: deps.delivery.markRead(`whatsapp:${from.slice('whatsapp:'.length)}`) } };
    })
    .on('GET', '/emulator/settings', () => ({ status: 200, body: settingsJson() }))
    .on('POST', '/emulator/settings', (req) => {
      const form = fields(req);
      const list = form.get('AutoJoinIdentities');
      const sms = form.get('SmsNumbers');
      const whatsapp = form.get('WhatsappSenders');
      if (list === undefined && sms === undefined && whatsapp === undefined) {
        throw badRequest(
          'AutoJoinIdentities (a comma-separated list of chat identities, may be empty), SmsNumbers (the account\'s SMS numbers in E.164) or WhatsappSenders (its WhatsApp senders) is required',
        );
      }
      // Every list is checked before any is stored: a bad sender must not leave new identities behind.
      const split = (values: string[]) => values.flatMap((x) => x.split(','));
      deps.settings.update({
        ...(list !== undefined ? { autoJoinIdentities: split(list) } : {}),
        ...(sms !== undefined ? { smsNumbers: split(sms) } : {}),
        ...(whatsapp !== undefined ? { whatsappSenders: split(whatsapp) } : {}),
      });
      return { status: 200, body: settingsJson() };
    })
    // The test clock (not Twilio's): moves the emulator's time forward so conversation timers fire.
    .on('GET', '/emulator/clock', () => ({ status: 200, body: clockJson() }))
    .on('POST', '/emulator/clock', (req) => {
      const raw = fields(req).get('AdvanceSeconds')?.[0]?.trim();
      if (raw === undefined || raw === '') throw badRequest('AdvanceSeconds is required: how many seconds to move the emulator clock forward, e.g. 600');
      const seconds = Number(raw);
      if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(seconds) || seconds > MAX_ADVANCE_SECONDS) {
        throw badRequest(`AdvanceSeconds must be a number of seconds from 0 to ${MAX_ADVANCE_SECONDS} (the clock only moves forward), got ${JSON.stringify(raw.slice(0, 40))}`);
      }
      deps.clock.advance(seconds);
      return { status: 200, body: clockJson() };
    })
    // What the emulator's post-event webhooks did lately (Twilio's Console debugger, in small).
    .on('GET', '/emulator/webhooks', () => ({ status: 200, body: { deliveries: deps.webhookDeliveries().map(deliveryJson) } }))
    // Another app's page on a running emulator (a second agent in the bench), as --allow-origin would at start.
    .on('GET', '/emulator/origins', () => ({ status: 200, body: { allowed_origins: deps.origins.list() } }))
    .on('POST', '/emulator/origins', (req) => {
      const origins = fields(req).get('Origin');
      if (!origins?.length) throw badRequest('Origin is required: a page origin such as http://127.0.0.1:5173 or app://desk');
      for (const origin of origins) {
        try {
          deps.origins.allow(origin);
        } catch {
          throw badRequest(`Origin ${JSON.stringify(origin.slice(0, 100))} is not a URL origin`);
        }
      }
      return { status: 200, body: { allowed_origins: deps.origins.list() } };
    });

  return {
    matches: (req) => req.path.startsWith(CONTROL_PREFIX) || req.path === '/emulator',
    async handle(req): Promise<Reply> {
      // Health answers without credentials so launchers can poll for readiness.
      if (req.path !== '/emulator/health') {
        try {
          requireBasicAuth(req, deps.creds);
        } catch (err) {
          if (err instanceof TwilioError) return { status: 401, body: err.toBody(), headers: { 'www-authenticate': 'Basic realm="Twilio emulator"' } };
          throw err;
        }
      }
      const match = router.match(req.method, req.path);
      if (match.kind === 'found') return match.handler(req, match.params);
      if (match.kind === 'method-not-allowed') {
        return { status: 405, body: new TwilioError(405, 20004, `Use ${match.allowed.join(' or ')} for ${req.path}`).toBody(), headers: { allow: match.allowed.join(', ') } };
      }
      throw new TwilioError(404, 20404, `No emulator endpoint ${req.path}: try /emulator/inbound, /emulator/outbound, /emulator/read, /emulator/settings, /emulator/origins, /emulator/clock, /emulator/webhooks or /emulator/health`);
    },
  };
}
