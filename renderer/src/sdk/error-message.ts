/**
 * Twilio's explanation of an SDK error, DOM-free (the outbox uses it in node tests too). The SDK
 * rejects with the HTTP status text ("Conflict") as the message; Twilio's explanation ("+1…
 * already talks to +1… in conversation CH…") travels in `body.message`. Null when there is none.
 */
export function errorMessage(e: unknown): string | null {
  const body = (e as { body?: { message?: unknown } } | null)?.body;
  if (body && typeof body.message === 'string' && body.message) return body.message;
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return null;
}
