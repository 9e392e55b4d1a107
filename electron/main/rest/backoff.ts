/**
 * Retry timing for Twilio's REST API. Twilio asks clients to back off exponentially with jitter on
 * 429 (and 503 is the same signal from its edge); "full jitter" spreads a crowd of desks that were
 * throttled together over the whole window instead of having them return in lockstep.
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** In [0, 1); injected so tests are exact. */
  random?: () => number;
  /** Ceiling on a server's `Retry-After`: `Retry-After: 3600` must not park an agent's click for an hour. */
  maxRetryAfterMs?: number;
}

export const MAX_RETRY_AFTER_MS = 30_000;

export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Delay before retry number `attempt` (0 for the first retry): uniform in [0, min(cap, base·2^attempt)). */
export function fullJitterDelay(attempt: number, { baseMs = 250, capMs = 20_000, random = Math.random }: BackoffOptions = {}): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (against `now`); null when absent or unreadable. */
export function retryAfterMs(header: unknown, now: number): number | null {
  if (typeof header !== 'string' && typeof header !== 'number') return null;
  const text = String(header).trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The wait before a retry: the server's `Retry-After` is a floor (clamped to `maxRetryAfterMs`),
 * jitter still spreads clients beyond it.
 */
export function retryDelay(attempt: number, retryAfter: number | null, options: BackoffOptions = {}): number {
  const jitter = fullJitterDelay(attempt, options);
  if (retryAfter === null) return jitter;
  return Math.max(Math.min(retryAfter, options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS), jitter);
}
