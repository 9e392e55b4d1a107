import { createHttpBridge } from './http-bridge';

/**
 * Outside Electron (end-to-end tests, `npm run dev:browser`) there is no preload: the page is
 * opened with `?bridge=<url of the main-process handlers>` and talks to them over HTTP. In the app
 * the preload has already defined a read-only `window.desk`, so this does nothing.
 */
export function installBrowserBridge(): void {
  const w = window as unknown as { desk?: unknown };
  if (w.desk !== undefined) return;
  const url = new URLSearchParams(window.location.search).get('bridge');
  if (!url) return;
  const parsed = new URL(url);
  // Only a local main process may stand in for the preload.
  if (parsed.hostname !== '127.0.0.1' && parsed.hostname !== 'localhost') return;
  w.desk = createHttpBridge(parsed.origin, 'browser');
}
