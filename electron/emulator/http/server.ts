import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { TwilioError, asTwilioError } from '../util/errors';
import { newSid } from '../util/ids';
import { closeAfterAnswer } from '../../common/loopback-guard';
import { hostError, originAllowed, originError, type AccessRules } from './access';
import { BufferBudget, declaredLength, limitedStream, readBody, tooLargeError } from './body';
import type { HttpLimits } from './limits';
import type { HttpRequest, HttpRoute, RequestHead } from './request';
import type { Reply } from './router';

const CORS_FOR_ALLOWED_ORIGIN: Record<string, string> = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, X-Twilio-Token, X-Twilio-Mutation-Id, Twilio-Request-Id, X-Twilio-Webhook-Enabled, If-Match',
  'access-control-expose-headers': 'Twilio-Request-Id, Twilio-Request-Duration, Twilio-Concurrent-Requests, Content-Type, Content-Length, Content-Disposition',
  'access-control-max-age': '600',
};

/** On every answer: a JSON error or a download is never to be sniffed into HTML. */
const ALWAYS: Record<string, string> = { 'x-content-type-options': 'nosniff' };

export interface RestPacing {
  /** Above this many REST requests in flight (arrival to last byte of the answer), 429 / 20429. */
  maxConcurrent: number;
  /** Every REST request is held this long before it is handled, as Twilio's take time. */
  latencyMs: number;
}

export interface HttpServerDeps {
  routes: HttpRoute[];
  access: AccessRules;
  limits: HttpLimits;
  rest: RestPacing;
  /** The one path WebSocket upgrades are accepted on (twilsock's). */
  upgradePath: string;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Makes the request's changes durable; the answer waits for it. */
  afterRequest(): void | Promise<void>;
  log(line: string): void;
  /** The emulator's time, for the `Date` header (clients derive server time from it, as with Twilio's). */
  now?: () => number;
}

/**
 * The emulator's HTTP front door. Every request is checked in this order, each step before any
 * of its body is read: Host (DNS rebinding), Origin (other pages in a browser), route, the route's
 * credentials, REST concurrency (authenticated requests only), the route's body limit and the
 * global budget of buffered bytes (shared rules: electron/common/loopback-guard.ts). Every refusal is a 4xx (or 503) in Twilio's error shape; a refused body is drained when small,
 * otherwise the socket is closed after the answer, so the client reads the answer either way.
 */
export function createHttpServer(deps: HttpServerDeps): Server {
  const budget = new BufferBudget(deps.limits.bufferedBytes);
  let restInFlight = 0;

  const server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.log(`http: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) answer(req, res, errorReply(asTwilioError(err)), {});
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const method = req.method ?? 'GET';
    const hostProblem = hostError(req.headers.host, deps.access.port());
    if (hostProblem) return answer(req, res, errorReply(hostProblem), {});

    const origin = req.headers.origin;
    if (!originAllowed(origin, deps.access)) return answer(req, res, errorReply(originError(origin ?? '')), {});
    const cors: Record<string, string> = origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'Origin', ...CORS_FOR_ALLOWED_ORIGIN };
    if (method === 'OPTIONS') return answer(req, res, { status: 204 }, cors);

    const head = parseHead(req, method);
    if (head instanceof TwilioError) return answer(req, res, errorReply(head), cors);
    const route = deps.routes.find((r) => r.mount.matches(head));
    if (!route) return answer(req, res, errorReply(new TwilioError(404, 20404, `The requested resource ${head.path} was not found`)), cors);
    const policy = route.policy(head);

    const extra: Record<string, string> = { ...cors };
    try {
      policy.authenticate?.(head);
    } catch (err) {
      // No Twilio-* headers and no place in the count: a caller without credentials must not
      // move the account's concurrency, nor learn it.
      const e = asTwilioError(err);
      const challenge: Record<string, string> = e.status === 401 && policy.realm ? { 'www-authenticate': `Basic realm="${policy.realm}"` } : {};
      return answer(req, res, errorReply(e), { ...extra, ...challenge });
    }

    let concurrent = 0;
    if (policy.rest) {
      restInFlight++;
      concurrent = restInFlight;
      // Counted until the last byte of the answer is out (or the client gives up).
      res.once('close', () => restInFlight--);
    }
    // Every answer from here on is to an authenticated caller: REST's carry Twilio's headers.
    const finish = (reply: Reply): void =>
      answer(req, res, reply, {
        ...extra,
        ...(policy.rest
          ? {
              'twilio-request-id': newSid('RQ'),
              'twilio-request-duration': ((performance.now() - arrived) / 1000).toFixed(3),
              'twilio-concurrent-requests': String(concurrent),
            }
          : {}),
      });
    if (policy.rest && concurrent > deps.rest.maxConcurrent) return finish(errorReply(new TwilioError(429, 20429, 'Too Many Requests')));

    const tooLarge = policy.tooLarge ?? tooLargeError;
    let request: HttpRequest;
    let held = 0;
    if (policy.stream) {
      const declared = declaredLength(req);
      if (declared !== null && declared > policy.maxBodyBytes) return finish(errorReply(tooLarge(policy.maxBodyBytes)));
      request = { ...head, body: Buffer.alloc(0), stream: limitedStream(req, policy.maxBodyBytes, tooLarge) };
    } else {
      try {
        const read = await readBody(req, policy.maxBodyBytes, budget, tooLarge);
        held = read.held;
        request = { ...head, body: read.body };
      } catch (err) {
        return finish(errorReply(asTwilioError(err)));
      }
    }

    let reply: Reply;
    try {
      reply = await route.mount.handle(request);
    } catch (err) {
      const e = asTwilioError(err);
      if (e.status >= 500) deps.log(`http ${head.method} ${head.path}: ${err instanceof Error ? err.stack : String(err)}`);
      reply = errorReply(e);
    } finally {
      budget.give(held);
    }
    await deps.afterRequest();
    // The latency is the request's whole duration as Twilio measures it (Twilio-Request-Duration):
    // the handling happens inside it, so 10 in flight at 100 ms is a ceiling of 100 a second
    // however busy the emulator's own process is.
    if (policy.rest && deps.rest.latencyMs > 0) {
      // A timer may fire a fraction of a millisecond early by this clock: wait until it says so.
      for (let left = arrived + deps.rest.latencyMs - performance.now(); left > 0; left = arrived + deps.rest.latencyMs - performance.now()) await delay(Math.ceil(left));
    }
    finish(reply);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const problem = upgradeProblem(req, deps);
    if (problem) return rejectUpgrade(socket, problem);
    deps.upgrade(req, socket, head);
  });
  // Requests Node cannot parse (bad Content-Length, header overflow) still get Twilio's shape.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    rejectUpgrade(socket, new TwilioError(400, 20001, 'Malformed HTTP request'));
  });
  // Keep-alive sockets would otherwise hold a restart of the same port for seconds.
  server.keepAliveTimeout = 2000;
  return server;

  function answer(req: IncomingMessage, res: ServerResponse, reply: Reply, extra: Record<string, string>): void {
    const headers: Record<string, string> = { ...ALWAYS, ...(reply.headers ?? {}), ...extra };
    if (deps.now) headers.date = new Date(deps.now()).toUTCString();
    // A body we have not read (or stopped reading) and will not drain: answer, then close, so the
    // client reads the answer instead of a reset mid-upload.
    if (closeAfterAnswer(req, deps.limits.drainBytes)) headers.connection = 'close';
    send(res, { ...reply, headers });
  }
}

function errorReply(e: TwilioError): Reply {
  return { status: e.status, body: e.toBody() };
}

function parseHead(req: IncomingMessage, method: string): RequestHead | TwilioError {
  const target = req.url ?? '/';
  // Origin-form only: `//other/x` must stay a path, not become another host.
  if (!target.startsWith('/')) return new TwilioError(400, 20001, 'The request target must be a path');
  let url: URL;
  try {
    url = new URL(`http://${req.headers.host ?? '127.0.0.1'}${target}`);
  } catch {
    return new TwilioError(400, 20001, 'The request target is not a valid URL');
  }
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return new TwilioError(400, 20001, 'The request path has invalid percent-encoding');
  }
  return { method, path: url.pathname, url, query: url.searchParams, headers: req.headers };
}

function upgradeProblem(req: IncomingMessage, deps: HttpServerDeps): TwilioError | null {
  const host = hostError(req.headers.host, deps.access.port());
  if (host) return host;
  if (!originAllowed(req.headers.origin, deps.access)) return originError(req.headers.origin ?? '');
  const path = (req.url ?? '/').split('?')[0];
  if (path !== deps.upgradePath) return new TwilioError(404, 20404, `WebSocket connections are accepted on ${deps.upgradePath} only`);
  return null;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

/** Answers on a raw socket (an upgrade or an unparseable request) and closes it. */
export function rejectUpgrade(socket: Duplex, error: TwilioError): void {
  const body = JSON.stringify(error.toBody());
  socket.end(
    `HTTP/1.1 ${error.status} ${REASONS[error.status] ?? 'Error'}\r\n` +
      'Content-Type: application/json\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.body instanceof Readable) {
    res.writeHead(reply.status, headers);
    // Back-pressure keeps at most a chunk or two in memory; a read error or a client that hangs
    // up destroys both ends (the client sees a body shorter than its Content-Length).
    pipeline(reply.body, res).catch(() => undefined);
    return;
  }
  let payload: Buffer | string = '';
  if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (typeof reply.body === 'string') payload = reply.body;
  else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}
