/**
 * WhatsApp's customer service window, as Twilio applies it: each message the customer sends opens
 * it for 24 hours; outside it only an approved template (sent by ContentSid) reaches them, and a
 * free-form message fails with 63016. Pure: times are epoch ms in the service's clock.
 */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

export type WindowState =
  /** The customer wrote within 24 hours: free text and templates both go. */
  | { open: true; closesAt: number; leftMs: number }
  /** No message from them in 24 hours (or ever, as far as the desk can see): templates only. */
  | { open: false; lastInbound: number | null };

export function windowState(lastInbound: number | null, now: number): WindowState {
  if (lastInbound === null) return { open: false, lastInbound: null };
  const closesAt = lastInbound + WINDOW_MS;
  return closesAt > now ? { open: true, closesAt, leftMs: closesAt - now } : { open: false, lastInbound };
}

/**
 * What is left, rounded the way an agent reads it: whole hours from 1 h up (rounded down, so
 * "3 h left" never promises more than there is), whole minutes below an hour (at least 1).
 */
export function timeLeft(leftMs: number): { unit: 'hours' | 'minutes'; value: number } {
  const hours = Math.floor(leftMs / 3_600_000);
  if (hours >= 1) return { unit: 'hours', value: hours };
  return { unit: 'minutes', value: Math.max(1, Math.ceil(leftMs / 60_000)) };
}

/** When what `timeLeft` says changes next (ms from now), so a timer can redraw exactly then. */
export function nextChangeIn(leftMs: number): number {
  if (leftMs <= 0) return 0;
  const step = leftMs >= 3_600_000 ? 3_600_000 : 60_000;
  const rest = leftMs % step;
  // One millisecond past the boundary, when the rounded value has certainly moved on.
  return (rest === 0 ? step : rest) + 1;
}
