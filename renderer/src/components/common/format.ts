/**
 * Dates, sizes and names as agents read them, in the window's language and clock setting
 * (renderer/src/i18n). `now` injectable for tests.
 */
import { formatPhoneNumber } from '../../../../shared/domain/address';
import { hourCycleOptions, type ClockSetting } from '../../../../shared/i18n/languages';
import { i18n, localeState } from '../../i18n';

const DAY = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;
const startOfDay = (t: number) => new Date(new Date(t).toDateString()).getTime();

type Shape = 'time' | 'weekday' | 'dayMonth' | 'longDay';
const SHAPES: Record<Shape, Intl.DateTimeFormatOptions> = {
  time: { hour: 'numeric', minute: '2-digit' },
  weekday: { weekday: 'short' },
  dayMonth: { day: 'numeric', month: 'short' },
  longDay: { weekday: 'long', day: 'numeric', month: 'long' },
};

/**
 * Building an Intl.DateTimeFormat costs far more than formatting with one (the first loads locale
 * data: ~100 ms in a profile of a launch with a full inbox, one per row), so each is made once per
 * locale, clock and shape, and rows only look one up.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatWith(shape: Shape, t: number, clock: ClockSetting = localeState().clock): string {
  const { formatLocale } = localeState();
  const key = `${formatLocale}|${clock}|${shape}`;
  let f = formatters.get(key);
  if (!f) {
    const options = shape === 'time' ? { ...SHAPES.time, ...hourCycleOptions(clock) } : SHAPES[shape];
    formatters.set(key, (f = new Intl.DateTimeFormat(formatLocale, options)));
  }
  return f.format(t);
}

/** Inbox: "14:05" (or "2:05 PM") today, "Tue" this week, "12 Mar" older. */
export function formatListTime(t: number | null, now = Date.now()): string {
  if (t === null) return '';
  const days = Math.round((startOfDay(now) - startOfDay(t)) / DAY);
  if (days === 0) return formatWith('time', t);
  if (days === 1) return i18n.t('common.yesterday');
  if (days < 7) return formatWith('weekday', t);
  return formatWith('dayMonth', t);
}

export function formatClock(t: number | null, clock?: ClockSetting): string {
  return t === null ? '' : formatWith('time', t, clock);
}

/** Day separators: "Today", "Yesterday", "Monday, 3 March". */
export function formatDay(t: number, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(t)) / DAY);
  if (days === 0) return i18n.t('common.today');
  if (days === 1) return i18n.t('common.yesterday');
  return formatWith('longDay', t);
}

/** "512 B", "2 KB", "1.5 MB" — "1,5 Mo" in French; i18next caches the number formatters. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return i18n.t('common.sizeBytes', { value: bytes });
  if (bytes < MB) return i18n.t('common.sizeKilobytes', { value: Math.round(bytes / 1024) });
  return i18n.t('common.sizeMegabytes', { value: bytes / MB });
}

export const sameDay = (a: number | null, b: number | null) => a !== null && b !== null && startOfDay(a) === startOfDay(b);

/** Authors are identities for chat and addresses ("whatsapp:+1…") for customers. */
export function displayAuthor(author: string | null, me: string | null): string {
  if (author === null) return i18n.t('common.system');
  if (author === me) return i18n.t('common.you');
  return author.startsWith('+') || author.startsWith('whatsapp:') ? formatPhoneNumber(author) : author;
}

/**
 * A name that is only a phone number ("+44 7700 900123", "whatsapp:+44…"): its first digits are a
 * country code every such contact shares, so avatars show the number's last two digits instead.
 */
export function phoneTail(name: string): string | null {
  const bare = name.replace(/^whatsapp:/, '').trim();
  if (!/^\+?[\d\s().-]{5,}$/.test(bare)) return null;
  const digits = bare.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-2) : null;
}

export function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N} ]/gu, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '#';
  const first = words[0]!;
  if (/^\d/.test(first)) return first.slice(-2);
  return ((first[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase();
}
