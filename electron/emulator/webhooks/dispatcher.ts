import { randomUUID } from 'node:crypto';
import type { ConversationsService } from '../conversations/service';
import type { ApiWebhookGate } from './api-gate';
import type { WebhookConfigStore } from './config-store';
import { webhookEventFor, type WebhookEvent } from './params';
import { twilioSignature } from './signature';
import { WebhookDeliveryLog } from './delivery-log';

export interface WebhookDispatcherDeps {
  service: ConversationsService;
  configs: WebhookConfigStore;
  gate: ApiWebhookGate;
  /** Signs every request (`X-Twilio-Signature`); the account's auth token. */
  authToken: string;
  log(line: string): void;
  /** Delay before each retry; its length is how many retries follow a failure. */
  retryDelaysMs?: number[];
  /** Twilio gives a webhook 5 seconds to answer. */
  timeoutMs?: number;
  /** The emulator's time, for the deliveries list. */
  nowIso?: () => string;
}

const DEFAULT_RETRY_DELAYS_MS = [250, 1000, 4000];

interface Job {
  event: WebhookEvent;
  url: string;
  method: 'POST' | 'GET';
  idempotencyToken: string;
}

/**
 * Sends post-event webhooks. Each event is turned into a job when it happens (so the request
 * that caused it never waits) and queued per conversation; a queue sends one job at a time, so
 * a consumer sees a conversation's events in the order they happened even across retries.
 * Network errors and 5xx answers are retried with backoff and `RetryCount` counting up; other
 * answers settle the job.
 */
export class WebhookDispatcher {
  private readonly queues = new Map<string, Job[]>();
  private readonly aborts = new Set<AbortController>();
  /** Pending backoff waits, resolved early by close() so no drain loop is left hanging. */
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly unsubscribe: () => void;
  private closed = false;
  /** The last 50 deliveries, for `GET /emulator/webhooks`. */
  readonly deliveries = new WebhookDeliveryLog();

  constructor(private readonly deps: WebhookDispatcherDeps) {
    this.unsubscribe = deps.service.onEvent((e) => {
      if ('source' in e && e.source === 'API' && !deps.gate.apiWebhooksEnabled) return;
      const event = webhookEventFor(e, deps.service.ids, () => deps.service.clock.nowIso());
      if (event) this.enqueue(event);
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const a of this.aborts) a.abort();
    for (const [t, resolve] of this.timers) {
      clearTimeout(t);
      resolve();
    }
    this.timers.clear();
    this.queues.clear();
    this.deliveries.clear();
  }

  private now(): string {
    return this.deps.nowIso?.() ?? new Date().toISOString();
  }

  private enqueue(event: WebhookEvent): void {
    const config = this.deps.configs.effective(this.deps.service.ids.serviceSid);
    if (!config?.postWebhookUrl || !config.filters.includes(event.eventType)) return;
    const job: Job = { event, url: config.postWebhookUrl, method: config.method, idempotencyToken: randomUUID() };
    const at = this.now();
    this.deliveries.add({
      id: job.idempotencyToken,
      eventType: event.eventType,
      url: job.url,
      method: job.method,
      state: 'pending',
      status: null,
      error: null,
      attempts: 0,
      dateCreated: at,
      dateUpdated: at,
    });
    const queue = this.queues.get(event.orderKey);
    if (queue) {
      queue.push(job);
      return;
    }
    this.queues.set(event.orderKey, [job]);
    void this.drain(event.orderKey);
  }

  private async drain(key: string): Promise<void> {
    for (;;) {
      const queue = this.queues.get(key);
      const job = queue?.[0];
      if (!queue || !job || this.closed) break;
      await this.deliver(job);
      queue.shift();
      if (queue.length === 0) {
        this.queues.delete(key);
        break;
      }
    }
  }

  private async deliver(job: Job): Promise<void> {
    const delays = this.deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    for (let retry = 0; retry <= delays.length && !this.closed; retry++) {
      if (retry > 0) await this.wait(delays[retry - 1] ?? 0);
      if (this.closed) return;
      const outcome = await this.attempt(job, retry);
      const last = retry >= delays.length;
      this.deliveries.update(job.idempotencyToken, {
        attempts: retry + 1,
        status: outcome.status,
        error: outcome.error,
        state: outcome.error === null ? 'delivered' : last ? 'failed' : 'retrying',
        dateUpdated: this.now(),
      });
      if (outcome.error === null) return;
      this.deps.log(`webhook ${job.event.eventType} to ${job.url}: ${outcome.error}${retry < delays.length ? ', retrying' : ', giving up'}`);
    }
  }

  /** One HTTP request: the answer's status, and why it should be retried (null when it should not). */
  private async attempt(job: Job, retryCount: number): Promise<{ status: number | null; error: string | null }> {
    const params = { ...job.event.params, RetryCount: String(retryCount) };
    const form = new URLSearchParams(params).toString();
    const url = job.method === 'GET' ? `${job.url}${job.url.includes('?') ? '&' : '?'}${form}` : job.url;
    const signature = twilioSignature(this.deps.authToken, url, job.method === 'GET' ? {} : params);
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), this.deps.timeoutMs ?? 5000);
    try {
      const res = await fetch(url, {
        method: job.method,
        headers: {
          'X-Twilio-Signature': signature,
          'I-Twilio-Idempotency-Token': job.idempotencyToken,
          'User-Agent': 'TwilioProxy/1.1',
          ...(job.method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' } : {}),
        },
        body: job.method === 'POST' ? form : undefined,
        signal: abort.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status, error: res.status >= 500 ? `HTTP ${res.status}` : null };
    } catch (err) {
      const reason = abort.signal.aborted && !this.closed ? `no answer within ${this.deps.timeoutMs ?? 5000} ms` : failureOf(err);
      return { status: null, error: reason };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.set(t, resolve);
    });
  }
}

/** fetch says "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND, ...) in its cause. */
function failureOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return `${err.message} (${cause.code})`;
  return err.message;
}
