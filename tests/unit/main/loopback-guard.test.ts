import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BodyRefused, BufferBudget, hostRefusal, readBody } from '../../../electron/common/loopback-guard';
import { serveStatic } from '../../../electron/dev/static-server';
import { rawRequest } from '../../helpers/raw-http';

/** The rules the emulator, the dev transport and the dev static server share. */
describe('hostRefusal', () => {
  it.each(['127.0.0.1:4000', 'localhost:4000', 'LOCALHOST:4000', ' localhost:4000 '])('accepts %j', (host) => expect(hostRefusal(host, 4000)).toBeNull());
  it.each([
    ['127.0.0.1:4001', 403],
    ['127.0.0.1', 403],
    ['evil.example:4000', 403],
    ['a b', 400],
    ['', 400],
    [undefined, 400],
  ] as const)('refuses %j with %i', (host, status) => expect(hostRefusal(host, 4000)?.status).toBe(status));
});

describe('readBody', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  /** A server that reads each body with `max` against `budget` and answers what happened. */
  async function reader(max: number, budget: BufferBudget): Promise<number> {
    server = createServer((req: IncomingMessage, res) => {
      readBody(req, max, budget).then(
        ({ body, held }) => {
          budget.give(held);
          res.end(`read ${body.length}`);
        },
        (err: BodyRefused) => res.writeHead(err.kind === 'busy' ? 503 : 413, { connection: 'close', 'content-length': err.kind.length }).end(err.kind),
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  it('reads a body within the limit and the budget, and gives the budget back', async () => {
    const budget = new BufferBudget(100);
    const port = await reader(50, budget);
    const answer = await rawRequest(port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 10`, '0123456789');
    expect(answer.body).toBe('read 10');
    expect(budget.inUse).toBe(0);
  });

  it('refuses a body over the limit or the budget before reading it', async () => {
    const port = await reader(50, new BufferBudget(20));
    expect((await rawRequest(port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 51`)).body).toBe('too-large');
    expect((await rawRequest(port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 30`)).body).toBe('busy');
  });

  it('refuses a chunked body at once where the limit is 0', async () => {
    const port = await reader(0, new BufferBudget(20));
    expect((await rawRequest(port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked`)).body).toBe('too-large');
  });
});

describe('dev static server', () => {
  it('answers only to 127.0.0.1:PORT and localhost:PORT', async () => {
    const root = mkdtempSync(join(tmpdir(), 'static-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><p>hi</p>');
    const { origin, server } = await serveStatic(root);
    const port = Number(new URL(origin).port);
    try {
      expect((await rawRequest(port, `GET / HTTP/1.1\r\nHost: localhost:${port}`)).status).toBe(200);
      expect((await rawRequest(port, `GET / HTTP/1.1\r\nHost: rebound.example:${port}`)).status).toBe(403);
      expect((await rawRequest(port, `GET / HTTP/1.1\r\nHost: exa mple`)).status).toBe(400);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    }
  });
});
