import { Router } from '../http/router';
import type { SyncEngine, SubscriptionRequest } from '../sync/engine';
import type { SyncObjectType } from '../sync/types';
import { TwilioError } from '../util/errors';
import type { UpstreamContext } from './context';

const TYPES: Record<string, SyncObjectType> = { Documents: 'document', Maps: 'map', Lists: 'list' };

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
          index: q.Index !== undefined ? Number(q.Index) : undefined,
          from: q.From === undefined ? undefined : isList ? Number(q.From) : q.From,
          pageSize: q.PageSize ? Number(q.PageSize) : undefined,
          order: q.Order === 'desc' ? 'desc' : 'asc',
        }),
      };
    };
    router.on('GET', `/v3/${collection}/:id/Items`, items);
    router.on('GET', `/v3/Services/:service/${collection}/:id/Items`, items);
  }
  router.on('POST', '/v4/Subscriptions', (ctx) => {
    const body = ctx.body as { action?: string; correlation_id?: unknown; requests?: SubscriptionRequest[] };
    const requests = Array.isArray(body.requests) ? body.requests : [];
    // Replay and confirmations follow the reply, so the client has registered the correlation id.
    ctx.connection.afterReply(() => {
      if (body.action === 'cancel') sync.cancel(ctx.connection, requests, body.correlation_id);
      else sync.establish(ctx.connection, requests, body.correlation_id);
    });
    return { status: 202, body: { estimated_delivery_in_ms: 3000, max_batch_size: 100, ttl_in_s: -1 } };
  });
  return router;
}
