import { hostRefusal } from '../../common/loopback-guard';
import { TwilioError } from '../util/errors';

/**
 * Who may talk to the emulator. It listens on 127.0.0.1 only, but a web page in any browser on
 * the machine can still reach it: through DNS rebinding (a hostile name resolving to 127.0.0.1,
 * caught by the Host check) or by calling it from its own origin (caught by the Origin check).
 * Requests without an Origin come from programs (twilio-node, curl, the desk's main process), not
 * from pages, and are allowed; they still need credentials for everything but health.
 */
export interface AccessRules {
  /** The bound port; Host must name it. */
  port(): number;
  /** Normalized origins (see normalizeOrigin) whose pages may call: the app's own renderer. */
  allowedOrigins: readonly string[];
}

/** Null when `host` is `127.0.0.1:PORT` or `localhost:PORT`; otherwise the error to answer (the shared loopback rule). */
export function hostError(host: string | undefined, port: number): TwilioError | null {
  const refusal = hostRefusal(host, port);
  return refusal && new TwilioError(refusal.status, refusal.status === 400 ? 20001 : 20403, refusal.message);
}

/**
 * `scheme://host[:port]` of a URL, as a browser sends it in Origin. Custom schemes (`app://desk`,
 * registered as standard in Electron) keep their host, which WHATWG URL's `origin` would turn
 * into "null". Throws on anything that is not a URL.
 */
export function normalizeOrigin(value: string): string {
  const trimmed = value.trim();
  if (trimmed === 'null') return 'null';
  const url = new URL(trimmed);
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/** True for no Origin (not a web page) or one of the allowed origins. */
export function originAllowed(origin: string | undefined, rules: Pick<AccessRules, 'allowedOrigins'>): boolean {
  if (origin === undefined) return true;
  let normalized: string;
  try {
    normalized = normalizeOrigin(origin);
  } catch {
    return false;
  }
  return rules.allowedOrigins.includes(normalized);
}

export const originError = (origin: string): TwilioError =>
  new TwilioError(403, 20403, `Origin ${origin.slice(0, 100)} may not call this emulator: start it with --allow-origin ${origin.slice(0, 100)} to allow it`);
