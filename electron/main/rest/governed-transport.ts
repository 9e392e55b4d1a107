import type { ApiHealthRecorder } from './api-health';
import { RETRY_STATUSES, retryAfterMs, retryDelay, type BackoffOptions } from './backoff';
import type { Governor, Priority } from './governor';
import type { ServerClock } from './server-clock';

export interface TransportResponse {
  statusCode: number;
  body: unknown;
  headers: Record<string, unknown>;
}

export interface GovernedTransportDeps<Req> {
  send(request: Req): Promise<TransportResponse>;
  governor: Governor;
  health: ApiHealthRecorder;
  clock: ServerClock;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  backoff?: BackoffOptions;
  /** Retries after the first attempt for 429/503 before the answer is handed back as is. */
  maxRetries?: number;
  /**
   * Total time an interactive call may spend on retries: a retry that would start later is not
   * made and the 429/503 is handed back (the caller shows Twilio's error in the busy state).
   */
  interactiveDeadlineMs?: number;
  /** Set once the client is closed: no request is sent and no retry waits after that. */
  signal?: AbortSignal;
}

export const INTERACTIVE_DEADLINE_MS = 20_000;

/** The rejection of a request made, or still retrying, after its client was closed. */
export class RestClientClosedError extends Error {
  constructor() {
    super('The REST client was closed (the profile was switched or the app is quitting).');
    this.name = 'RestClientClosedError';
  }
}

/** A timer that ends early, rejecting, when `signal` aborts. */
function abortableSleep(ms: number, signal: AbortSignal | undefined, sleep?: (ms: number) => Promise<void>): Promise<void> {
  if (signal?.aborted) return Promise.reject(new RestClientClosedError());
  return new Promise<void>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      if (timer !== undefined) clearTimeout(timer);
      reject(new RestClientClosedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    if (sleep) void sleep(ms).then(done, reject);
    else timer = setTimeout(done, ms);
  });
}

const headersOf = (raw: unknown): Record<string, unknown> => {
  if (!raw || typeof raw !== 'object') return {};
  // axios hands an AxiosHeaders; its toJSON gives plain lower-case keys.
  const plain = typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): unknown }).toJSON() : raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plain as Record<string, unknown>)) out[key.toLowerCase()] = value;
  return out;
};

/**
 * Every REST request of a profile goes through here: it waits for a governor slot of its
 * priority, is timed and recorded, and on 429/503 gives its slot back, waits (Retry-After or
 * full-jitter backoff) and queues again at the same priority.
 */
export function createGovernedTransport<Req>(deps: GovernedTransportDeps<Req>) {
  const { send, governor, health, clock, now = Date.now, maxRetries = 6, signal } = deps;
  const deadlineMs = deps.interactiveDeadlineMs ?? INTERACTIVE_DEADLINE_MS;

  /** `expected`: statuses the caller handles as answers (a lookup's 404), not failures for the health line. */
  return async function request(req: Req, priority: Priority, expected?: ReadonlySet<number>): Promise<TransportResponse> {
    const startedAt = now();
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new RestClientClosedError();
      const release = await governor.acquire(priority);
      if (signal?.aborted) {
        release();
        throw new RestClientClosedError();
      }
      let response: TransportResponse;
      const sentAt = now();
      try {
        response = await send(req);
      } catch (error) {
        health.error((error as Error).message);
        throw error;
      } finally {
        release();
      }
      const receivedAt = now();
      const headers = headersOf(response.headers);
      health.request(sentAt, receivedAt - sentAt, response.statusCode, headers);
      clock.observe(headers['date'], sentAt, receivedAt);
      const concurrent = Number(headers['twilio-concurrent-requests']);
      const level = Number.isFinite(concurrent) && concurrent > 0 ? concurrent : undefined;
      if (response.statusCode === 429) governor.throttled(release.ticket, level);
      else if (response.statusCode < 500) governor.succeeded(level);
      const delay = RETRY_STATUSES.has(response.statusCode) ? retryDelay(attempt, retryAfterMs(headers['retry-after'], receivedAt), deps.backoff) : 0;
      const pastDeadline = priority === 'interactive' && receivedAt + delay - startedAt > deadlineMs;
      if (!RETRY_STATUSES.has(response.statusCode) || attempt >= maxRetries || pastDeadline) {
        // A 4xx is an answer the caller reads (50433 "already a participant" is how an assign
        // learns the agent is in): the caller notes it if it is a problem. Throttling that outlasted
        // the retries, and Twilio's own failures, are problems whoever asked.
        if ((response.statusCode === 429 || response.statusCode >= 500) && !expected?.has(response.statusCode)) health.error(describeFailure(response));
        return { ...response, headers };
      }
      await abortableSleep(delay, signal, deps.sleep);
    }
  };
}

function describeFailure(response: TransportResponse): string {
  let body = response.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // Not JSON: the status alone.
    }
  }
  const b = body as { message?: unknown; code?: unknown } | null;
  const message = typeof b?.message === 'string' ? b.message : `HTTP ${response.statusCode}`;
  return typeof b?.code === 'number' ? `${message} (Twilio error ${b.code})` : message;
}
