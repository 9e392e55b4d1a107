import type { ContentStore } from '../content/store';
import type { ConversationsService, Actor } from '../conversations/service';
import type { HttpRequest } from '../http/request';
import type { Router } from '../http/router';
import type { WebhookConfigStore } from '../webhooks/config-store';
import type { Params } from './params';

/** What every REST handler gets. */
export interface RestCtx {
  req: HttpRequest;
  params: Params;
  /** `{origin}/v1` or `{origin}/v1/Services/{IS}`: the base of `url` and `links` in responses. */
  base: string;
  origin: string;
  svc: ConversationsService;
  webhookConfigs: WebhookConfigStore;
  /** The account's content templates (Content API; ContentSid sends). */
  content: ContentStore;
  /** Runs a change as the API actor; its webhooks fire only if the request asked (X-Twilio-Webhook-Enabled). */
  mutate<T>(fn: (actor: Actor) => T): T;
}

export type RestRouter = Router<RestCtx>;

/** Twilio serves each Conversations resource at `/v1/...` (default service) and `/v1/Services/{IS}/...`. */
export const PREFIXES = ['/v1', '/v1/Services/:serviceSid'] as const;
