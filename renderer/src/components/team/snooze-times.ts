/**
 * Snooze presets as Front and Gmail offer them, computed in the agent's local time (so "tomorrow
 * 9:00" stays 9:00 across a daylight-saving change), and how a wake-up time reads.
 */
import { hourCycleOptions } from '../../../../shared/i18n/languages';
import { i18n, localeState } from '../../i18n';

export type SnoozePreset = 'hour' | 'tomorrow' | 'monday';
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['hour', 'tomorrow', 'monday'];

const HOUR = 60 * 60 * 1000;
const WAKE_HOUR = 9;

/** Epoch ms the preset wakes at, from `now`: in an hour, tomorrow at 9:00, next Monday at 9:00 (a week on when today is Monday). */
export function snoozeUntil(preset: SnoozePreset, now: Date = new Date()): number {
  const at = (daysAhead: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysAhead, WAKE_HOUR, 0, 0, 0).getTime();
  switch (preset) {
    case 'hour':
      return now.getTime() + HOUR;
    case 'tomorrow':
      return at(1);
    case 'monday':
      return at((1 - now.getDay() + 7) % 7 || 7);
  }
}

/** A `datetime-local` value ("2026-12-01T09:30") as epoch ms in local time; null when it isn't one. */
export function parseLocalDateTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const t = new Date(y, mo - 1, d, h, mi, 0, 0);
  // Reject what Date quietly rolls over (31 February).
  return t.getMonth() === mo - 1 && t.getDate() === d ? t.getTime() : null;
}

/** Epoch ms as a `datetime-local` value, to minute precision. */
export function toLocalDateTime(t: number): string {
  const d = new Date(t);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

const DAY = 24 * HOUR;
const startOfDay = (t: number) => new Date(new Date(t).getFullYear(), new Date(t).getMonth(), new Date(t).getDate()).getTime();
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'time' | 'day'): Intl.DateTimeFormat {
  const { formatLocale, clock } = localeState();
  const key = `${formatLocale}|${clock}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time' ? { hour: 'numeric', minute: '2-digit', ...hourCycleOptions(clock) } : { weekday: 'short', day: 'numeric', month: 'short' };
    formatters.set(key, (f = new Intl.DateTimeFormat(formatLocale, options)));
  }
  return f;
}

/** "today at 15:00", "tomorrow at 9:00", "Mon 7 Dec at 9:00", in the window's language and clock. */
export function formatWakeUp(t: number, now = Date.now()): string {
  const time = formatter('time').format(t);
  const days = Math.round((startOfDay(t) - startOfDay(now)) / DAY);
  if (days === 0) return i18n.t('teamActions.wakeToday', { time });
  if (days === 1) return i18n.t('teamActions.wakeTomorrow', { time });
  return i18n.t('teamActions.wakeOn', { day: formatter('day').format(t), time });
}
