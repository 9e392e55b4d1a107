import { describe, expect, it } from 'vitest';
import { TEAM_FEED_UNIQUE_NAME, feedEventOf, type FeedEvent } from '../../../../shared/ipc/team-schema';
import type { RestClient } from '../../../../electron/main/rest/rest-client';
import { createServerClock } from '../../../../electron/main/rest/server-clock';
import { createTeamFeed } from '../../../../electron/main/team/team-feed';
import { createTeamQueue } from '../../../../electron/main/team/team-queue';
import type { ConversationLike } from '../../../../electron/main/team/queue-rows';
import type { Publish } from '../../../../electron/main/events';
import type { QueueChanges } from '../../../../shared/ipc/team-schema';

const FEED_SID = `CH${'f'.repeat(32)}`;
const CH = `CH${'1'.repeat(32)}`;
const twilioError = (status: number, code: number) => Object.assign(new Error(`error ${code}`), { status, code });

interface FakeMessage {
  sid: string;
  author: string;
  body: string;
  attributes: string;
  dateCreated: Date;
}

/** A fake service with at most one feed conversation; records every REST call and its priority. */
function fakeRest(options: { feedExists?: boolean; createRace?: boolean; alreadyJoined?: string[] } = {}) {
  const calls: string[] = [];
  let priority = 'interactive';
  let feed: { sid: string; participants: Set<string>; messages: FakeMessage[] } | null = options.feedExists
    ? { sid: FEED_SID, participants: new Set(options.alreadyJoined ?? []), messages: [] }
    : null;
  let nextMessage = 1;
  const note = (what: string) => calls.push(`${priority}:${what}`);
  const page = (items: FakeMessage[], size: number, from: number): { instances: FakeMessage[]; nextPage(): Promise<unknown> } => ({
    instances: items.slice(from, from + size),
    nextPage: async () => (from + size < items.length ? page(items, size, from + size) : undefined),
  });
  const conversations = Object.assign(
    (sidOrName: string) => {
      const the = () => {
        if (!feed || (sidOrName !== feed.sid && sidOrName !== TEAM_FEED_UNIQUE_NAME)) throw twilioError(404, 20404);
        return feed;
      };
      return {
        fetch: async () => {
          note(`fetch ${sidOrName}`);
          return { sid: the().sid, uniqueName: TEAM_FEED_UNIQUE_NAME };
        },
        participants: {
          create: async ({ identity }: { identity: string }) => {
            note(`join ${identity}`);
            const f = the();
            if (f.participants.has(identity)) throw twilioError(409, 50433);
            f.participants.add(identity);
            return { sid: 'MB1', identity };
          },
        },
        messages: Object.assign(
          (messageSid: string) => ({
            remove: async () => {
              note(`remove ${messageSid}`);
              const f = the();
              const at = f.messages.findIndex((m) => m.sid === messageSid);
              if (at < 0) throw twilioError(404, 20404);
              f.messages.splice(at, 1);
              return true;
            },
          }),
          {
            create: async (m: { author: string; body: string; attributes: string }) => {
              note(`post ${m.body}`);
              const message = { ...m, sid: `IM${String(nextMessage++).padStart(32, '0')}`, dateCreated: new Date(clock.now()) };
              the().messages.push(message);
              return message;
            },
            page: async ({ pageSize, order }: { pageSize: number; order: string }) => {
              note('list messages');
              expect(order).toBe('asc');
              return page([...the().messages], pageSize, 0);
            },
          },
        ),
      };
    },
    {
      create: async ({ uniqueName }: { uniqueName: string }) => {
        note(`create ${uniqueName}`);
        if (options.createRace) {
          feed = { sid: FEED_SID, participants: new Set(), messages: [] };
          throw twilioError(409, 50353);
        }
        feed = { sid: FEED_SID, participants: new Set(), messages: [] };
        return { sid: FEED_SID };
      },
    },
  );
  let now = Date.parse('2026-11-28T10:00:00Z');
  const clock = Object.assign(createServerClock(() => now), { now: () => now });
  const rest = {
    twilio: { conversations: { v1: { services: () => ({ conversations }) } } },
    serviceSid: 'IS1',
    withPriority: async (p: string, task: () => Promise<unknown>) => {
      const was = priority;
      priority = p;
      try {
        return await task();
      } finally {
        priority = was;
      }
    },
    expecting: (_statuses: number[], task: () => Promise<unknown>) => task(),
    clock,
    noteError: () => {},
  } as unknown as RestClient;
  return {
    rest,
    calls,
    feed: () => feed,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const event: FeedEvent = { v: 1, conversationSid: CH, kind: 'assigned', assignee: 'ana@desk.local', state: 'active' };

describe('team feed', () => {
  it('creates the feed when missing, joins it, and posts an action as the agent with the event in its attributes', async () => {
    const fake = fakeRest();
    const feed = createTeamFeed({ rest: fake.rest, identity: 'ana@desk.local' });
    expect(await feed.ready()).toBe(FEED_SID);
    await feed.post(event);
    expect(fake.calls).toEqual([
      `background:fetch ${TEAM_FEED_UNIQUE_NAME}`,
      `background:create ${TEAM_FEED_UNIQUE_NAME}`,
      'background:join ana@desk.local',
      `interactive:post assigned ${CH}`,
    ]);
    const [message] = fake.feed()!.messages;
    expect(message).toMatchObject({ author: 'ana@desk.local', body: `assigned ${CH}` });
    expect(feedEventOf(message!.attributes)).toEqual(event);
    expect(new TextEncoder().encode(message!.attributes).length).toBeLessThan(4096);
  });

  it('uses the feed another desk created (already there, or created a moment before ours) and is already in', async () => {
    const existing = fakeRest({ feedExists: true, alreadyJoined: ['ana@desk.local'] });
    expect(await createTeamFeed({ rest: existing.rest, identity: 'ana@desk.local' }).ready()).toBe(FEED_SID);
    expect(existing.calls.some((c) => c.includes('create'))).toBe(false);

    const raced = fakeRest({ createRace: true });
    expect(await createTeamFeed({ rest: raced.rest, identity: 'ben@desk.local' }).ready()).toBe(FEED_SID);
    expect(raced.calls).toEqual([
      `background:fetch ${TEAM_FEED_UNIQUE_NAME}`,
      `background:create ${TEAM_FEED_UNIQUE_NAME}`,
      `background:fetch ${TEAM_FEED_UNIQUE_NAME}`,
      'background:join ben@desk.local',
    ]);
    expect(raced.feed()!.participants.has('ben@desk.local')).toBe(true);
  });

  it('never fails the action it reports: a feed that cannot be reached is logged and tried again next time', async () => {
    const fake = fakeRest();
    const lines: string[] = [];
    let failing = true;
    const rest = {
      ...fake.rest,
      withPriority: (p: string, task: () => Promise<unknown>) => (failing ? Promise.reject(twilioError(503, 20003)) : fake.rest.withPriority(p as never, task)),
    } as unknown as RestClient;
    const feed = createTeamFeed({ rest, identity: 'ana@desk.local', log: (l) => lines.push(l) });
    await expect(feed.post(event)).resolves.toBeUndefined();
    expect(lines.join('\n')).toMatch(/could not join/);
    failing = false;
    await feed.post(event);
    expect(fake.feed()!.messages).toHaveLength(1);
  });

  it('trims messages older than an hour at background priority, oldest first, and keeps the young ones', async () => {
    const fake = fakeRest();
    const feed = createTeamFeed({ rest: fake.rest, identity: 'ana@desk.local' });
    for (let i = 0; i < 150; i++) await feed.post({ ...event, kind: i % 2 ? 'resolved' : 'assigned' });
    fake.advance(50 * 60_000);
    await feed.post({ ...event, kind: 'snoozed' });
    fake.advance(11 * 60_000);
    fake.calls.length = 0;
    expect(await feed.trim()).toBe(150);
    expect(fake.feed()!.messages.map((m) => m.body)).toEqual([`snoozed ${CH}`]);
    expect(fake.calls.every((c) => c.startsWith('background:'))).toBe(true);
    // One list, paged on (100 a page) until the first young message.
    expect(fake.calls.filter((c) => c.endsWith('list messages'))).toHaveLength(1);
    expect(await feed.trim()).toBe(0);
  });

  it('trims when started and again on its timer, and stops both', async () => {
    const fake = fakeRest({ feedExists: true });
    const timers: Array<{ fn: () => void; ms: number }> = [];
    let cleared = 0;
    const feed = createTeamFeed({
      rest: fake.rest,
      identity: 'ana@desk.local',
      trimEveryMs: 600_000,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => {
        cleared++;
      },
    });
    await feed.post(event);
    fake.advance(2 * 60 * 60_000);
    feed.start();
    await expect.poll(() => fake.feed()!.messages.length).toBe(0);
    expect(timers.map((t) => t.ms)).toEqual([600_000]);
    feed.stop();
    expect(cleared).toBe(1);
    await feed.post(event);
    expect(fake.feed()!.messages).toHaveLength(0);
  });

  it('reads only desk feed events from attributes', () => {
    expect(feedEventOf({ deskFeed: event })).toEqual(event);
    expect(feedEventOf(JSON.stringify({ deskFeed: event }))).toEqual(event);
    expect(feedEventOf({ deskFeed: { ...event, kind: 'exploded' } })).toBeNull();
    expect(feedEventOf('not json')).toBeNull();
    expect(feedEventOf(null)).toBeNull();
  });
});

describe('team queue and the feed', () => {
  const conv = (sid: string, extra: Partial<ConversationLike> = {}): ConversationLike => ({
    sid,
    friendlyName: 'Order #1',
    uniqueName: null,
    attributes: '{}',
    state: 'active',
    dateCreated: new Date(1_700_000_000_000),
    dateUpdated: new Date(1_700_000_000_000),
    ...extra,
  });

  function queueOn(all: ConversationLike[]) {
    const fetches: string[] = [];
    let release: () => void = () => {};
    let gate: Promise<void> | null = null;
    let priority = 'interactive';
    const conversations = Object.assign(
      (sid: string) => ({
        fetch: async () => {
          fetches.push(`${priority}:${sid}`);
          if (gate) await gate;
          const found = all.find((c) => c.sid === sid);
          if (!found) throw Object.assign(new Error('not found'), { status: 404, code: 20404 });
          return found;
        },
        participants: { list: async () => [] },
      }),
      { page: async () => ({ instances: all, nextPage: async () => undefined }) },
    );
    const rest = {
      twilio: { conversations: { v1: { services: () => ({ conversations }) } } },
      serviceSid: 'IS1',
      withPriority: async (p: string, task: () => Promise<unknown>) => {
        priority = p;
        return task();
      },
      clock: createServerClock(),
      noteError: () => {},
    } as unknown as RestClient;
    const changes: QueueChanges[] = [];
    const queue = createTeamQueue({
      rest,
      publish: ((channel: string, payload: unknown) => channel === 'team:queueChanged' && changes.push(payload as QueueChanges)) as Publish,
      isAgent: () => true,
      wake: async () => {},
      setTimer: () => null,
      clearTimer: () => {},
    });
    return {
      queue,
      changes,
      fetches,
      hold: () => {
        gate = new Promise((r) => (release = r));
      },
      release: () => {
        gate = null;
        release();
      },
    };
  }

  it('never lists the feed conversation as a queue row', async () => {
    const { queue } = queueOn([conv(CH), conv(FEED_SID, { uniqueName: TEAM_FEED_UNIQUE_NAME })]);
    await queue.refresh();
    expect(queue.snapshot().rows.map((r) => r.sid)).toEqual([CH]);
    await queue.touch(FEED_SID);
    expect(queue.snapshot().rows.map((r) => r.sid)).toEqual([CH]);
  });

  it('a touch reads the one conversation at interactive priority and publishes what changed', async () => {
    const all = [conv(CH)];
    const q = queueOn(all);
    await q.queue.refresh();
    const before = q.changes.length;
    all[0] = conv(CH, { attributes: JSON.stringify({ desk: { assignee: 'ana@desk.local' } }), dateUpdated: new Date(1_700_000_001_000) });
    await q.queue.touch(CH);
    expect(q.fetches).toEqual([`interactive:${CH}`]);
    expect(q.changes.slice(before).flatMap((c) => c.upserts)).toEqual([expect.objectContaining({ sid: CH, assignee: 'ana@desk.local' })]);
    // Read again with nothing new: nothing published.
    await q.queue.touch(CH);
    expect(q.changes.length).toBe(before + 1);
  });

  it('touches during a read coalesce into one more read, and a deleted conversation leaves the queue', async () => {
    const all = [conv(CH)];
    const q = queueOn(all);
    await q.queue.refresh();
    q.hold();
    const first = q.queue.touch(CH);
    void q.queue.touch(CH);
    void q.queue.touch(CH);
    q.release();
    await first;
    expect(q.fetches).toHaveLength(2);
    all.length = 0;
    await q.queue.touch(CH);
    expect(q.queue.snapshot().rows).toEqual([]);
    expect(q.changes.at(-1)?.removed).toEqual([CH]);
  });
});
