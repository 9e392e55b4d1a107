import type { ContentRecord, WhatsAppApproval } from '../content/records';
import { CONTENT_SID } from '../content/store';
import { TwilioError, badRequest } from '../util/errors';
import type { RestCtx, RestRouter } from './context';
import { paginate } from './paging';
import { restDate } from './resources';

/** Page keys that increase down the list, which is newest first. */
const newestFirstKey = (r: ContentRecord): string => String(Number.MAX_SAFE_INTEGER - r.seq).padStart(16, '0');

/**
 * Twilio's Content API (content.twilio.com/v1), on the same port as the rest: templates, their
 * WhatsApp approval requests and the combined list. It takes JSON bodies, as twilio's helper
 * library sends them (`Content-Type: application/json`), not form fields.
 */
export function contentRoutes(router: RestRouter): void {
  router.on('POST', '/v1/Content', (ctx) => {
    const r = ctx.content.create(jsonBody(ctx));
    return { status: 201, body: contentJson(ctx, r) };
  });

  router.on('GET', '/v1/Content', (ctx) => {
    const { page, meta } = paginate(ctx.content.list(), newestFirstKey, { params: ctx.params, listUrl: `${ctx.origin}/v1/Content`, key: 'contents' });
    return { status: 200, body: { contents: page.map((r) => contentJson(ctx, r)), meta } };
  });

  router.on('GET', '/v1/Content/:sid', (ctx, { sid }) => ({ status: 200, body: contentJson(ctx, record(ctx, sid as string)) }));

  router.on('DELETE', '/v1/Content/:sid', (ctx, { sid }) => {
    ctx.content.remove(record(ctx, sid as string).sid);
    return { status: 204 };
  });

  router.on('GET', '/v1/Content/:sid/ApprovalRequests', (ctx, { sid }) => {
    const r = record(ctx, sid as string);
    return { status: 200, body: { sid: r.sid, account_sid: ctx.svc.ids.accountSid, whatsapp: whatsappJson(r.whatsapp), url: `${contentUrl(ctx, r)}/ApprovalRequests` } };
  });

  // Twilio's docs spell the channel both ways (…/ApprovalRequests/whatsapp and …/WhatsApp).
  for (const channel of ['whatsapp', 'WhatsApp']) {
    router.on('POST', `/v1/Content/:sid/ApprovalRequests/${channel}`, (ctx, { sid }) => {
      const approval = ctx.content.requestWhatsAppApproval(record(ctx, sid as string).sid, jsonBody(ctx));
      const { type: _type, ...created } = whatsappJson(approval);
      return { status: 201, body: created };
    });
  }

  router.on('GET', '/v1/ContentAndApprovals', (ctx) => {
    const { page, meta } = paginate(ctx.content.list(), newestFirstKey, { params: ctx.params, listUrl: `${ctx.origin}/v1/ContentAndApprovals`, key: 'contents' });
    return {
      status: 200,
      body: {
        contents: page.map((r) => {
          const { url: _url, links: _links, ...content } = contentJson(ctx, r);
          return { ...content, approval_requests: whatsappJson(r.whatsapp) };
        }),
        meta,
      },
    };
  });
}

function record(ctx: RestCtx, sid: string): ContentRecord {
  if (!CONTENT_SID.test(sid)) throw new TwilioError(404, 20404, `The requested resource /Content/${sid} was not found`);
  return ctx.content.get(sid);
}

const contentUrl = (ctx: RestCtx, r: ContentRecord): string => `${ctx.origin}/v1/Content/${r.sid}`;

function contentJson(ctx: RestCtx, r: ContentRecord): Record<string, unknown> {
  const url = contentUrl(ctx, r);
  return {
    account_sid: ctx.svc.ids.accountSid,
    date_created: restDate(r.dateCreated),
    date_updated: restDate(r.dateUpdated),
    friendly_name: r.friendlyName,
    language: r.language,
    links: { approval_create: `${url}/ApprovalRequests/whatsapp`, approval_fetch: `${url}/ApprovalRequests` },
    sid: r.sid,
    types: r.types,
    url,
    variables: r.variables,
  };
}

/** Twilio's `whatsapp` approval object; empty until an approval has been requested. */
function whatsappJson(a: WhatsAppApproval | null): Record<string, unknown> {
  if (!a) return {};
  return {
    type: 'whatsapp',
    name: a.name,
    category: a.category,
    content_type: a.contentType,
    status: a.status,
    rejection_reason: a.rejectionReason,
    allow_category_change: a.allowCategoryChange,
  };
}

function jsonBody(ctx: RestCtx): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.req.body.toString('utf8') || '{}');
  } catch {
    throw badRequest('The Content API takes a JSON body (Content-Type: application/json)');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('The request body must be a JSON object');
  return parsed as Record<string, unknown>;
}
