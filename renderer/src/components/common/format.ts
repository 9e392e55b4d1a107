/** Dates and names as agents read them. Locale-aware via Intl; `now` injectable for tests. */
import { formatPhoneNumber } from '../../../../shared/domain/address';

const DAY = 24 * 60 * 60 * 1000;
const startOfDay = (t: number) => new Date(new Date(t).toDateString()).getTime();

/** Inbox: "14:05" today, "Tue" this week, "12 Mar" older. */
/**
 * Building an Intl.DateTimeFormat costs far more than formatting with one (the first loads locale
 * data: ~100 ms in a profile of a launch with a full inbox, one per row), so each is made once.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatWith(options: Intl.DateTimeFormatOptions, t: number): string {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(undefined, options)));
  return f.format(t);
}

export function formatListTime(t: number | null, now = Date.now()): string {
  if (t === null) return '';
  const days = Math.round((startOfDay(now) - startOfDay(t)) / DAY);
  if (days === 0) return formatWith({ hour: 'numeric', minute: '2-digit' }, t);
  if (days === 1) return 'Yesterday';
  if (days < 7) return formatWith({ weekday: 'short' }, t);
  return formatWith({ day: 'numeric', month: 'short' }, t);
}

export function formatClock(t: number | null): string {
  return t === null ? '' : formatWith({ hour: 'numeric', minute: '2-digit' }, t);
}

/** Day separators: "Today", "Yesterday", "Monday, 3 March". */
export function formatDay(t: number, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(t)) / DAY);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return formatWith({ weekday: 'long', day: 'numeric', month: 'long' }, t);
}

export const sameDay = (a: number | null, b: number | null) => a !== null && b !== null && startOfDay(a) === startOfDay(b);

/** Authors are identities for chat and addresses ("whatsapp:+1…") for customers. */
export function displayAuthor(author: string | null, me: string | null): string {
  if (author === null) return 'System';
  if (author === me) return 'You';
  return author.startsWith('+') || author.startsWith('whatsapp:') ? formatPhoneNumber(author) : author;
}

export function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N} ]/gu, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '#';
  const first = words[0]!;
  if (/^\d/.test(first)) return first.slice(-2);
  return ((first[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase();
}
