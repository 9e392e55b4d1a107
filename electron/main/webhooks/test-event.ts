import { randomBytes, randomUUID } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import type { WebhookTestRequest, WebhookTestResult } from '../../../shared/ipc/webhook-schema';

/** Twilio gives a webhook 5 seconds to answer; so does the test. */
export const TEST_TIMEOUT_MS = 5000;

const sid = (prefix: string): string => prefix + randomBytes(16).toString('hex');

/**
 * A sample `onMessageAdded` with Twilio's post-event parameters (the same names the emulator's
 * webhooks carry, electron/emulator/webhooks/params.ts). Its SIDs are made up, so a consumer that
 * looks the message up finds nothing: `Attributes` says it is a test.
 */
export function sampleMessageAdded(ids: { accountSid: string; serviceSid: string; identity: string }, now: Date): Record<string, string> {
  return {
    AccountSid: ids.accountSid,
    ChatServiceSid: ids.serviceSid,
    EventType: 'onMessageAdded',
    Source: 'SDK',
    ClientIdentity: ids.identity,
    ConversationSid: sid('CH'),
    MessageSid: sid('IM'),
    ParticipantSid: sid('MB'),
    Index: '0',
    Author: ids.identity,
    Body: 'Test event from Conversations Desk',
    Attributes: JSON.stringify({ desk: { test: true } }),
    DateCreated: now.toISOString(),
    RetryCount: '0',
  };
}

export interface SendTestDeps {
  fetch: typeof fetch;
  /** Milliseconds, monotonic. */
  now(): number;
  timeoutMs?: number;
}

/**
 * Sends `params` to the URL as Twilio sends a webhook: form-encoded POST (or GET with the
 * parameters in the query), `X-Twilio-Signature` computed by twilio's own helper over the URL
 * and, for POST, the sorted parameters, so the consumer's `validateRequest` accepts it.
 */
export async function sendTestEvent(request: WebhookTestRequest, authToken: string, params: Record<string, string>, deps: SendTestDeps): Promise<WebhookTestResult> {
  const form = new URLSearchParams(params).toString();
  const url = request.method === 'GET' ? `${request.url}${request.url.includes('?') ? '&' : '?'}${form}` : request.url;
  const signature = getExpectedTwilioSignature(authToken, url, request.method === 'GET' ? {} : params);
  const timeoutMs = deps.timeoutMs ?? TEST_TIMEOUT_MS;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const started = deps.now();
  const took = (): number => Math.max(0, Math.round(deps.now() - started));
  try {
    const res = await deps.fetch(url, {
      method: request.method,
      headers: {
        'X-Twilio-Signature': signature,
        'I-Twilio-Idempotency-Token': randomUUID(),
        'User-Agent': 'TwilioProxy/1.1',
        ...(request.method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' } : {}),
      },
      body: request.method === 'POST' ? form : undefined,
      signal: abort.signal,
      redirect: 'manual',
    });
    // The timing is of the whole answer, as Twilio's timeout is.
    await res.arrayBuffer();
    return { outcome: 'answered', status: res.status, durationMs: took(), detail: null, eventType: 'onMessageAdded' };
  } catch (err) {
    if (abort.signal.aborted) return { outcome: 'timeout', status: null, durationMs: took(), detail: null, eventType: 'onMessageAdded' };
    const code = networkCode(err);
    const outcome = code === 'ECONNREFUSED' || code === 'ECONNRESET' ? 'refused' : 'unreachable';
    return { outcome, status: null, durationMs: took(), detail: (code ?? (err instanceof Error ? err.message : String(err))).slice(0, 300), eventType: 'onMessageAdded' };
  } finally {
    clearTimeout(timer);
  }
}

/** fetch says "fetch failed"; the system's reason (ECONNREFUSED, ENOTFOUND, …) is in its cause. */
function networkCode(err: unknown): string | null {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : null;
}
