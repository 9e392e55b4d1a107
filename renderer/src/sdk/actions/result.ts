import { i18n } from '../../i18n';

/** What every user-facing action resolves with: forms show `message` next to `field`. */
export type ActionResult = { ok: true } | { ok: false; message: string; field?: string };

export const OK: ActionResult = { ok: true };

export const fail = (message: string, field?: string): ActionResult =>
  field === undefined ? { ok: false, message } : { ok: false, message, field };

/**
 * The SDK rejects with the HTTP status text ("Conflict") as the message; Twilio's explanation
 * ("+1… already talks to +1… in conversation CH…") travels in `body.message`.
 */
export function errorText(e: unknown): string {
  const body = (e as { body?: { message?: unknown } } | null)?.body;
  if (body && typeof body.message === 'string' && body.message) return body.message;
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return i18n.t('errors.unknown');
}
