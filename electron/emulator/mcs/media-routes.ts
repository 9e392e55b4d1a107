import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TokenFailure, VerifiedToken } from '../auth/access-token';
import type { ConversationsService } from '../conversations/service';
import type { MediaRecord } from '../conversations/records';
import { LIMITS, formatMb } from '../conversations/limits';
import type { HttpMount, HttpRequest } from '../http/request';
import { Router, type Reply } from '../http/router';
import type { Db } from '../store/db';
import { TwilioError, badRequest } from '../util/errors';
import { newSid, nowIso } from '../util/ids';

/** Temporary content URLs stay valid this long, like Twilio's (5 minutes). */
export const CONTENT_URL_TTL_MS = 5 * 60 * 1000;

export interface MediaDeps {
  db: Db;
  service: ConversationsService;
  origin: () => string;
  /** Signs temporary URLs; the account's auth token. */
  signingKey: string;
  verify(token: string): VerifiedToken | TokenFailure;
}

interface MediaCtx {
  req: HttpRequest;
}

/**
 * Twilio's Media Content Service as the SDK uses it: raw-body uploads, media records, media
 * sets, and byte-exact downloads from expiring signed URLs.
 */
export function mediaMount(deps: MediaDeps): HttpMount & { store(input: { bytes: Buffer; contentType: string; filename: string | null; author: string | null; category?: MediaRecord['category'] }): MediaRecord } {
  const { db, service } = deps;
  const base = (serviceSid: string) => `${deps.origin()}/v1/Services/${serviceSid}/Media`;

  const sign = (sid: string, expires: number) => createHmac('sha256', deps.signingKey).update(`${sid}:${expires}`).digest('hex');
  const contentUrl = (rec: MediaRecord) => {
    const expires = Date.now() + CONTENT_URL_TTL_MS;
    return `${base(rec.serviceSid)}/${rec.sid}/Content?Expires=${expires}&Signature=${sign(rec.sid, expires)}`;
  };
  const json = (rec: MediaRecord) => ({
    sid: rec.sid,
    service_sid: rec.serviceSid,
    account_sid: service.ids.accountSid,
    channel_sid: rec.conversationSid,
    message_sid: rec.messageSid,
    date_created: rec.dateCreated,
    date_upload_updated: rec.dateCreated,
    date_updated: rec.dateCreated,
    size: rec.size,
    content_type: rec.contentType,
    filename: rec.filename,
    category: rec.category,
    author: rec.author,
    is_multipart_upstream: false,
    url: `${base(rec.serviceSid)}/${rec.sid}`,
    links: { content: `${base(rec.serviceSid)}/${rec.sid}/Content`, content_direct_temporary: contentUrl(rec) },
  });

  const store = (input: { bytes: Buffer; contentType: string; filename: string | null; author: string | null; category?: MediaRecord['category'] }): MediaRecord => {
    if (input.bytes.length === 0) throw badRequest('Media upload is empty');
    if (input.bytes.length > LIMITS.chatFileBytes) {
      throw new TwilioError(413, 50517, `Media is ${formatMb(input.bytes.length)}; the limit is ${formatMb(LIMITS.chatFileBytes)}`);
    }
    const rec: MediaRecord = {
      sid: newSid('ME'),
      serviceSid: service.ids.serviceSid,
      conversationSid: null,
      messageSid: null,
      size: input.bytes.length,
      contentType: input.contentType,
      filename: input.filename,
      category: input.category ?? 'media',
      author: input.author,
      dateCreated: nowIso(),
    };
    db.putBlob(rec.sid, input.bytes);
    service.media.put(rec.sid, rec);
    return rec;
  };

  const authenticate = (req: HttpRequest): string => {
    const token = req.headers['x-twilio-token'];
    const result = deps.verify(Array.isArray(token) ? (token[0] ?? '') : (token ?? ''));
    if (!('identity' in result)) throw new TwilioError(401, result.kind === 'expired' ? 20104 : 20101, result.message);
    return result.identity;
  };
  const find = (sid: string): MediaRecord => {
    const rec = service.media.get(sid);
    if (!rec) throw new TwilioError(404, 20404, `Media ${sid} not found`);
    return rec;
  };

  const router = new Router<MediaCtx>();
  router.on('POST', '/v1/Services/:service/Media', ({ req }) => {
    const author = authenticate(req);
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (contentType.startsWith('multipart/')) throw new TwilioError(415, 20415, 'Send the media bytes as the request body with their own Content-Type (multipart is not supported)');
    if (!contentType) throw badRequest('Content-Type of the media is required');
    const category = req.query.get('Category') ?? 'media';
    if (category !== 'media' && category !== 'body' && category !== 'history') throw badRequest(`Unknown media category ${category}`);
    const rec = store({ bytes: req.body, contentType, filename: req.query.get('Filename'), author, category });
    return { status: 201, body: json(rec) };
  });
  router.on('GET', '/v1/Services/:service/Media/:sid', ({ req }, p) => {
    authenticate(req);
    return { status: 200, body: json(find(p.sid as string)) };
  });
  router.on('POST', '/v1/Services/:service/MediaSet', ({ req }) => {
    authenticate(req);
    let body: { command?: unknown; list?: unknown } | null;
    try {
      body = JSON.parse(req.body.toString('utf8')) as typeof body;
    } catch {
      throw badRequest('Media set request must be JSON');
    }
    // `null`, a list of nulls or of non-strings must be a 400, not a TypeError.
    const list = body !== null && typeof body === 'object' && body.command === 'get' && Array.isArray(body.list) ? (body.list as unknown[]) : null;
    const sids = list?.map((x) => (x !== null && typeof x === 'object' ? (x as { media_sid?: unknown }).media_sid : undefined));
    if (!sids || sids.some((sid) => typeof sid !== 'string')) throw badRequest('Media set supports {"command":"get","list":[{"media_sid":"ME…"}, …]}');
    return {
      status: 200,
      body: (sids as string[]).map((sid) => {
        const rec = service.media.get(sid);
        return rec ? { code: 200, media_record: json(rec) } : { code: 404, media_record: null };
      }),
    };
  });
  router.on('GET', '/v1/Services/:service/Media/:sid/Content', ({ req }, p) => {
    const sid = p.sid as string;
    const expires = Number(req.query.get('Expires'));
    const signature = req.query.get('Signature') ?? '';
    const expected = sign(sid, expires);
    if (!expires || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      throw new TwilioError(403, 20403, 'Media URL signature is invalid: fetch a fresh temporary URL');
    }
    if (Date.now() > expires) throw new TwilioError(403, 20403, 'Temporary media URL has expired: fetch a fresh one');
    const rec = find(sid);
    const bytes = db.getBlob(sid);
    if (!bytes) throw new TwilioError(404, 20404, `Content of media ${sid} is missing`);
    return {
      status: 200,
      body: bytes,
      headers: {
        'content-type': rec.contentType,
        'cache-control': 'private, max-age=300',
        ...(rec.filename ? { 'content-disposition': `inline; filename="${rec.filename.replace(/["\\\r\n]/g, '_')}"` } : {}),
      },
    };
  });

  return {
    store,
    matches: (req) => /^\/v1\/Services\/[^/]+\/Media(Set)?(\/|$)/.test(req.path),
    handle: async (req): Promise<Reply> => {
      const match = router.match(req.method, req.path);
      if (match.kind === 'found') return match.handler({ req }, match.params);
      if (match.kind === 'method-not-allowed') return { status: 405, body: new TwilioError(405, 20004, `Method ${req.method} not allowed`).toBody() };
      throw new TwilioError(404, 20404, `The requested resource ${req.path} was not found`);
    },
  };
}
