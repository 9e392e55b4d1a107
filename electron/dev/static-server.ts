import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostRefusal } from '../common/loopback-guard';
import { fileUnder, mimeType } from '../main/app-protocol';

export interface StaticServerOptions {
  port?: number;
  /** The Content-Security-Policy sent with documents, as main sends it with app://desk/index.html. */
  csp?: () => string;
  /**
   * Rewrites an HTML document before it is sent, as main's app:// does: serving it is main's
   * window starting to load the page (the launch's reads start, and the snapshot is embedded).
   */
  document?: (html: string) => Promise<string>;
}

/** Serves the built renderer from `root` on 127.0.0.1, as main serves it on app:// (same path rules and types). */
export async function serveStatic(root: string, { port = 0, csp, document }: StaticServerOptions = {}): Promise<{ origin: string; server: Server }> {
  let boundPort = 0;
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    // Same Host rule as the emulator and the dev transport: a page on a rebound DNS name reads nothing.
    const host = hostRefusal(req.headers.host, boundPort);
    if (host) {
      res.writeHead(host.status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end(host.message);
      return;
    }
    const file = fileUnder(root, new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = mimeType(file);
    const html = type.startsWith('text/html');
    const head = {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(csp && html ? { 'content-security-policy': csp() } : {}),
    };
    if (html && document && req.method === 'GET') {
      void Promise.resolve()
        .then(() => document(readFileSync(file, 'utf8')))
        .then(
          (body) => {
            res.writeHead(200, head);
            res.end(body);
          },
          (error: unknown) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(`could not serve the document: ${(error as Error).message}`);
          },
        );
      return;
    }
    res.writeHead(200, head);
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  boundPort = (server.address() as AddressInfo).port;
  return { origin: `http://127.0.0.1:${boundPort}`, server };
}
