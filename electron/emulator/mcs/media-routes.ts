import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TokenFailure, VerifiedToken } from '../auth/access-token';
import type { ConversationsService } from '../conversations/service';
import type { MediaRecord } from '../conversations/records';
import { CODES, LIMITS, formatMb } from '../conversations/limits';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from '../http/limits';
import { takesNoBody } from '../http/policies';
import type { HttpMount, HttpRequest, RequestHead, RoutePolicy } from '../http/request';
import { Router, type Reply } from '../http/router';
import type { Db } from '../store/db';
import { TwilioError, badRequest } from '../util/errors';
import { newSid } from '../util/ids';
import { MEDIA_TYPE, contentDisposition, dispositionFor } from './content-disposition';
import { storeFirstFile } from './multipart';

/** Temporary content URLs stay valid this long, like Twilio's (5 minutes). */
export const CONTENT_URL_TTL_MS = 5 * 60 * 1000;

export interface MediaDeps {
  db: Db;
  service: ConversationsService;
  origin: () => string;
  /** Signs temporary URLs; the account's auth token. */
  signingKey: string;
  verify(token: string): VerifiedToken | TokenFailure;
  /** Defaults to DEFAULT_HTTP_LIMITS. */
  limits?: Pick<HttpLimits, 'mediaUploadBytes' | 'mediaSetBodyBytes' | 'controlBodyBytes'>;
}

interface MediaCtx {
  req: HttpRequest;
}

/**
 * Twilio's Media Content Service as the SDK uses it: raw-body and multipart/form-data uploads,
 * media records, media sets, and byte-exact downloads from expiring signed URLs.
 */
export interface MediaInput {
  bytes: Buffer;
  contentType: string;
  filename: string | null;
  author: string | null;
  category?: MediaRecord['category'];
}

const tooLarge = (size: string): TwilioError => new TwilioError(413, CODES.mediaTooLarge, `Media is ${size}; the limit is ${formatMb(LIMITS.chatFileBytes)}`);

export function mediaMount(deps: MediaDeps): HttpMount & { store(input: MediaInput): MediaRecord; policy(head: RequestHead): RoutePolicy; close(): void } {
  const { db, service } = deps;
  const limits = deps.limits ?? DEFAULT_HTTP_LIMITS;
  // Uploads in progress are written here; whatever a crash left behind is removed at start.
  const uploadDir = db.uploadDir ?? mkdtempSync(join(tmpdir(), 'emulator-uploads-'));
  rmSync(uploadDir, { recursive: true, force: true });
  mkdirSync(uploadDir, { recursive: true, mode: 0o700 });
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

  const record = (sid: string, size: number, input: Omit<MediaInput, 'bytes'>): MediaRecord => {
    if (size === 0) throw badRequest('Media upload is empty');
    if (size > LIMITS.chatFileBytes) throw tooLarge(formatMb(size));
    return {
      sid,
      serviceSid: service.ids.serviceSid,
      conversationSid: null,
      messageSid: null,
      size,
      contentType: checkedContentType(input.contentType),
      filename: input.filename,
      category: input.category ?? 'media',
      author: input.author,
      dateCreated: service.clock.nowIso(),
    };
  };

  /** Stores media already in memory (the control API's inline media, the demo seed). */
  const store = (input: MediaInput): MediaRecord => {
    const rec = record(newSid('ME'), input.bytes.length, input);
    db.putBlob(rec.sid, input.bytes);
    service.media.put(rec.sid, rec);
    return rec;
  };

  /** Streams an upload to a file, then moves it into the blob store: never held whole in memory. */
  const storeStream = async (body: NodeJS.ReadableStream, input: Omit<MediaInput, 'bytes'>): Promise<MediaRecord> => {
    const sid = newSid('ME');
    const file = join(uploadDir, `${sid}.${randomBytes(4).toString('hex')}.part`);
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, count, createWriteStream(file, { mode: 0o600 }));
      const rec = record(sid, size, input);
      db.adoptBlobFile(sid, file);
      service.media.put(sid, rec);
      return rec;
    } catch (err) {
      rmSync(file, { force: true });
      throw err;
    }
  };

  const authenticate = (req: RequestHead): string => {
    const token = req.headers['x-twilio-token'];
    const result = deps.verify(Array.isArray(token) ? (token[0] ?? '') : (token ?? ''));
    if (!('identity' in result)) throw new TwilioError(401, result.code, result.message);
    return result.identity;
  };
  const find = (sid: string): MediaRecord => {
    const rec = service.media.get(sid);
    if (!rec) throw new TwilioError(404, 20404, `Media ${sid} not found`);
    return rec;
  };

  const router = new Router<MediaCtx>();

  function checkedContentType(type: string): string {
    if (!MEDIA_TYPE.test(type)) throw badRequest(`Content type ${JSON.stringify(type.slice(0, 100))} is not a type/subtype media type`);
    return type;
  }
  router.on('POST', '/v1/Services/:service/Media', async ({ req }) => {
    const author = authenticate(req);
    const header = String(req.headers['content-type'] ?? '');
    const contentType = header.split(';')[0]?.trim() ?? '';
    if (!contentType) throw badRequest('Content-Type of the media is required');
    const category = req.query.get('Category') ?? 'media';
    if (category !== 'media' && category !== 'body' && category !== 'history') throw badRequest(`Unknown media category ${category}`);
    if (contentType.toLowerCase() === 'multipart/form-data') {
      // The browser's FormData: the file part carries the media's own type and name.
      const body = req.stream ?? Readable.from([req.body]);
      const rec = await storeFirstFile(header, body, LIMITS.chatFileBytes, async (file, part) => {
        const input = { contentType: part.contentType, filename: part.filename ?? req.query.get('Filename'), author, category } as const;
        checkedContentType(input.contentType);
        return storeStream(file, input);
      });
      return { status: 201, body: json(rec) };
    }
    if (contentType.toLowerCase().startsWith('multipart/')) throw new TwilioError(415, 20415, `${contentType} is not an upload format: send the media as the body, or as multipart/form-data`);
    checkedContentType(contentType);
    const input = { contentType, filename: req.query.get('Filename'), author, category } as const;
    const rec = req.stream ? await storeStream(req.stream, input) : store({ ...input, bytes: req.body });
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
  /**
   * Content is fetched by <img>/<video> without a token: its signed URL is its credential, checked
   * from the head alone (the route policy's authenticate), before anything else is done.
   */
  const checkSignedUrl = (head: RequestHead): void => {
    const match = /\/Media\/([^/]+)\/Content$/.exec(head.path);
    let sid = '';
    try {
      sid = decodeURIComponent(match?.[1] ?? '');
    } catch {
      // An undecodable SID has no valid signature.
    }
    const expires = Number(head.query.get('Expires'));
    const signature = head.query.get('Signature') ?? '';
    const expected = sign(sid, expires);
    if (!sid || !expires || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      throw new TwilioError(403, 20403, 'Media URL signature is invalid: fetch a fresh temporary URL');
    }
    if (Date.now() > expires) throw new TwilioError(403, 20403, 'Temporary media URL has expired: fetch a fresh one');
  };
  router.on('GET', '/v1/Services/:service/Media/:sid/Content', (_ctx, p) => {
    const sid = p.sid as string;
    const rec = find(sid);
    // Streamed from its file with a data dir: a 150 MB download is never held whole in memory.
    const blob = db.openBlob(sid);
    if (!blob) throw new TwilioError(404, 20404, `Content of media ${sid} is missing`);
    return {
      status: 200,
      body: blob.body,
      headers: {
        'content-length': String(blob.size),
        // Records from before types were checked may hold anything; never echo it into a header.
        'content-type': MEDIA_TYPE.test(rec.contentType) ? rec.contentType : 'application/octet-stream',
        'cache-control': 'private, max-age=300',
        'content-disposition': contentDisposition(dispositionFor(rec.contentType), rec.filename),
        // Opened straight from the emulator's origin, a file must not run script there.
        'content-security-policy': "default-src 'none'; sandbox",
      },
    };
  });

  const upload: RoutePolicy = {
    maxBodyBytes: limits.mediaUploadBytes,
    stream: true,
    authenticate,
    tooLarge: (limit) => tooLarge(`over ${formatMb(limit)}`),
  };
  const mediaSet: RoutePolicy = { maxBodyBytes: limits.mediaSetBodyBytes, authenticate };
  // Reads take no body: one sent anyway is a 413, unread. Other methods are a 405 after a small body.
  const read: RoutePolicy = { maxBodyBytes: 0, authenticate };
  const other: RoutePolicy = { maxBodyBytes: limits.controlBodyBytes, authenticate };
  const content: RoutePolicy = { maxBodyBytes: 0, authenticate: checkSignedUrl };

  return {
    store,
    // In memory the upload folder is a temporary one of our own; with a data dir it stays, empty.
    close: () => {
      if (!db.uploadDir) rmSync(uploadDir, { recursive: true, force: true });
    },
    policy: (head) => {
      if (head.method === 'POST') return /\/MediaSet$/.test(head.path) ? mediaSet : upload;
      if (!takesNoBody(head.method)) return other;
      return /\/Content$/.test(head.path) ? content : read;
    },
    matches: (req) => /^\/v1\/Services\/[^/]+\/Media(Set)?(\/|$)/.test(req.path),
    handle: async (req): Promise<Reply> => {
      const match = router.match(req.method, req.path);
      if (match.kind === 'found') return await match.handler({ req }, match.params);
      if (match.kind === 'method-not-allowed') return { status: 405, body: new TwilioError(405, 20004, `Method ${req.method} not allowed`).toBody() };
      throw new TwilioError(404, 20404, `The requested resource ${req.path} was not found`);
    },
  };
}
