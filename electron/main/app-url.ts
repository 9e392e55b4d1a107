/**
 * Whether a URL or origin is the app's own page: `app://desk` for the packaged app (app-protocol.ts),
 * the dev server's origin in development. file:// is never the app: every file:// page shares one
 * origin, so trusting it would trust any file on the disk.
 */
const originOf = (url: URL): string | null => {
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  // Node's URL reports "null" as the origin of schemes it does not know (app:), so it is built here.
  if (url.protocol === 'file:' || !url.host) return null;
  return `${url.protocol}//${url.host}`;
};

const parse = (candidate: string): URL | null => {
  try {
    return new URL(candidate);
  } catch {
    return null;
  }
};

/** Whether `candidate` (a frame's or navigation's URL) is a page of the app loaded from `appUrl`. */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  const url = parse(candidate);
  const app = parse(appUrl);
  if (!url || !app) return false;
  const mine = originOf(app);
  return mine !== null && originOf(url) === mine;
}

/** Same test for an origin string such as a permission check's requestingOrigin ("app://desk"). */
export function isAppOrigin(candidate: string, appUrl: string): boolean {
  return isAppUrl(candidate, appUrl);
}
