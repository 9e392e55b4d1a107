import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { TwilioError, asTwilioError } from '../util/errors';
import type { HttpMount, HttpRequest } from './request';
import type { Reply } from './router';

const MAX_BODY = 160 * 1024 * 1024;

/** Media and REST are called from a browser renderer on another origin, so CORS is open. */
const CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, X-Twilio-Token, X-Twilio-Mutation-Id, Twilio-Request-Id',
  'access-control-expose-headers': 'Twilio-Request-Duration, Twilio-Concurrent-Requests, Content-Type, Content-Length',
  'access-control-max-age': '600',
};

export interface HttpServerDeps {
  mounts: HttpMount[];
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  afterRequest(): void;
  log(line: string): void;
}

export function createHttpServer(deps: HttpServerDeps): Server {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      deps.log(`http: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) send(res, { status: 500, body: asTwilioError(err).toBody() });
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => deps.upgrade(req, socket, head));
  // Keep-alive sockets would otherwise hold a restart of the same port for seconds.
  server.keepAliveTimeout = 2000;
  return server;
}

async function handle(deps: HttpServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS);
    res.end();
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (err) {
    send(res, { status: 413, body: asTwilioError(err).toBody() });
    return;
  }
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const request: HttpRequest = { method: req.method ?? 'GET', path: url.pathname, url, query: url.searchParams, headers: req.headers, body };
  const mount = deps.mounts.find((m) => m.matches(request));
  let reply: Reply;
  try {
    reply = mount ? await mount.handle(request) : { status: 404, body: new TwilioError(404, 20404, `The requested resource ${url.pathname} was not found`).toBody() };
  } catch (err) {
    const e = asTwilioError(err);
    if (e.status >= 500) deps.log(`http ${request.method} ${request.path}: ${err instanceof Error ? err.stack : String(err)}`);
    reply = { status: e.status, body: e.toBody() };
  }
  deps.afterRequest();
  send(res, reply);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new TwilioError(413, 20413, `Request body exceeds ${MAX_BODY / 1024 / 1024} MB`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...CORS, ...(reply.headers ?? {}) };
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
