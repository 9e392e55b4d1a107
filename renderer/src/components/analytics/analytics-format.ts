/**
 * The analytics screen's calendar and numbers, in the window's locale: the local midnights main
 * counts days by, dates and durations as the agent reads them, and each chart's table as rows
 * (the same rows the CSV export writes). Pure, so tests call it without a DOM.
 */
import type { AnalyticsChannel, AnalyticsReport, DurationStat } from '../../../../shared/ipc/analytics-schema';
import { ANALYTICS_CHANNELS, MAX_ANALYTICS_DAYS } from '../../../../shared/ipc/analytics-schema';
import { i18n, localeState } from '../../i18n';

/** "2026-11-03" → that day's local midnight. */
export function parseDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isFinite(t) ? t : null;
}

/** A local day as "YYYY-MM-DD" (what a date input holds). */
export function dayValue(t: number): string {
  const d = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local midnights from `from`'s day through the day after `to`'s (both inclusive), at most a year. */
export function dayBoundaries(from: string, to: string): number[] | null {
  const start = parseDay(from);
  const end = parseDay(to);
  if (start === null || end === null || end < start) return null;
  const out: number[] = [];
  const d = new Date(start);
  // Date's own calendar arithmetic: a DST day is 23 or 25 hours long, as it is on the wall.
  while (d.getTime() <= end && out.length <= MAX_ANALYTICS_DAYS) {
    out.push(d.getTime());
    d.setDate(d.getDate() + 1);
  }
  if (out.length > MAX_ANALYTICS_DAYS) return null;
  out.push(d.getTime());
  return out;
}

/** The last `count` days, today included. */
export function lastDays(count: number, now = Date.now()): { from: string; to: string } {
  const d = new Date(now);
  d.setDate(d.getDate() - (count - 1));
  return { from: dayValue(d.getTime()), to: dayValue(now) };
}

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: (locale: string) => T): T {
  const locale = localeState().formatLocale;
  const k = `${locale}|${key}`;
  let f = formatters.get(k);
  if (!f) formatters.set(k, (f = make(locale)));
  return f as T;
}

export const formatDate = (t: number) => cached('day', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short' })).format(t);
export const formatNumber = (n: number) => cached('n', (l) => new Intl.NumberFormat(l)).format(n);

/** "45 s", "12 min", "3.5 h", "2.1 d" (in the window's language); "—" for none. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return i18n.t('analytics.none');
  const one = (value: number) => cached('d1', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 1 })).format(value);
  if (ms < 60_000) return i18n.t('analytics.seconds', { value: one(ms / 1000) });
  if (ms < 3_600_000) return i18n.t('analytics.minutes', { value: one(ms / 60_000) });
  if (ms < 48 * 3_600_000) return i18n.t('analytics.hours', { value: one(ms / 3_600_000) });
  return i18n.t('analytics.days', { value: one(ms / 86_400_000) });
}

export const channelLabel = (c: AnalyticsChannel | string) => i18n.t(`analytics.channel.${c}`, { defaultValue: c });
export const agentLabel = (identity: string) => (identity === '' ? i18n.t('analytics.noAgent') : identity);

/** A table: header cells and rows of cells (numbers stay numbers for the CSV). */
export interface Table {
  head: string[];
  rows: (string | number)[][];
}

const dayRows = (r: AnalyticsReport, columns: number[][]): (string | number)[][] =>
  r.days.slice(0, -1).map((t, i) => [dayValue(t), ...columns.map((c) => c[i] ?? 0)]);

/** Channels with anything to show (SMS, WhatsApp and chat always; "unknown" only when used). */
export function channelsShown(r: AnalyticsReport): AnalyticsChannel[] {
  return ANALYTICS_CHANNELS.filter((c) => c !== 'unknown' || [...r.opened.unknown, ...r.resolved.unknown].some((n) => n > 0));
}

export function conversationsTable(r: AnalyticsReport): Table {
  const channels = channelsShown(r);
  return {
    head: [
      i18n.t('analytics.day'),
      ...channels.map((c) => i18n.t('analytics.openedOn', { channel: channelLabel(c) })),
      ...channels.map((c) => i18n.t('analytics.resolvedOn', { channel: channelLabel(c) })),
    ],
    rows: dayRows(r, [...channels.map((c) => r.opened[c]), ...channels.map((c) => r.resolved[c])]),
  };
}

export const backlogTable = (r: AnalyticsReport): Table => ({
  head: [i18n.t('analytics.day'), i18n.t('analytics.view.unassigned'), i18n.t('analytics.view.mine'), i18n.t('analytics.view.snoozed')],
  rows: dayRows(r, [r.backlog.unassigned, r.backlog.mine, r.backlog.snoozed]),
});

export const messagesTable = (r: AnalyticsReport): Table => ({
  head: [i18n.t('analytics.day'), i18n.t('analytics.inbound'), i18n.t('analytics.outbound')],
  rows: dayRows(r, [r.messages.inbound, r.messages.outbound]),
});

/** Durations in the table as the agent reads them; the CSV gets seconds (see `csvRows`). */
export function durationTable(stats: DurationStat[], keyHead: string, label: (key: string) => string): Table {
  return {
    head: [keyHead, i18n.t('analytics.count'), i18n.t('analytics.median'), i18n.t('analytics.p90')],
    rows: stats.map((s) => [label(s.key), s.count, formatDuration(s.median), formatDuration(s.p90)]),
  };
}

export function durationCsv(stats: DurationStat[], keyHead: string, label: (key: string) => string): Table {
  const seconds = (ms: number | null) => (ms === null ? '' : Math.round(ms / 1000));
  return {
    head: [keyHead, i18n.t('analytics.count'), i18n.t('analytics.medianSeconds'), i18n.t('analytics.p90Seconds')],
    rows: stats.map((s) => [label(s.key), s.count, seconds(s.median), seconds(s.p90)]),
  };
}

export const campaignTable = (r: AnalyticsReport): Table => ({
  head: [
    i18n.t('analytics.campaign'),
    i18n.t('analytics.funnel.sent'),
    i18n.t('analytics.funnel.delivered'),
    i18n.t('analytics.funnel.replied'),
    i18n.t('analytics.funnel.failed'),
    i18n.t('analytics.failuresByCode'),
  ],
  rows: r.campaigns.map((c) => [c.name || c.id, c.sent, c.delivered, c.replied, c.failed, c.failures.map((f) => `${f.code}: ${f.count}`).join('; ')]),
});
