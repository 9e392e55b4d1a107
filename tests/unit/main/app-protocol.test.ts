import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  APP_URL,
  handleAppProtocol,
  registerAppScheme,
  serveAppRequest,
} from '../../../electron/main/app-protocol';
import { tempDir } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let root: string;
const CSP = "default-src 'self'; script-src 'self'";
const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, { root, csp: () => CSP });

beforeEach(async () => {
  dir = await tempDir();
  root = join(dir.path, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Desk</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(root, 'assets', 'font.woff2'), 'w');
  await writeFile(join(root, 'assets', 'blob.xyz'), 'x');
  await writeFile(join(dir.path, 'secret.txt'), 'not for the renderer');
});
afterEach(() => dir.remove());

describe('app:// scheme', () => {
  it('is registered as a standard, secure scheme with fetch, and nothing that bypasses CSP or opens CORS', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
    expect(APP_URL).toBe('app://desk/index.html');
  });

  it('serves the page with the one CSP header, and assets with their MIME types', async () => {
    const page = await get('app://desk/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Desk</title>');
    expect((await get('app://desk/')).headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const [path, type] of [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['assets/index-abc.css', 'text/css; charset=utf-8'],
      ['assets/logo.svg', 'image/svg+xml'],
      ['assets/font.woff2', 'font/woff2'],
      ['assets/blob.xyz', 'application/octet-stream'],
    ]) {
      const response = await get(`app://desk/${path}?v=1#x`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('content-security-policy'), path).toBeNull();
    }
    const head = await get('app://desk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.each([
    'app://desk/../secret.txt',
    'app://desk/%2e%2e/secret.txt',
    'app://desk/assets/..%2f..%2fsecret.txt',
    'app://desk/..%5csecret.txt',
    'app://desk/%2fetc%2fpasswd',
    'app://desk/index.html%00.png',
    'app://desk/%E0%A4%A',
  ])('refuses to leave the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('not for the renderer');
  });

  it('hands documents, and only documents, to the document rewrite (the launch snapshot), with the same headers', async () => {
    const document = vi.fn(async (html: string) => html.replace('<title>Desk</title>', '<title>Desk</title><p>snapshot</p>'));
    const page = await serveAppRequest({ url: 'app://desk/index.html', method: 'GET' }, { root, csp: () => CSP, document });
    expect(await page.text()).toBe('<!doctype html><title>Desk</title><p>snapshot</p>');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(await (await serveAppRequest({ url: 'app://desk/assets/index-abc.js', method: 'GET' }, { root, csp: () => CSP, document })).text()).toBe('console.log(1)');
    expect(document).toHaveBeenCalledTimes(1);
  });

  it('answers 404 for missing files, folders and other hosts, 405 for other methods', async () => {
    expect((await get('app://desk/missing.js')).status).toBe(404);
    expect((await get('app://desk/assets')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://desk/index.html', 'POST')).status).toBe(405);
  });

  it('is handled on the app scheme by serveAppRequest', async () => {
    let handler: ((request: Request) => Promise<Response>) | null = null;
    handleAppProtocol({ handle: (scheme: string, h: (request: Request) => Promise<Response>) => ((handler = h), expect(scheme).toBe('app')) } as never, { root, csp: () => CSP });
    const response = await handler!(new Request('app://desk/index.html'));
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  });
});
