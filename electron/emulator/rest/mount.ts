import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { Credentials } from '../auth/credentials';
import type { ContentStore } from '../content/store';
import { CreationOrder } from '../conversations/creation-order';
import { ParticipantLookup } from '../conversations/participant-lookup';
import type { ConversationsService } from '../conversations/service';
import type { HttpMount, HttpRequest } from '../http/request';
import { Router, type Reply } from '../http/router';
import { TwilioError, asTwilioError } from '../util/errors';
import { newSid } from '../util/ids';
import type { ApiWebhookGate } from '../webhooks/api-gate';
import type { WebhookConfigStore } from '../webhooks/config-store';
import { checkBasicAuth } from './auth';
import { contentRoutes } from './content-routes';
import type { RestCtx } from './context';
import { conversationRoutes } from './conversation-routes';
import { conversationWithParticipantsRoutes } from './conversation-with-participants-routes';
import { messageRoutes } from './message-routes';
import { Params } from './params';
import { participantConversationRoutes } from './participant-conversation-routes';
import { phoneNumberRoutes, type PhoneNumbersPort } from './phone-number-routes';
import { roleRoutes } from './role-routes';
import { userRoutes } from './user-routes';
import { webhookConfigRoutes } from './webhook-config-routes';

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 100;

export interface RestDeps {
  service: ConversationsService;
  creds: Credentials;
  webhookConfigs: WebhookConfigStore;
  content: ContentStore;
  gate: ApiWebhookGate;
  origin: () => string;
  log(line: string): void;
  maxConcurrentRequests?: number;
  /** The account's phone numbers for the classic API's IncomingPhoneNumbers; none when absent. */
  phoneNumbers?: PhoneNumbersPort;
  /** The least time a request is held open (its handling included), so clients' timeouts and the 429 limit can be exercised. */
  latencyMs?: number;
}

/**
 * Conversations v1 (optionally service-scoped), the Content API (content.twilio.com/v1) and the
 * classic API's accounts (api.twilio.com/2010-04-01).
 */
const PATHS = /^\/v1\/((Services\/[^/]+\/)?(Conversations|ConversationWithParticipants|Configuration|Users|ParticipantConversations|Roles)|Content|ContentAndApprovals)(\/|$)|^\/2010-04-01\/Accounts\//;

/** Twilio answers for an unknown Conversations resource with 20404, whatever the domain rule said. */
const NOT_FOUND_CODES = new Set([20404, 50350, 50432, 50500]);

/**
 * Twilio's public Conversations v1 REST API. Every change goes through ConversationsService as
 * the 'API' actor, so SDK clients see it live. Requests are counted while in flight: above the
 * limit the API answers 429 / 20429 as Twilio does under load, and every answer carries
 * `Twilio-Request-Duration` and `Twilio-Concurrent-Requests`.
 */
export function restMount(deps: RestDeps): HttpMount {
  const router = new Router<RestCtx>();
  conversationRoutes(router);
  conversationWithParticipantsRoutes(router);
  messageRoutes(router);
  userRoutes(router);
  participantConversationRoutes(router);
  webhookConfigRoutes(router);
  contentRoutes(router);
  phoneNumberRoutes(router, deps.phoneNumbers ?? { list: () => [] }, deps.creds.accountSid);
  roleRoutes(router);
  // Built now, from the loaded records, so that no client's first list request pays for it.
  CreationOrder.of(deps.service);
  ParticipantLookup.of(deps.service);
  const limit = deps.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS;
  let inFlight = 0;

  const route = async (req: HttpRequest): Promise<Reply> => {
    // Like Twilio, say nothing about paths or methods to a caller who has not authenticated.
    checkBasicAuth(header(req, 'authorization'), deps.creds);
    const match = router.match(req.method, req.path);
    if (match.kind === 'not-found') throw new TwilioError(404, 20404, `The requested resource ${req.path} was not found`);
    if (match.kind === 'method-not-allowed') {
      return { status: 405, body: new TwilioError(405, 20004, `Method ${req.method} not allowed on ${req.path}`).toBody(), headers: { allow: match.allowed.join(', ') } };
    }
    if (match.params.serviceSid !== undefined && match.params.serviceSid !== deps.creds.serviceSid) {
      throw new TwilioError(404, 20404, `The requested resource ${req.path} was not found`);
    }
    const origin = deps.origin();
    const webhooksEnabled = header(req, 'x-twilio-webhook-enabled')?.toLowerCase() === 'true';
    const ctx: RestCtx = {
      req,
      params: Params.of(req),
      origin,
      base: match.params.serviceSid ? `${origin}/v1/Services/${match.params.serviceSid}` : `${origin}/v1`,
      svc: deps.service,
      webhookConfigs: deps.webhookConfigs,
      content: deps.content,
      mutate: (fn) => deps.gate.run(webhooksEnabled, () => fn({ identity: null, source: 'API' })),
    };
    return match.handler(ctx, match.params);
  };

  return {
    matches: (req) => PATHS.test(req.path),
    async handle(req) {
      const started = performance.now();
      inFlight++;
      const concurrent = inFlight;
      let reply: Reply;
      // Handled inside the latency, not after it (see http/server.ts); refusals take it too.
      const held = concurrent <= limit && deps.latencyMs ? delay(deps.latencyMs) : null;
      try {
        if (concurrent > limit) {
          reply = { status: 429, body: new TwilioError(429, 20429, 'Too Many Requests').toBody() };
        } else {
          reply = await route(req);
        }
      } catch (err) {
        reply = errorReply(err, req, deps.log);
      }
      try {
        if (held) await held;
      } finally {
        inFlight--;
      }
      return {
        ...reply,
        headers: {
          ...reply.headers,
          'twilio-request-id': newSid('RQ'),
          'twilio-request-duration': ((performance.now() - started) / 1000).toFixed(3),
          'twilio-concurrent-requests': String(concurrent),
          ...(reply.status === 401 ? { 'www-authenticate': 'Basic realm="Twilio API"' } : {}),
        },
      };
    },
  };
}

function errorReply(err: unknown, req: HttpRequest, log: (line: string) => void): Reply {
  const e = asTwilioError(err);
  if (e.status >= 500) log(`rest ${req.method} ${req.path}: ${err instanceof Error ? err.stack : String(err)}`);
  if (e.status === 404 && NOT_FOUND_CODES.has(e.code)) {
    return { status: 404, body: { ...new TwilioError(404, 20404, `The requested resource ${req.path} was not found`).toBody(), detail: e.message } };
  }
  return { status: e.status, body: e.toBody() };
}

function header(req: HttpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
