import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  method: string;
  /** The full URL as requested, the string Twilio signs. */
  url: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Form body for POST, query parameters for GET. */
  params: Record<string, string>;
}

/**
 * A local HTTP server standing in for a webhook consumer. It records every request, answers with
 * the statuses queued by `failNext` (then 200), and lets a test await the next request matching
 * a predicate instead of sleeping.
 */
export async function startWebhookReceiver(): Promise<{
  url(path: string): string;
  received: ReceivedWebhook[];
  next(predicate?: (w: ReceivedWebhook) => boolean, ms?: number): Promise<ReceivedWebhook>;
  failNext(...statuses: number[]): void;
  /** Leave requests unanswered until `release()`: a consumer that hangs. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  let holding = false;
  const held: Array<() => void> = [];
  const waiters: Array<{ predicate: (w: ReceivedWebhook) => boolean; resolve: (w: ReceivedWebhook) => void }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = `http://${req.headers.host}${req.url}`;
      const parsed = new URL(url);
      const source = req.method === 'POST' ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : parsed.searchParams;
      const w: ReceivedWebhook = { method: req.method ?? '', url, path: parsed.pathname, headers: req.headers, params: Object.fromEntries(source) };
      received.push(w);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(w)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(w);
        }
      }
      const answer = (): void => {
        res.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' });
        res.end('ok');
      };
      if (holding) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let consumed = 0;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    /** The next not-yet-consumed request matching `predicate` (already received ones count). */
    next(predicate = () => true, ms = 5000) {
      return new Promise((resolve, reject) => {
        const index = received.findIndex((w, i) => i >= consumed && predicate(w));
        if (index >= 0) {
          consumed = index + 1;
          resolve(received[index] as ReceivedWebhook);
          return;
        }
        const timer = setTimeout(() => reject(new Error(`no matching webhook within ${ms} ms (got ${received.length})`)), ms);
        waiters.push({
          predicate,
          resolve: (w) => {
            clearTimeout(timer);
            consumed = received.indexOf(w) + 1;
            resolve(w);
          },
        });
      });
    },
    failNext: (...s) => statuses.push(...s),
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const answer of held.splice(0)) answer();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
