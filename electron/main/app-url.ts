/**
 * Whether `candidate` is the app's own page: for a packaged app the very index.html file it was
 * loaded from (any file:// page could otherwise pass), for development the dev server's origin.
 */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  let url: URL;
  let app: URL;
  try {
    url = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return url.protocol === 'file:' && url.host === app.host && url.pathname === app.pathname;
  return url.origin === app.origin;
}

/** Same test for an origin string such as a permission check's requestingOrigin ("file:///" for files). */
export function isAppOrigin(candidate: string, appUrl: string): boolean {
  try {
    const app = new URL(appUrl);
    const url = new URL(candidate);
    return app.protocol === 'file:' ? url.protocol === 'file:' : url.origin === app.origin;
  } catch {
    return false;
  }
}
