/**
 * The packaged renderer is served from `app://desk/…`, not file://: a standard, secure scheme has
 * an origin of its own (file:// pages share one, and file:// carries extra privileges), so CSP
 * 'self', the IPC sender check and permission checks all mean "this app's files" and nothing else.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: origin, relative URLs and 'self' work as for https; secure: a secure context (crypto,
 * notifications); supportFetchAPI and stream for module scripts and media; codeCache for V8's
 * bytecode cache (launch time). Not corsEnabled or bypassCSP: nothing else may read from it.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

export const mimeType = (path: string): string => MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * The file under `root` a URL path names, or null when it would leave `root` (`..`, encoded
 * slashes or backslashes, an absolute path, a NUL byte).
 */
export function fileUnder(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${decoded === '/' ? '/index.html' : decoded}`);
  const inside = relative(base, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return file;
}

export interface AppProtocolOptions {
  /** The built renderer (out/renderer). */
  root: string;
  /** The Content-Security-Policy sent with every document (asked per request: the emulator's port may change). */
  csp: () => string;
  /** Rewrites an HTML document before it is sent (the launch snapshot, launch-document.ts). */
  document?: (html: string) => Promise<string>;
}

const text = (status: number, body: string) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });

/** Answers one app:// request from the files under `root`. */
export async function serveAppRequest(request: Pick<Request, 'url' | 'method'>, { root, csp, document }: AppProtocolOptions): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return text(400, 'bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, 'not found');
  const file = fileUnder(root, url.pathname);
  if (!file) return text(403, 'forbidden');
  try {
    if (!(await stat(file)).isFile()) return text(404, 'not found');
    const type = mimeType(file);
    const html = type.startsWith('text/html');
    const raw = await readFile(file);
    const body = html && document && request.method === 'GET' ? await document(raw.toString('utf8')) : raw;
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
    if (html) headers['Content-Security-Policy'] = csp();
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? text(404, 'not found') : text(500, 'could not read the file');
  }
}

/** Serves app:// on the session's protocol (after ready). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, options));
}
