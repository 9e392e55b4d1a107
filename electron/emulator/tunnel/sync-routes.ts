import { Router } from '../http/router';
import type { SyncEngine, SubscriptionRequest } from '../sync/engine';
import type { SyncObjectType } from '../sync/types';
import { TwilioError, badRequest } from '../util/errors';
import type { UpstreamContext } from './context';

const TYPES: Record<string, SyncObjectType> = { Documents: 'document', Maps: 'map', Lists: 'list' };

/** A whole-number query parameter (list indices, page sizes); anything else is a 400. */
function int(q: Record<string, string>, name: string): number | undefined {
  const raw = q[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw badRequest(`${name} must be a non-negative integer, got "${raw.slice(0, 40)}"`);
  return Number(raw);
}

/** Subscription requests the engine can act on; malformed entries are refused as a whole. */
function subscriptionRequests(raw: unknown): SubscriptionRequest[] {
  if (raw === undefined) return [];
  const ok = Array.isArray(raw) && raw.every((r) => r !== null && typeof r === 'object' && typeof (r as SubscriptionRequest).object_sid === 'string' && typeof (r as SubscriptionRequest).object_type === 'string');
  if (!ok) throw badRequest('requests must be a list of {object_sid, object_type, last_event_id?}');
  return raw as SubscriptionRequest[];
}

/** The Sync REST calls Conversations makes: open objects, read items, subscribe. */
export function syncRoutes(sync: SyncEngine): Router<UpstreamContext> {
  const router = new Router<UpstreamContext>();
  const open = (collection: string, id: string) => {
    const type = TYPES[collection];
    const rec = type ? sync.find(type, id) : undefined;
    if (!rec) throw new TwilioError(404, 54100, `Sync ${collection.slice(0, -1)} ${id} not found`);
    return rec;
  };
  for (const collection of Object.keys(TYPES)) {
    const descriptor = (ctx: UpstreamContext, p: Record<string, string>) => ({
      status: 200,
      body: sync.descriptor(open(collection, p.id as string), ctx.query.Include === 'items'),
    });
    router.on('GET', `/v3/${collection}/:id`, descriptor);
    router.on('GET', `/v3/Services/:service/${collection}/:id`, descriptor);
    const items = (ctx: UpstreamContext, p: Record<string, string>) => {
      const rec = open(collection, p.id as string);
      const q = ctx.query;
      const isList = rec.type === 'list';
      return {
        status: 200,
        body: sync.query(rec, {
          key: q.Key,
          index: int(q, 'Index'),
          from: isList ? int(q, 'From') : q.From,
          pageSize: int(q, 'PageSize'),
          order: q.Order === 'desc' ? 'desc' : 'asc',
        }),
      };
    };
    router.on('GET', `/v3/${collection}/:id/Items`, items);
    router.on('GET', `/v3/Services/:service/${collection}/:id/Items`, items);
  }
  router.on('POST', '/v4/Subscriptions', (ctx) => {
    const body = ctx.body as { action?: string; correlation_id?: unknown; requests?: SubscriptionRequest[] };
    const requests = subscriptionRequests(body.requests);
    // Replay and confirmations follow the reply, so the client has registered the correlation id.
    ctx.connection.afterReply(() => {
      if (body.action === 'cancel') sync.cancel(ctx.connection, requests, body.correlation_id);
      else sync.establish(ctx.connection, requests, body.correlation_id);
    });
    return { status: 202, body: { estimated_delivery_in_ms: 3000, max_batch_size: 100, ttl_in_s: -1 } };
  });
  return router;
}
