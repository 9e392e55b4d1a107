import { randomUUID } from 'node:crypto';
import type { ConversationsService } from '../conversations/service';
import type { ApiWebhookGate } from './api-gate';
import type { WebhookConfigStore } from './config-store';
import { webhookEventFor, type WebhookEvent } from './params';
import { twilioSignature } from './signature';

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
  }

  private enqueue(event: WebhookEvent): void {
    const config = this.deps.configs.effective(this.deps.service.ids.serviceSid);
    if (!config?.postWebhookUrl || !config.filters.includes(event.eventType)) return;
    const job: Job = { event, url: config.postWebhookUrl, method: config.method, idempotencyToken: randomUUID() };
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
      if (outcome === 'done') return;
      this.deps.log(`webhook ${job.event.eventType} to ${job.url}: ${outcome}${retry < delays.length ? ', retrying' : ', giving up'}`);
    }
  }

  /** One HTTP request; 'done' unless it should be retried, else why. */
  private async attempt(job: Job, retryCount: number): Promise<'done' | string> {
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
      return res.status >= 500 ? `HTTP ${res.status}` : 'done';
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
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
