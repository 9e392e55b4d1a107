/**
 * Which failed sends wait in the outbox and which stay failed. Twilio's own advice: retry 429s
 * (and 5xx) with backoff, renew an expired token; a 4xx says the request itself is wrong
 * (too long, too large, forbidden, conversation gone) and sending it again can't help.
 */
import { OUTBOX_REASON, type OutboxReason } from './outbox-reasons';

export type SendFailure = { retry: true; reason: OutboxReason } | { retry: false };

/**
 * The HTTP status of an SDK error: twilsock's upstream errors carry it as `status`, the media
 * client's (mcs-client TransportError) as `code` (0 when the request never got an answer).
 */
export function httpStatusOf(e: unknown): number | null {
  const err = e as { status?: unknown; code?: unknown } | null;
  if (typeof err?.status === 'number') return err.status;
  if (typeof err?.code === 'number' && err.code >= 0 && err.code < 600) return err.code;
  return null;
}

/** Messages of the SDK's transport errors that mean the request never got an answer. */
const NETWORK = /unable to connect|twilsock disconnected|client disconnected|\bdisconnected\b|timed out|timeout|failed to fetch|network|econnrefused|socket hang up/i;

/** `online`: whether the client was connected when the send failed. */
export function classifySendFailure(e: unknown, online: boolean): SendFailure {
  const status = httpStatusOf(e);
  if (status === 429) return { retry: true, reason: OUTBOX_REASON.busy };
  if (status !== null && status >= 500) return { retry: true, reason: OUTBOX_REASON.serviceError };
  if (status === 401) return { retry: true, reason: OUTBOX_REASON.renewing };
  if (status === 0 || status === 408) return { retry: true, reason: OUTBOX_REASON.offline };
  if (status !== null) return { retry: false };
  const message = e instanceof Error ? e.message : String(e);
  // No status at all: the request did not get an answer (transport errors), or the SDK refused it
  // before sending. Only the first is worth waiting for.
  if (!online || NETWORK.test(message)) return { retry: true, reason: OUTBOX_REASON.offline };
  return { retry: false };
}
