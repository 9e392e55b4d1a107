import { describe, expect, it } from 'vitest';
import { aggregate, dayIndex, percentile, viewAt } from '../../../../electron/main/analytics/aggregate';
import { addMessages, conversationFacts, type ConversationFacts, type RestMessage } from '../../../../electron/main/analytics/conversation-facts';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 10, 1);
const days = [T0, T0 + D, T0 + 2 * D, T0 + 3 * D];
const agents = new Set(['alice', 'bob']);
const isAgent = (id: string) => agents.has(id);

let n = 0;
const msg = (author: string | null, at: number, extra: Partial<RestMessage> = {}): RestMessage => ({
  sid: `IM${String(n++).padStart(32, '0')}`,
  index: -1,
  author,
  attributes: '{}',
  dateCreated: new Date(at),
  delivery: null,
  ...extra,
});

function conversation(
  sid: string,
  opts: { created: number; updated?: number; state?: string; desk?: Record<string, unknown> },
  messages: RestMessage[],
): ConversationFacts {
  const facts = conversationFacts({
    sid,
    state: opts.state ?? 'active',
    dateCreated: new Date(opts.created),
    dateUpdated: new Date(opts.updated ?? opts.created),
    attributes: JSON.stringify(opts.desk ? { desk: opts.desk } : {}),
  });
  return addMessages(facts, messages.map((m, index) => ({ ...m, index })), isAgent);
}

describe('analytics aggregation', () => {
  it('percentile is nearest rank; dayIndex finds the day or -1', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(dayIndex(days, T0 - 1)).toBe(-1);
    expect(dayIndex(days, T0)).toBe(0);
    expect(dayIndex(days, T0 + D + 5)).toBe(1);
    expect(dayIndex(days, T0 + 3 * D)).toBe(-1);
  });

  it('counts opened and resolved per day by channel, first response and resolution per channel and agent', () => {
    const sms = conversation('CH1', { created: T0 + H, updated: T0 + D + 2 * H, state: 'closed', desk: { assignee: 'alice', assignedAt: new Date(T0 + 2 * H).toISOString() } }, [
      msg('+14155550100', T0 + H),
      msg('+14155550100', T0 + H + 60_000),
      msg('alice', T0 + H + 10 * 60_000),
      msg('bob', T0 + H + 20 * 60_000),
    ]);
    const wa = conversation('CH2', { created: T0 + D + H }, [msg('whatsapp:+14155550101', T0 + D + H), msg('system', T0 + D + H + 1000), msg('bob', T0 + D + 3 * H)]);
    const chat = conversation('CH3', { created: T0 + 2 * D + H }, [msg('customer@example.com', T0 + 2 * D + H)]);
    expect([sms.channel, wa.channel, chat.channel]).toEqual(['sms', 'whatsapp', 'chat']);
    const r = aggregate([sms, wa, chat], days, 'alice', T0 + 3 * D);
    expect(r.opened.sms).toEqual([1, 0, 0]);
    expect(r.opened.whatsapp).toEqual([0, 1, 0]);
    expect(r.opened.chat).toEqual([0, 0, 1]);
    expect(r.resolved.sms).toEqual([0, 1, 0]);
    // First customer message to the first person's answer (system does not count).
    expect(r.firstResponse.byChannel).toEqual([
      { key: 'sms', count: 1, median: 10 * 60_000, p90: 10 * 60_000 },
      { key: 'whatsapp', count: 1, median: 2 * H, p90: 2 * H },
    ]);
    expect(r.firstResponse.byAgent.map((s) => [s.key, s.count])).toEqual([
      ['alice', 1],
      ['bob', 1],
    ]);
    expect(r.firstResponse.all).toMatchObject({ count: 2, median: 10 * 60_000, p90: 2 * H });
    expect(r.unanswered).toBe(1);
    expect(r.resolution.byAgent).toEqual([{ key: 'alice', count: 1, median: D + H, p90: D + H }]);
    expect(r.messages.inbound).toEqual([2, 1, 1]);
    expect(r.messages.outbound).toEqual([2, 2, 0]);
  });

  it('reconstructs the backlog from creation, close, assignedAt and the current snooze', () => {
    const mine = conversation('CH1', { created: T0 + H, desk: { assignee: 'alice', assignedAt: new Date(T0 + D + H).toISOString() } }, []);
    const snoozed = conversation('CH2', { created: T0 + H, updated: T0 + D + H, state: 'inactive', desk: { snoozedUntil: new Date(T0 + 5 * D).toISOString() } }, []);
    const closed = conversation('CH3', { created: T0 + H, updated: T0 + 2 * D + H, state: 'closed' }, []);
    const theirs = conversation('CH4', { created: T0 + H, desk: { assignee: 'bob' } }, []);
    expect(viewAt(mine, T0 + 2 * H, 'alice')).toBe('unassigned');
    expect(viewAt(mine, T0 + D + 2 * H, 'alice')).toBe('mine');
    expect(viewAt(theirs, T0 + 2 * H, 'alice')).toBe('other');
    const r = aggregate([mine, snoozed, closed, theirs], days, 'alice', T0 + 2 * D + 12 * H);
    // Day 0's end: not yet assigned, snooze not yet written, not yet closed → 3 unassigned; day 1's:
    // the closed one is still open; day 2 is sampled now (after its close).
    expect(r.backlog.unassigned).toEqual([3, 1, 0]);
    expect(r.backlog.mine).toEqual([0, 1, 1]);
    expect(r.backlog.snoozed).toEqual([0, 1, 1]);
  });

  it('builds the campaign funnel from marked messages, delivery summaries and later replies', () => {
    const mark = (recipient: string) => JSON.stringify({ campaign: { id: 'cmp-1', name: 'Delay notice', recipient } });
    const replied = conversation('CH1', { created: T0 + H }, [
      msg('alice', T0 + H, { attributes: mark('+14155550100'), delivery: { total: 1, delivered: 'all', failed: 'none', undelivered: 'none' } }),
      msg('+14155550100', T0 + 2 * H),
    ]);
    const failed = conversation('CH2', { created: T0 + H }, [msg('system', T0 + H, { attributes: mark('whatsapp:+14155550101'), delivery: { total: 1, delivered: 'none', failed: 'all' } })]);
    failed.campaigns[0]!.code = 63016;
    const sent = conversation('CH3', { created: T0 + H }, [msg('system', T0 + H, { attributes: mark('+14155550102') })]);
    expect([replied.channel, failed.channel, sent.channel]).toEqual(['sms', 'whatsapp', 'sms']);
    // A campaign send is not an agent's first response.
    expect(replied.firstResponse).toBeNull();
    const r = aggregate([replied, failed, sent], days, 'alice', T0 + 3 * D);
    expect(r.campaigns).toEqual([{ id: 'cmp-1', name: 'Delay notice', sent: 3, delivered: 1, replied: 1, failed: 1, failures: [{ code: 63016, count: 1 }] }]);
  });

  it('folds a refresh: messages read again only update their campaign status; new ones append', () => {
    const mark = JSON.stringify({ campaign: { id: 'c', name: 'C', recipient: '+14155550100' } });
    const first = msg('alice', T0 + H, { attributes: mark, index: 0 });
    let facts = addMessages(conversationFacts({ sid: 'CH1', state: 'active', dateCreated: new Date(T0), dateUpdated: new Date(T0), attributes: '{}' }), [first], isAgent);
    expect(facts.campaigns[0]?.status).toBe('sent');
    facts = addMessages(facts, [{ ...first, delivery: { delivered: 'all' } }, msg('+14155550100', T0 + 2 * H, { index: 1 })], isAgent);
    expect(facts.campaigns[0]?.status).toBe('delivered');
    expect(facts.outbound).toHaveLength(1);
    expect(facts.inbound).toEqual([T0 + 2 * H]);
    expect(facts.lastIndex).toBe(1);
  });
});
