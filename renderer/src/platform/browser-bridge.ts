import { browserBridgeOrigin } from './bridge-url';
import { createHttpBridge } from './http-bridge';

/**
 * Outside Electron (end-to-end tests, `npm run dev:browser`) there is no preload: the page is
 * opened with `?bridge=<url of the main-process handlers>` and talks to them over HTTP. In the app
 * the preload has already defined a read-only `window.desk`, so this does nothing.
 */
export function installBrowserBridge(): void {
  const w = window as unknown as { desk?: unknown };
  if (w.desk !== undefined) return;
  const origin = browserBridgeOrigin();
  if (origin) w.desk = createHttpBridge(origin, 'browser');
}
