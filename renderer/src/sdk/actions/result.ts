import { i18n } from '../../i18n';
import { plainErrorMessage } from '../error-message';

/** What every user-facing action resolves with: forms show `message` next to `field`. */
export type ActionResult = { ok: true } | { ok: false; message: string; field?: string };

export const OK: ActionResult = { ok: true };

export const fail = (message: string, field?: string): ActionResult =>
  field === undefined ? { ok: false, message } : { ok: false, message, field };

/** Twilio's explanation of an SDK error (see plainErrorMessage), or "unknown error" in the desk's language. */
export function errorText(e: unknown): string {
  return plainErrorMessage(e, i18n.t) ?? i18n.t('errors.unknown');
}
