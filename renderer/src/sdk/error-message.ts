/**
 * Twilio's explanation of an SDK error, DOM-free (the outbox uses it in node tests too). The SDK
 * rejects with the HTTP status text ("Conflict") as the message; Twilio's explanation ("+1…
 * already talks to +1… in conversation CH…") travels in `body.message`. Null when there is none.
 */
import { explainConnectionError } from '../../../shared/domain/connection-problem';
import type { Translate } from '../../../shared/i18n/translator';

export function errorMessage(e: unknown): string | null {
  const body = (e as { body?: { message?: unknown } } | null)?.body;
  if (body && typeof body.message === 'string' && body.message) return body.message;
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return null;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * The same, with socket and credential failures ("getaddrinfo ENOTFOUND …", ECONNREFUSED,
 * ETIMEDOUT, 401/20003) said in words an agent can act on; any other message is Twilio's own.
 */
export function plainErrorMessage(e: unknown, t: Translate): string | null {
  const raw = errorMessage(e);
  const err = (e ?? {}) as { code?: unknown; status?: unknown; body?: { code?: unknown } };
  const details = { errorCode: numberOrNull(err.body?.code) ?? numberOrNull(err.code), httpStatusCode: numberOrNull(err.status) };
  if (raw === null && details.errorCode === null && details.httpStatusCode === null) return null;
  return explainConnectionError(raw, t, details) ?? raw;
}
