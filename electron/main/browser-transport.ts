import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  /** Words validation messages in the desk's language (Services' `t`); English without. */
  t?: Translate;
}

export interface BrowserTransport {
  /** `http://127.0.0.1:PORT`: the base URL for renderer/src/platform/http-bridge.ts. */
  url: string;
  port: number;
  close(): Promise<void>;
}

// The largest call is the inbox copy (inboxCache:save: ~600 bytes per conversation, so ~60 MB
// at the contract's 100,000); next is base64 media up to 7,000,000 characters.
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** A refused body up to this size is read and dropped so the connection stays usable; larger ones close it. */
const DRAIN_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop reading, but keep the socket: the 413 still has to reach the page.
        request.off('data', onData);
        request.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const declaredLength = (request: IncomingMessage): number | null =>
  request.headers['transfer-encoding'] !== undefined ? null : Number(request.headers['content-length'] ?? 0);

/** Same rule as the emulator's: only 127.0.0.1:PORT or localhost:PORT (no DNS rebinding). */
const hostAllowed = (host: string | undefined, port: number): boolean => {
  const m = /^(127\.0\.0\.1|localhost):(\d{1,5})$/i.exec(host ?? '');
  return m !== null && Number(m[2]) === port;
};

export async function startBrowserTransport({ handlers, events, port = 0, allowedOrigins, log = () => {}, t }: BrowserTransportOptions): Promise<BrowserTransport> {
  const streams = new Set<ServerResponse>();
  let boundPort = 0;

  const json = (response: ServerResponse, status: number, body: unknown) => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const request = response.req;
    const unread = !request.complete;
    const declared = declaredLength(request);
    // A body we will not read (or stopped reading) is not drained past DRAIN_BYTES: answer, then close.
    const close = unread && (request.readableFlowing !== null || declared === null || declared > DRAIN_BYTES);
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
    if (!hostAllowed(request.headers.host, boundPort)) {
      json(response, request.headers.host ? 403 : 400, failure('denied', 'This server answers to 127.0.0.1 and localhost only.'));
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
      const declared = declaredLength(request);
      if (declared !== null && declared > MAX_BODY_BYTES) {
        json(response, 413, failure('invalid-input', 'The request is too large.'));
        return;
      }
      let text: string;
      try {
        text = await readBody(request);
      } catch (error) {
        if (error instanceof BodyTooLarge) json(response, 413, failure('invalid-input', 'The request is too large.'));
        else response.destroy();
        return;
      }
      let payload: unknown;
      try {
        payload = text.trim() === '' ? undefined : JSON.parse(text);
      } catch {
        json(response, 400, failure('invalid-input', 'The request body is not JSON.'));
        return;
      }
      // Same validation, errors and response filtering as Electron IPC.
      json(response, 200, await dispatch(handlers, channel, payload, log, t));
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
