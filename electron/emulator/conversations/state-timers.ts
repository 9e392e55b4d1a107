import type { EmulatorClock } from '../clock';
import { badRequest } from '../util/errors';
import { CODES, LIMITS } from './limits';

/**
 * Conversation timers (`Timers.Inactive`, `Timers.Closed`): ISO 8601 durations counted from the
 * conversation's last activity (the timer being set, or a message), after which Twilio moves the
 * conversation to `inactive` and `closed` (https://www.twilio.com/docs/conversations/states-timers).
 */

/**
 * A duration as given, and the instant it falls due (`timers.date_inactive` / `date_closed`);
 * null once it fired, until activity starts it again.
 */
export interface ConversationTimer {
  duration: string;
  due: string | null;
}

export interface ConversationTimers {
  inactive: ConversationTimer | null;
  closed: ConversationTimer | null;
}

export const NO_TIMERS: ConversationTimers = Object.freeze({ inactive: null, closed: null });

/** Timers sit a level deeper in a record than freezeRecord reaches: they are frozen here. */
export const timer = (duration: string, due: string | null): ConversationTimer => Object.freeze({ duration, due });

// P[nY][nM][nW][nD][T[nH][nM][nS]], seconds may carry a fraction (PT1.5S).
const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** `base` moved on by an ISO 8601 duration (years and months on the calendar, as ISO 8601 means them); null if malformed. */
export function addIsoDuration(raw: string, baseMs: number): number | null {
  const m = ISO_DURATION.exec(raw.trim().toUpperCase());
  if (!m || raw.trim().toUpperCase() === 'P' || /T$/.test(raw.trim())) return null;
  const n = (i: number): number => (m[i] ? Number(m[i]) : 0);
  const [years, months, weeks, days, hours, minutes] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  const seconds = m[7] ? Number(m[7].replace(',', '.')) : 0;
  const d = new Date(baseMs);
  if (years || months) d.setUTCFullYear(d.getUTCFullYear() + years, d.getUTCMonth() + months);
  const t = d.getTime() + ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
  return Number.isFinite(t) && t <= 8.64e15 ? Math.round(t) : null;
}

export type TimerInput = string | undefined;

/**
 * Checks `Timers.Inactive` / `Timers.Closed` as Twilio does and returns the timers they set from
 * `nowMs`: undefined leaves a timer as it was; `PT0S` (or empty) turns it off, the value Twilio
 * documents for "no timer"; any other duration must be at least Twilio's minimum.
 */
export function checkTimers(input: { inactive: TimerInput; closed: TimerInput }, before: ConversationTimers, nowMs: number): ConversationTimers {
  const one = (raw: TimerInput, which: 'inactive' | 'closed'): ConversationTimer | null | undefined => {
    if (raw === undefined) return undefined;
    if (raw.trim() === '') return null;
    const at = addIsoDuration(raw, nowMs);
    const name = which === 'inactive' ? 'Timers.Inactive' : 'Timers.Closed';
    if (at === null) {
      throw badRequest(`${name} must be an ISO 8601 duration such as PT10M or P1D, got ${JSON.stringify(raw.slice(0, 40))}`, which === 'inactive' ? CODES.timerInactiveInvalid : CODES.timerClosedInvalid);
    }
    if (at === nowMs) return null;
    const min = which === 'inactive' ? LIMITS.timerInactiveMinMs : LIMITS.timerClosedMinMs;
    if (at - nowMs < min) {
      throw badRequest(
        `${name} must be at least ${min / 60_000} minute${min === 60_000 ? '' : 's'} (or PT0S for none), got ${raw.slice(0, 40)}`,
        which === 'inactive' ? CODES.timerInactiveTooShort : CODES.timerClosedTooShort,
      );
    }
    return timer(raw.trim().toUpperCase(), new Date(at).toISOString());
  };
  const inactive = one(input.inactive, 'inactive');
  const closed = one(input.closed, 'closed');
  return { inactive: inactive === undefined ? before.inactive : inactive, closed: closed === undefined ? before.closed : closed };
}

/**
 * The same durations counted again from `nowMs`: all of them on new activity (a message), or
 * with `onlySpent` only those that fired (the conversation made active again by hand).
 */
export function restartTimers(timers: ConversationTimers, nowMs: number, onlySpent = false): ConversationTimers {
  const again = (t: ConversationTimer | null): ConversationTimer | null => {
    if (!t) return null;
    if (onlySpent && t.due !== null) return t;
    const at = addIsoDuration(t.duration, nowMs);
    return at === null ? null : timer(t.duration, new Date(at).toISOString());
  };
  return { inactive: again(timers.inactive), closed: again(timers.closed) };
}

/** The earliest instant a conversation with these timers needs attention, or null. */
export function nextDue(timers: ConversationTimers): number | null {
  const dues = [timers.inactive?.due, timers.closed?.due].filter((x): x is string => !!x).map(Date.parse);
  return dues.length ? Math.min(...dues) : null;
}

/** Node's timers hold at most 2^31-1 ms; longer waits re-arm on the way. */
const MAX_WAIT_MS = 2 ** 31 - 1;

/**
 * Wakes its owner when the earliest due instant is reached on the emulator clock: one real
 * timeout for the earliest, re-armed when the clock moves or the set changes, cleared by close().
 */
export class TimerSchedule {
  private readonly due = new Map<string, number>();
  private handle: ReturnType<typeof setTimeout> | null = null;
  private armedFor = Infinity;
  private closed = false;
  private readonly stopListening: () => void;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly fire: (sids: string[]) => void,
  ) {
    this.stopListening = clock.onAdvance(() => this.runDue());
  }

  get size(): number {
    return this.due.size;
  }

  /** Sets (or with null, drops) the instant `sid` falls due. */
  set(sid: string, at: number | null): void {
    if (at === null) this.due.delete(sid);
    else this.due.set(sid, at);
    if (at !== null && at < this.armedFor) this.arm();
  }

  /** Fires everything due by now, then arms for the next. */
  runDue(): void {
    if (this.closed) return;
    const now = this.clock.now();
    const ready: string[] = [];
    for (const [sid, at] of this.due) if (at <= now) ready.push(sid);
    for (const sid of ready) this.due.delete(sid);
    try {
      if (ready.length) this.fire(ready);
    } finally {
      this.arm();
    }
  }

  close(): void {
    this.closed = true;
    this.stopListening();
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
    this.due.clear();
  }

  private arm(): void {
    if (this.closed) return;
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
    let earliest = Infinity;
    for (const at of this.due.values()) if (at < earliest) earliest = at;
    this.armedFor = earliest;
    if (earliest === Infinity) return;
    const wait = Math.min(Math.max(0, earliest - this.clock.now()), MAX_WAIT_MS);
    this.handle = setTimeout(() => {
      this.handle = null;
      this.armedFor = Infinity;
      try {
        this.runDue();
      } catch {
        // A change that fails checks nothing in (validate, then change): the conversation stays
        // as it was, and a timer must never take the emulator's process down with it.
      }
    }, wait);
    // A pending conversation timer must not keep a finished process (or test worker) alive.
    this.handle.unref?.();
  }
}
