import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InvokeChannel } from '../../shared/ipc/contract';
import { BodyRefused, BufferBudget, closeAfterAnswer, hostRefusal, readBody } from '../common/loopback-guard';
import type { Translate } from './desktop/locale';
import type { EventHub } from './events';
import { dispatch, isInvokeChannel, type Handlers } from './ipc-dispatch';

/**
 * The same handlers as Electron IPC, over HTTP on 127.0.0.1, for running the real renderer in a
 * plain browser (Playwright) without Electron. Development and tests only: the app never starts it.
 *
 *   POST /ipc/<channel>   body: JSON request (empty for none) → 200 JSON IpcResult
 *   GET  /events          text/event-stream; `event: <channel>` + `data: <JSON payload>`
 */
export interface BrowserTransportOptions {
  handlers: Handlers;
  events: Pick<EventHub, 'subscribe'>;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Origins allowed to call (the page's origin, e.g. the Vite dev server); others get 403. */
  allowedOrigins: readonly string[];
  log?: (line: string) => void;
  /** Request bodies held in memory at once; past it a call is answered 503 (default 96 MB). */
  bufferedBytes?: number;
  /** Words validation messages in the desk's language (Services' `t`); English without. */
  t?: Translate;
}

export interface BrowserTransport {
  /** `http://127.0.0.1:PORT`: the base URL for renderer/src/platform/http-bridge.ts. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const KB = 1024;
const MB = 1024 * KB;

/**
 * The largest request body each channel takes, as JSON. Megabytes only where the contract lets a
 * call carry a big payload; every other call is a few fields, so kilobytes. A new channel must be
 * given its limit here (the type checker asks for it).
 */
export const CHANNEL_BODY_LIMITS = {
  'profiles:list': 1 * KB,
  'profiles:save': 16 * KB,
  'profiles:test': 16 * KB,
  'profiles:remove': 1 * KB,
  'profiles:activate': 1 * KB,
  'session:current': 1 * KB,
  'session:refreshToken': 1 * KB,
  'local:workspaceInfo': 1 * KB,
  'local:status': 1 * KB,
  // Inline media: up to 7,000,000 base64 characters, plus a 1,600-character body.
  'local:simulateInbound': 8 * MB,
  'settings:get': 1 * KB,
  'settings:set': 4 * KB,
  'settings:systemLanguages': 1 * KB,
  'desktop:unread': 1 * KB,
  // A 2,000-character preview with a title and an author, each character up to 6 bytes escaped.
  'desktop:newMessage': 32 * KB,
  'desktop:takePendingLink': 1 * KB,
  'desktop:acknowledgeLink': 1 * KB,
  'diagnostics:export': 1 * KB,
  'inboxCache:load': 1 * KB,
  'inboxCache:coldPage': 1 * KB,
  // The inbox copy: ~600 bytes per conversation, ~60 MB at the contract's 100,000.
  'inboxCache:save': 64 * MB,
  'outbox:load': 1 * KB,
  // A queued message with up to 16 MB of attachments, base64 in JSON, and its body.
  'outbox:put': 24 * MB,
  'outbox:remove': 1 * KB,
  // A batch of draft changes (the first start moves every draft an older version kept in localStorage).
  'outbox:saveDrafts': 16 * MB,
  'team:queue': 1 * KB,
  'team:refresh': 1 * KB,
  'team:assign': 4 * KB,
  'team:setState': 1 * KB,
  'team:agents': 1 * KB,
  'team:messages': 2 * KB,
  'team:touch': 1 * KB,
  'api:health': 1 * KB,
  'content:approvals': 1 * KB,
  'canned:list': 1 * KB,
  // One response: a 1,600-character body, each character up to 6 bytes escaped.
  'canned:save': 16 * KB,
  'canned:remove': 1 * KB,
  // An exported file of up to 500 responses.
  'canned:import': 2 * MB + 64 * KB,
  'canned:export': 1 * KB,
  'customer:profile': 1 * KB,
  // A profile's fields: notes up to 16,384 characters, each up to 6 bytes escaped, and the rest.
  'customer:save': 128 * KB,
  'customer:link': 1 * KB,
  'customer:unlink': 1 * KB,
  'customer:startConversation': 1 * KB,
  'account:numbers': 1 * KB,
  // 500 messages of 1,600 characters, each character up to 6 bytes escaped.
  'search:index': 5 * MB,
  'search:query': 2 * KB,
  'segments:list': 1 * KB,
  // A filter: a channel, up to 20 tags of 40 characters, two dates.
  'segments:preview': 8 * KB,
  'segments:saveFilter': 8 * KB,
  // A CSV of up to 2 MB; quotes and newlines double when escaped in JSON.
  'segments:checkCsv': 5 * MB,
  'segments:saveCsv': 5 * MB,
  'segments:rename': 2 * KB,
  // A name and a filter, as saveFilter.
  'segments:updateFilter': 8 * KB,
  'segments:remove': 1 * KB,
  'webhooks:get': 1 * KB,
  // A URL of up to 2,048 characters (each up to 6 bytes escaped) and twenty filter names.
  'webhooks:save': 16 * KB,
  'webhooks:test': 16 * KB,
  'webhooks:setAuthToken': 1 * KB,
  'webhooks:deliveries': 1 * KB,
  // 367 day boundaries.
  'analytics:report': 8 * KB,
  'campaign:options': 1 * KB,
  'campaign:list': 1 * KB,
  // A message of 1,600 characters (up to 4 bytes each in JSON) and a template's variables.
  'campaign:create': 64 * KB,
  'campaign:control': 1 * KB,
  'campaign:results': 1 * KB,
  'campaign:setPrice': 1 * KB,
} as const satisfies Record<InvokeChannel, number>;

/** Request bodies held in memory at once: one inbox copy and a queued message's or an inline attachment, with room. */
const BUFFERED_BYTES = 96 * MB;
/** A refused body up to this size is read and dropped so the connection stays usable; larger ones close it. */
const DRAIN_BYTES = 1 * MB;

export async function startBrowserTransport({ handlers, events, port = 0, allowedOrigins, log = () => {}, bufferedBytes = BUFFERED_BYTES, t }: BrowserTransportOptions): Promise<BrowserTransport> {
  const streams = new Set<ServerResponse>();
  const budget = new BufferBudget(bufferedBytes);
  let boundPort = 0;

  const json = (response: ServerResponse, status: number, body: unknown) => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    // A body we will not read (or stopped reading) is not drained past DRAIN_BYTES: answer, then close.
    const close = closeAfterAnswer(response.req, DRAIN_BYTES);
    response.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...(close ? { Connection: 'close' } : {}),
    });
    response.end(JSON.stringify(body));
  };
  const failure = (code: string, message: string) => ({ ok: false, error: { code, message } });

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const host = hostRefusal(request.headers.host, boundPort);
    if (host) {
      json(response, host.status, failure(host.status === 400 ? 'invalid-input' : 'denied', host.message));
      return;
    }
    const origin = request.headers.origin;
    // Stand-in for the IPC sender check: only the app's page may call (no Origin = not a browser page).
    if (origin === undefined || !allowedOrigins.includes(origin)) {
      json(response, 403, failure('denied', 'This page may not call Conversations Desk.'));
      return;
    }
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
    let path: string;
    try {
      path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      json(response, 400, failure('invalid-input', 'The request target is not a URL.'));
      return;
    }

    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'Access-Control-Allow-Methods': 'POST, GET', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' });
      response.end();
      return;
    }
    if (request.method === 'GET' && path === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (request.method === 'POST' && path.startsWith('/ipc/')) {
      let channel: string;
      try {
        channel = decodeURIComponent(path.slice('/ipc/'.length));
      } catch {
        json(response, 400, failure('invalid-input', 'The channel name has invalid percent-encoding.'));
        return;
      }
      // Routed before a byte of the body is read: an unknown channel or an oversized body is refused at once.
      if (!isInvokeChannel(channel)) {
        json(response, 404, failure('not-found', `Unknown channel "${channel.slice(0, 100)}"`));
        return;
      }
      const limit = CHANNEL_BODY_LIMITS[channel];
      let body: Buffer;
      let held: number;
      try {
        ({ body, held } = await readBody(request, limit, budget));
      } catch (error) {
        if (!(error instanceof BodyRefused)) throw error;
        if (error.kind === 'too-large') json(response, 413, failure('invalid-input', `The request is too large: ${channel} takes at most ${limit} bytes.`));
        else if (error.kind === 'busy') json(response, 503, failure('unavailable', 'Too many requests in progress; try again.'));
        else response.destroy();
        return;
      }
      // Held against the budget until the call is answered: the text and its parsed form are as large.
      try {
        let payload: unknown;
        try {
          const text = body.toString('utf8');
          payload = text.trim() === '' ? undefined : JSON.parse(text);
        } catch {
          json(response, 400, failure('invalid-input', 'The request body is not JSON.'));
          return;
        }
        // Same validation, errors and response filtering as Electron IPC.
        json(response, 200, await dispatch(handlers, channel, payload, log, t));
      } finally {
        budget.give(held);
      }
      return;
    }
    json(response, 404, failure('not-found', `No route ${String(request.method).slice(0, 10)} ${path.slice(0, 200)}`));
  };

  const server = createServer((request, response) => {
    // Whatever goes wrong, the page gets an answer (an unanswered request would hang the renderer's call).
    route(request, response).catch((error: unknown) => {
      json(response, 500, failure('internal', 'Something went wrong inside Conversations Desk; details are in the log.'));
      try {
        log(`browser-transport: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      } catch {
        // The log itself failed; the page has its answer, and nothing else can be done.
      }
    });
  });

  const unsubscribe = events.subscribe((channel, payload) => {
    const frame = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  boundPort = actualPort;

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        unsubscribe();
        for (const stream of streams) stream.end();
        streams.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
