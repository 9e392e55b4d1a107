import { describe, expect, it } from 'vitest';
import type { QueueChanges } from '../../../../shared/ipc/team-schema';
import type { Publish } from '../../../../electron/main/events';
import type { RestClient } from '../../../../electron/main/rest/rest-client';
import { createServerClock } from '../../../../electron/main/rest/server-clock';
import { parseAttributes, withDesk } from '../../../../electron/main/team/desk-attributes';
import { audienceOf, toQueueRow, type ConversationLike } from '../../../../electron/main/team/queue-rows';
import { createTeamQueue } from '../../../../electron/main/team/team-queue';

const sidOf = (n: number) => `CH${n.toString(16).padStart(32, '0')}`;
const conv = (n: number, extra: Partial<ConversationLike> = {}): ConversationLike => ({
  sid: sidOf(n),
  friendlyName: `Order #${n}`,
  uniqueName: null,
  attributes: '{}',
  state: 'active',
  dateCreated: new Date(1_700_000_000_000 + n),
  dateUpdated: new Date(1_700_000_000_000 + n),
  ...extra,
});

/** A fake REST client serving a list of conversations in pages, counting page reads. */
function fakeRest(all: ConversationLike[]) {
  const reads: string[] = [];
  const page = (items: ConversationLike[], size: number, from: number): { instances: ConversationLike[]; nextPage(): Promise<unknown> } => ({
    instances: items.slice(from, from + size),
    nextPage: async () => (from + size < items.length ? page(items, size, from + size) : undefined),
  });
  const conversations = Object.assign((sid: string) => ({
    fetch: async () => {
      const found = all.find((c) => c.sid === sid);
      if (!found) throw Object.assign(new Error('not found'), { status: 404, code: 20404 });
      return found;
    },
    participants: { list: async () => [{ sid: 'MB1', identity: null, messagingBinding: { type: 'sms', address: '+14155550100' } }] },
  }), {
    page: async ({ pageSize, state }: { pageSize: number; state?: string }) => {
      reads.push(state ?? 'all');
      return page(state ? all.filter((c) => c.state === state) : all, pageSize, 0);
    },
  });
  const rest = {
    twilio: { conversations: { v1: { services: () => ({ conversations }) } } },
    serviceSid: 'IS1',
    withPriority: (_p: string, task: () => Promise<unknown>) => task(),
    clock: createServerClock(),
    noteError: () => {},
  } as unknown as RestClient;
  return { rest, reads };
}

describe('desk attributes', () => {
  it('changes only the desk key and keeps the rest as found', () => {
    const parsed = parseAttributes(JSON.stringify({ crm: { id: 7 }, desk: { assignee: 'ana', previous: [sidOf(1)], claim: 'x' } }));
    expect(parsed.desk).toEqual({ assignee: 'ana', previous: [sidOf(1)], claim: 'x' });
    expect(JSON.parse(withDesk(parsed, { assignee: null, snoozedUntil: '2026-11-28T10:00:00.000Z', claim: undefined }))).toEqual({
      crm: { id: 7 },
      desk: { previous: [sidOf(1)], claim: 'x', snoozedUntil: '2026-11-28T10:00:00.000Z' },
    });
    expect(parseAttributes('not json').desk).toEqual({});
  });

  it('reads a row and its audience', () => {
    const row = toQueueRow(conv(1, { state: 'inactive', attributes: JSON.stringify({ desk: { assignee: 'ana', snoozedUntil: '2026-11-28T10:00:00.000Z' } }) }));
    expect(row).toMatchObject({ state: 'inactive', assignee: 'ana', snoozedUntil: Date.parse('2026-11-28T10:00:00.000Z'), channel: 'unknown' });
    const isAgent = (id: string) => id.endsWith('@desk.local');
    expect(audienceOf([{ sid: 'MB1', identity: 'ana@desk.local' }, { sid: 'MB2', identity: null, messagingBinding: { address: 'whatsapp:+14155550100' } }], isAgent)).toEqual({ channel: 'whatsapp', customer: 'whatsapp:+14155550100' });
    expect(audienceOf([{ sid: 'MB1', identity: 'ana@desk.local' }, { sid: 'MB2', identity: 'guest-7' }], isAgent)).toEqual({ channel: 'chat', customer: 'guest-7' });
  });
});

describe('team queue', () => {
  it('reads 100,000 conversations in pages of 1,000 as deltas, then republishes only what changed', async () => {
    const all = Array.from({ length: 100_000 }, (_, i) => conv(i));
    const { rest, reads } = fakeRest(all);
    const changes: QueueChanges[] = [];
    const queue = createTeamQueue({
      rest,
      publish: ((channel: string, payload: unknown) => channel === 'team:queueChanged' && changes.push(payload as QueueChanges)) as Publish,
      isAgent: () => false,
      wake: async () => {},
      participantBudget: 0,
      fullReadEvery: 1_000,
      setTimer: () => null,
      clearTimer: () => {},
    });
    await queue.refresh();
    expect(changes).toHaveLength(101);
    expect(changes.slice(0, 100).every((c) => c.upserts.length === 1_000 && !c.complete)).toBe(true);
    expect(changes[100]).toMatchObject({ upserts: [], removed: [], complete: true, version: 101 });
    expect(queue.snapshot().rows).toHaveLength(100_000);

    all[42_000] = conv(42_000, { attributes: JSON.stringify({ desk: { assignee: 'ana' } }), dateUpdated: new Date(1_800_000_000_000) });
    all[99_999] = conv(99_999, { state: 'closed' });
    await queue.refresh();
    const latest = changes.slice(101);
    expect(latest.flatMap((c) => c.upserts.map((r) => [r.sid, r.assignee, r.state]))).toEqual([
      [sidOf(42_000), 'ana', 'active'],
      [sidOf(99_999), null, 'closed'],
    ]);
    // The second read listed open conversations only (plus the one that left them, fetched alone).
    expect(reads).toEqual(['all', 'active', 'inactive']);
    expect(latest.map((c) => c.version)).toEqual(latest.map((_, i) => 102 + i));
  });

  it("keeps an action's row over an older page of a read that was already running", async () => {
    const all = [conv(1), conv(2)];
    const { rest } = fakeRest(all);
    const changes: QueueChanges[] = [];
    const queue = createTeamQueue({
      rest,
      publish: ((channel: string, payload: unknown) => channel === 'team:queueChanged' && changes.push(payload as QueueChanges)) as Publish,
      isAgent: () => false,
      wake: async () => {},
      participantBudget: 5,
      setTimer: () => null,
      clearTimer: () => {},
      now: () => 1_000,
    });
    await queue.refresh();
    const mine = { ...queue.get(sidOf(1))!, assignee: 'agent@desk.local' };
    queue.put(mine);
    expect(changes.at(-1)?.upserts).toEqual([mine]);
    await queue.refresh();
    expect(queue.get(sidOf(1))?.assignee).toBe('agent@desk.local');
    // Participants were read in the background and remembered.
    expect(queue.get(sidOf(2))).toMatchObject({ channel: 'sms', customer: '+14155550100' });
  });

  it("links a customer's conversations to each other, newest first, and reads a new one's customer in the same refresh", async () => {
    const all = [conv(1, { state: 'closed' }), conv(2, { state: 'closed' })];
    const { rest } = fakeRest(all);
    const changes: QueueChanges[] = [];
    const queue = createTeamQueue({
      rest,
      publish: ((channel: string, payload: unknown) => channel === 'team:queueChanged' && changes.push(payload as QueueChanges)) as Publish,
      isAgent: () => false,
      wake: async () => {},
      participantBudget: 5,
      setTimer: () => null,
      clearTimer: () => {},
    });
    await queue.refresh();
    expect(queue.get(sidOf(1))?.previous).toEqual([sidOf(2)]);
    expect(queue.get(sidOf(2))?.previous).toEqual([sidOf(1)]);

    // The customer writes again: a new conversation (closed is final), read with its links at once.
    all.push(conv(3));
    const before = changes.length;
    await queue.refresh();
    expect(queue.get(sidOf(3))).toMatchObject({ channel: 'sms', customer: '+14155550100', previous: [sidOf(2), sidOf(1)] });
    expect(queue.get(sidOf(1))?.previous).toEqual([sidOf(3), sidOf(2)]);
    const published = changes.slice(before).flatMap((c) => c.upserts);
    expect(published.filter((r) => r.sid === sidOf(3)).at(-1)?.previous).toEqual([sidOf(2), sidOf(1)]);

    // Nothing changed: nothing is published again.
    const settled = changes.length;
    await queue.refresh();
    expect(changes.slice(settled).flatMap((c) => c.upserts)).toEqual([]);
  });

  it('checks a snooze when it is due, by the server clock, without waiting for the next refresh', async () => {
    const until = Date.now() + 5_000;
    const all = [conv(1, { state: 'inactive', attributes: JSON.stringify({ desk: { snoozedUntil: new Date(until).toISOString() } }) })];
    const { rest } = fakeRest(all);
    const timers: { fn: () => void; ms: number }[] = [];
    const woken: string[] = [];
    const queue = createTeamQueue({
      rest,
      publish: (() => {}) as Publish,
      isAgent: () => false,
      wake: async (sid) => {
        woken.push(sid);
      },
      participantBudget: 0,
      intervalMs: 20_000,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => {},
    });
    queue.start();
    await queue.refresh();
    const wakeTimer = timers.find((t) => t.ms < 20_000);
    expect(wakeTimer?.ms).toBeGreaterThan(3_000);
    expect(wakeTimer?.ms).toBeLessThanOrEqual(5_000);
    expect(woken).toEqual([]);
    // Time passes (the server's clock with it) and the timer fires.
    rest.clock.observe(new Date(until + 2_000).toUTCString(), Date.now(), Date.now());
    wakeTimer?.fn();
    await expect.poll(() => woken).toEqual([sidOf(1)]);
    queue.stop();
  });
});
