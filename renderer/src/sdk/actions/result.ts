/** What every user-facing action resolves with: forms show `message` next to `field`. */
export type ActionResult = { ok: true } | { ok: false; message: string; field?: string };

export const OK: ActionResult = { ok: true };

export const fail = (message: string, field?: string): ActionResult =>
  field === undefined ? { ok: false, message } : { ok: false, message, field };

export function errorText(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return 'Unknown error';
}
