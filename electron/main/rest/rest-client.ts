import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import { createApiHealthRecorder, type ApiHealthRecorder } from './api-health';
import type { BackoffOptions } from './backoff';
import { createGovernedTransport, type TransportResponse } from './governed-transport';
import { createGovernor, type Governor, type GovernorOptions, type Priority } from './governor';
import { createServerClock, type ServerClock } from './server-clock';
import type { ApiHealth } from '../../../shared/ipc/team-schema';

/**
 * Hosts twilio's helper library addresses for the Conversations and Content APIs and the classic
 * 2010-04-01 API (the account's phone numbers), swapped for the emulator's base (it serves them
 * all on one port).
 */
const TWILIO_CONVERSATIONS_ORIGIN = /^https:\/\/(conversations|content|api)(\.[a-z0-9-]+)*\.twilio\.com/;

export interface RestAccess {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  serviceSid: string;
  /** The emulator's REST base (Local workspace); omitted for Twilio itself. */
  restBaseUrl?: string;
}

export interface RestClientOptions {
  governor?: GovernorOptions;
  backoff?: BackoffOptions;
  maxRetries?: number;
  /** Total retry time of an interactive call (default 20 s). */
  interactiveDeadlineMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Below twilio's RequestClient (tests): replaces the HTTP send. */
  send?: (opts: RequestClient.RequestOptions) => Promise<TransportResponse>;
}

/** A profile's REST client: twilio's helper library, governed, timed and aware of the server's clock. */
export interface RestClient {
  twilio: twilio.Twilio;
  serviceSid: string;
  /** Runs `task` with every REST call it makes at `priority` (interactive unless said otherwise). */
  withPriority<T>(priority: Priority, task: () => Promise<T>): Promise<T>;
  /** Runs `task` with answers of these HTTP statuses handled by the caller (not shown as the health line's last error). */
  expecting<T>(statuses: readonly number[], task: () => Promise<T>): Promise<T>;
  clock: ServerClock;
  governor: Governor;
  health(): ApiHealth;
  /** Notes a failure a feature met (shown as the health line's last error). */
  noteError(message: string): void;
  /**
   * Ends the client: waiting retries reject at once, nothing more is sent, and the keep-alive
   * agent's sockets are closed (a stopped profile must leave no work and no sockets behind).
   */
  close(): void;
}

class GovernedRequestClient extends RequestClient {
  constructor(
    private readonly route: (opts: RequestClient.RequestOptions) => Promise<TransportResponse>,
  ) {
    // Retries are ours (governed, jittered): twilio's own autoRetry stays off.
    super({ autoRetry: false, keepAlive: true });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<never> {
    return this.route(opts as RequestClient.RequestOptions) as Promise<never>;
  }

  send(opts: RequestClient.RequestOptions): Promise<TransportResponse> {
    return super.request(opts) as Promise<TransportResponse>;
  }

  /** twilio's RequestClient keeps its https.Agent on the axios instance's defaults. */
  destroyAgent(): void {
    const agent = (this as unknown as { axios?: { defaults?: { httpsAgent?: { destroy?: () => void } } } }).axios?.defaults?.httpsAgent;
    agent?.destroy?.();
  }
}

export function createRestClient(access: RestAccess, options: RestClientOptions = {}): RestClient {
  const now = options.now ?? Date.now;
  const governor = createGovernor(options.governor);
  const recorder: ApiHealthRecorder = createApiHealthRecorder();
  const clock = createServerClock(now);
  const priorities = new AsyncLocalStorage<Priority>();
  const expectations = new AsyncLocalStorage<ReadonlySet<number>>();
  const closing = new AbortController();

  const base = access.restBaseUrl?.replace(/\/+$/, '');
  const rewrite = (opts: RequestClient.RequestOptions): RequestClient.RequestOptions =>
    base ? { ...opts, uri: opts.uri.replace(TWILIO_CONVERSATIONS_ORIGIN, base) } : opts;

  const transport = createGovernedTransport<RequestClient.RequestOptions>({
    send: (opts): Promise<TransportResponse> => (options.send ? options.send(rewrite(opts)) : http.send(rewrite(opts))),
    governor,
    health: recorder,
    clock,
    now,
    sleep: options.sleep,
    backoff: options.backoff,
    maxRetries: options.maxRetries,
    interactiveDeadlineMs: options.interactiveDeadlineMs,
    signal: closing.signal,
  });
  const http: GovernedRequestClient = new GovernedRequestClient((opts): Promise<TransportResponse> => transport(opts, priorities.getStore() ?? 'interactive', expectations.getStore()));
  const client = twilio(access.apiKeySid, access.apiKeySecret, { accountSid: access.accountSid, httpClient: http });

  return {
    twilio: client,
    serviceSid: access.serviceSid,
    withPriority: (priority, task) => priorities.run(priority, task),
    expecting: (statuses, task) => expectations.run(new Set(statuses), task),
    clock,
    governor,
    health: () => recorder.snapshot(now(), governor.limit()),
    noteError: (message) => recorder.error(message),
    close() {
      if (closing.signal.aborted) return;
      closing.abort();
      http.destroyAgent();
    },
  };
}
