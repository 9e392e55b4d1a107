/**
 * What every message row shows in words, looked up once per language and clock rather than per
 * row. A row mounting called i18next's `t` about ten times and react-i18next's `useTranslation`
 * once (which copies the i18n instance's property descriptors): in a CPU profile of scrolling a
 * 20,000-message thread that was ~40% of the rows' render time. Rows get `localeKey` (below) as a
 * prop, so a memoized row still renders again when the language or the clock changes.
 */
import type { ParseKeys } from 'i18next';
import { i18n, localeState } from '../../i18n';
import { formatClock, formatDay, sameDay } from '../common/format';

/** Changes whenever a row's words or times would. */
export function localeKey(): string {
  const { formatLocale, clock } = localeState();
  return `${i18n.language}|${formatLocale}|${clock}`;
}

let cachedFor = '';
let texts = new Map<string, string>();
let clocks = new Map<number, string>();
let days = new Map<number, number>();
let labels = new Map<string, string>();

function current(): void {
  const key = localeKey();
  if (key === cachedFor) return;
  cachedFor = key;
  texts = new Map();
  clocks = new Map();
  days = new Map();
  labels = new Map();
}

/** A text without values, in the current language (i18next's lookup, once). */
export function fixedText(key: ParseKeys): string {
  current();
  let text = texts.get(key);
  if (text === undefined) texts.set(key, (text = i18n.t(key)));
  return text;
}

/** Bounded: a thread scrolled back a long way has thousands of distinct minutes. */
const MAX_CACHED = 5_000;

/** "14:05" for a message's time; minutes repeat, so each is formatted once. */
export function clockText(t: number | null): string {
  if (t === null) return '';
  current();
  const minute = Math.floor(t / 60_000);
  let text = clocks.get(minute);
  if (text === undefined) {
    if (clocks.size >= MAX_CACHED) clocks.clear();
    clocks.set(minute, (text = formatClock(t)));
  }
  return text;
}

/**
 * A text with values ("Message by Ana at 14:05"), once per distinct key and values: i18next's
 * interpolation is the costliest of a row's lookups, and the same author and minute repeat.
 */
export function valueText(key: ParseKeys, values: Record<string, string>): string {
  current();
  const id = `${key}\u0000${Object.values(values).join('\u0000')}`;
  let text = labels.get(id);
  if (text === undefined) {
    if (labels.size >= MAX_CACHED) labels.clear();
    labels.set(id, (text = (i18n.t as (k: string, v: Record<string, string>) => string)(key, values)));
  }
  return text;
}

/** The local day a time falls on (a key: equal for two times on the same calendar day). */
function dayOf(t: number): number {
  // Every time zone's offset (and daylight-saving shift) is a whole number of quarter hours, so a
  // local day never starts inside one: keyed by quarter hour.
  const quarter = Math.floor(t / 900_000);
  let day = days.get(quarter);
  if (day === undefined) {
    if (days.size >= MAX_CACHED) days.clear();
    const d = new Date(t);
    days.set(quarter, (day = d.getFullYear() * 10_000 + d.getMonth() * 100 + d.getDate()));
  }
  return day;
}

/** Whether two message times fall on the same local day (both null counts as not). */
export function sameLocalDay(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return sameDay(a, b);
  current();
  return dayOf(a) === dayOf(b);
}

/** A day separator's words ("Today", "Monday, 3 March"). Not cached: "Today" turns into "Yesterday". */
export const dayText = (t: number): string => formatDay(t);
