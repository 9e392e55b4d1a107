/**
 * The report from conversations' facts: pure and synchronous over a slice, so the service can
 * fold 10,000 conversations in chunks between which main's event loop runs (`foldChunk`).
 * Definitions (README "Analytics" says them in words):
 * - opened: dateCreated in the day; resolved: closed, with its close time (dateUpdated) in the day;
 * - backlog at the end of each day (now, for today): created before it and not yet closed then;
 *   snoozed while now-snoozed between its snooze (dateUpdated) and its wake-up; else assigned
 *   (to the viewer: Mine) from `assignedAt` (its creation when not recorded), else unassigned;
 * - first response: first customer message to the first message of a person (not `system`, not a
 *   campaign) after it, counted on the day of that first customer message, per its responder;
 * - resolution: dateCreated to close, counted on the close day, per its assignee at close;
 * - messages in: the customer's; out: everyone else's;
 * - campaign funnel: sends (messages marked with the campaign) in the range; delivered per
 *   Twilio's delivery summary; failed (failed or undelivered) by the receipts' error code; replied
 *   when the customer wrote in that conversation after the send (a higher message index).
 */
import type { AnalyticsChannel, AnalyticsReport, CampaignFunnel, DurationGroups, DurationStat } from '../../../shared/ipc/analytics-schema';
import { ANALYTICS_CHANNELS } from '../../../shared/ipc/analytics-schema';
import type { ConversationFacts } from './conversation-facts';

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function durationStat(key: string, values: number[]): DurationStat {
  const sorted = [...values].sort((a, b) => a - b);
  return { key, count: sorted.length, median: percentile(sorted, 50), p90: percentile(sorted, 90) };
}

/** Index of the day holding `t` (days are boundaries), or -1 outside the range. */
export function dayIndex(days: readonly number[], t: number): number {
  if (t < (days[0] as number) || t >= (days[days.length - 1] as number)) return -1;
  let lo = 0;
  let hi = days.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((days[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Running totals while folding; `finish` turns them into the report's shapes. */
export interface Fold {
  days: readonly number[];
  identity: string;
  now: number;
  /** Each day's end (capped at now): the backlog's sampling instants. */
  ends: number[];
  opened: Record<AnalyticsChannel, number[]>;
  resolved: Record<AnalyticsChannel, number[]>;
  backlog: { unassigned: number[]; mine: number[]; snoozed: number[] };
  firstResponse: { all: number[]; byChannel: Map<string, number[]>; byAgent: Map<string, number[]> };
  resolution: { all: number[]; byChannel: Map<string, number[]>; byAgent: Map<string, number[]> };
  unanswered: number;
  inbound: number[];
  outbound: number[];
  campaigns: Map<string, { name: string; sent: number; delivered: number; replied: number; failed: number; failures: Map<number, number> }>;
}

const zeros = (n: number) => new Array<number>(n).fill(0);
const perChannel = (n: number) => Object.fromEntries(ANALYTICS_CHANNELS.map((c) => [c, zeros(n)])) as Record<AnalyticsChannel, number[]>;
const push = (map: Map<string, number[]>, key: string, value: number) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function startFold(days: readonly number[], identity: string, now: number): Fold {
  const n = days.length - 1;
  return {
    days,
    identity,
    now,
    ends: days.slice(1).map((end) => Math.min(end, now)),
    opened: perChannel(n),
    resolved: perChannel(n),
    backlog: { unassigned: zeros(n), mine: zeros(n), snoozed: zeros(n) },
    firstResponse: { all: [], byChannel: new Map(), byAgent: new Map() },
    resolution: { all: [], byChannel: new Map(), byAgent: new Map() },
    unanswered: 0,
    inbound: zeros(n),
    outbound: zeros(n),
    campaigns: new Map(),
  };
}

/** Which view a conversation was in at instant `t`, or null when it was not open then. */
export function viewAt(c: ConversationFacts, t: number, identity: string): 'unassigned' | 'mine' | 'other' | 'snoozed' | null {
  if (c.created > t) return null;
  if (c.closedAt !== null && c.closedAt <= t) return null;
  // Only the current snooze is known: from when it was written (the conversation's last change) to its wake-up.
  if (c.state === 'inactive' && c.snoozedUntil !== null && c.updated <= t && t < c.snoozedUntil) return 'snoozed';
  if (c.assignee && (c.assignedAt ?? c.created) <= t) return c.assignee === identity ? 'mine' : 'other';
  return 'unassigned';
}

export function foldChunk(fold: Fold, chunk: readonly ConversationFacts[]): void {
  const { days } = fold;
  const first = days[0] as number;
  const last = days[days.length - 1] as number;
  for (const c of chunk) {
    const opened = dayIndex(days, c.created);
    if (opened >= 0) fold.opened[c.channel][opened]!++;
    if (c.closedAt !== null) {
      const closed = dayIndex(days, c.closedAt);
      if (closed >= 0) {
        fold.resolved[c.channel][closed]!++;
        const took = Math.max(0, c.closedAt - c.created);
        fold.resolution.all.push(took);
        push(fold.resolution.byChannel, c.channel, took);
        push(fold.resolution.byAgent, c.assignee ?? '', took);
      }
    }
    // Backlog: only conversations that overlap the range can count on any day.
    if (c.created < last && (c.closedAt === null || c.closedAt > first)) {
      for (let d = 0; d < fold.ends.length; d++) {
        const end = fold.ends[d] as number;
        if (end < (days[d] as number)) continue; // a day still to come
        const view = viewAt(c, end - 1, fold.identity);
        if (view === 'unassigned' || view === 'mine' || view === 'snoozed') fold.backlog[view][d]!++;
      }
    }
    const firstCustomer = c.inbound[0];
    if (firstCustomer !== undefined && dayIndex(days, firstCustomer) >= 0) {
      if (c.firstResponse) {
        const took = Math.max(0, c.firstResponse.at - firstCustomer);
        fold.firstResponse.all.push(took);
        push(fold.firstResponse.byChannel, c.channel, took);
        push(fold.firstResponse.byAgent, c.firstResponse.by, took);
      } else if (c.state !== 'closed') fold.unanswered++;
    }
    for (const t of c.inbound) {
      const d = dayIndex(days, t);
      if (d >= 0) fold.inbound[d]!++;
    }
    for (const t of c.outbound) {
      const d = dayIndex(days, t);
      if (d >= 0) fold.outbound[d]!++;
    }
    for (const send of c.campaigns) {
      if (dayIndex(days, send.at) < 0) continue;
      let funnel = fold.campaigns.get(send.id);
      if (!funnel) fold.campaigns.set(send.id, (funnel = { name: send.name, sent: 0, delivered: 0, replied: 0, failed: 0, failures: new Map() }));
      funnel.sent++;
      if (send.status === 'delivered') funnel.delivered++;
      if (send.status === 'failed') {
        funnel.failed++;
        const code = send.code ?? 0;
        funnel.failures.set(code, (funnel.failures.get(code) ?? 0) + 1);
      }
      if (send.replied) funnel.replied++;
    }
  }
}

const groups = (g: Fold['firstResponse']): DurationGroups => ({
  all: durationStat('', g.all),
  byChannel: [...g.byChannel].map(([key, values]) => durationStat(key, values)).sort((a, b) => a.key.localeCompare(b.key)),
  byAgent: [...g.byAgent]
    .map(([key, values]) => durationStat(key, values))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, 500),
});

export function finishFold(fold: Fold): Omit<AnalyticsReport, 'status'> {
  const campaigns: CampaignFunnel[] = [...fold.campaigns]
    .map(([id, f]) => ({
      id,
      name: f.name,
      sent: f.sent,
      delivered: f.delivered,
      replied: f.replied,
      failed: f.failed,
      failures: [...f.failures].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code - b.code).slice(0, 100),
    }))
    .sort((a, b) => b.sent - a.sent || a.name.localeCompare(b.name))
    .slice(0, 200);
  return {
    days: [...fold.days],
    identity: fold.identity,
    opened: fold.opened,
    resolved: fold.resolved,
    backlog: fold.backlog,
    firstResponse: groups(fold.firstResponse),
    resolution: groups(fold.resolution),
    unanswered: fold.unanswered,
    messages: { inbound: fold.inbound, outbound: fold.outbound },
    campaigns,
  };
}

/** The whole report in one go (tests; the service folds in chunks). */
export function aggregate(facts: readonly ConversationFacts[], days: readonly number[], identity: string, now: number): Omit<AnalyticsReport, 'status'> {
  const fold = startFold(days, identity, now);
  foldChunk(fold, facts);
  return finishFold(fold);
}
