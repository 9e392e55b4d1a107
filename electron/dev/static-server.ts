import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileUnder, mimeType } from '../main/app-protocol';

export interface StaticServerOptions {
  port?: number;
  /** The Content-Security-Policy sent with documents, as main sends it with app://desk/index.html. */
  csp?: () => string;
}

/** Serves the built renderer from `root` on 127.0.0.1, as main serves it on app:// (same path rules and types). */
export async function serveStatic(root: string, { port = 0, csp }: StaticServerOptions = {}): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = fileUnder(root, new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = mimeType(file);
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(csp && type.startsWith('text/html') ? { 'content-security-policy': csp() } : {}),
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
