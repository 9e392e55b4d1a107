import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventHub } from './events';
import { dispatch, type Handlers } from './ipc-dispatch';

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

class BodyTooLarge extends Error {}

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

export async function startBrowserTransport({ handlers, events, port = 0, allowedOrigins, log = () => {} }: BrowserTransportOptions): Promise<BrowserTransport> {
  const streams = new Set<ServerResponse>();

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    const origin = request.headers.origin;
    // Stand-in for the IPC sender check: only the app's page may call (no Origin = not a browser page).
    if (origin === undefined || !allowedOrigins.includes(origin)) {
      json(response, 403, { ok: false, error: { code: 'denied', message: 'This page may not call Conversations Desk.' } });
      return;
    }
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;

    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'Access-Control-Allow-Methods': 'POST, GET', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' });
      response.end();
      return;
    }
    if (request.method === 'GET' && path === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (request.method === 'POST' && path.startsWith('/ipc/')) {
      const channel = decodeURIComponent(path.slice('/ipc/'.length));
      readBody(request)
        .then(async (text) => {
          let payload: unknown;
          try {
            payload = text.trim() === '' ? undefined : JSON.parse(text);
          } catch {
            json(response, 400, { ok: false, error: { code: 'invalid-input', message: 'The request body is not JSON.' } });
            return;
          }
          // Same validation, errors and response filtering as Electron IPC.
          json(response, 200, await dispatch(handlers, channel, payload, log));
        })
        .catch((error: unknown) => {
          if (error instanceof BodyTooLarge) json(response, 413, { ok: false, error: { code: 'invalid-input', message: 'The request is too large.' } });
          else log(`browser-transport: ${(error as Error).message}`);
        });
      return;
    }
    json(response, 404, { ok: false, error: { code: 'not-found', message: `No route ${request.method} ${path}` } });
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
