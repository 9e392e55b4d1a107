/**
 * Outside Electron (end-to-end tests, `npm run dev:browser`) the page is opened with
 * `?bridge=<url of the main-process handlers>`. Only a local main process may stand in for the
 * preload: anything else is ignored.
 */
export function browserBridgeOrigin(): string | null {
  const url = new URLSearchParams(window.location.search).get('bridge');
  if (!url) return null;
  const parsed = new URL(url);
  return parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' ? parsed.origin : null;
}
