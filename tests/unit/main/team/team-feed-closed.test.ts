import { describe, expect, it } from 'vitest';
import { isTeamFeedUniqueName, type FeedEvent } from '../../../../shared/ipc/team-schema';
import type { RestClient } from '../../../../electron/main/rest/rest-client';
import { createTeamFeed } from '../../../../electron/main/team/team-feed';

const twilioError = (status: number, code: number) => Object.assign(new Error(`error ${code}`), { status, code });

/** Conversations by unique name and SID; a closed one refuses new messages with 50377 as Twilio does. */
function fakeRest(existing: { uniqueName: string; state: 'active' | 'closed' }[]) {
  const byName = new Map<string, { sid: string; uniqueName: string; state: string }>();
  let next = 1;
  const add = (uniqueName: string, state: string) => {
    const c = { sid: `CH${String(next++).padStart(32, '0')}`, uniqueName, state };
    byName.set(uniqueName, c);
    return c;
  };
  for (const c of existing) add(c.uniqueName, c.state);
  const lookup = (sidOrName: string) => byName.get(sidOrName) ?? [...byName.values()].find((c) => c.sid === sidOrName);
  const posted: string[] = [];
  const conversations = Object.assign(
    (sidOrName: string) => ({
      fetch: async () => {
        const c = lookup(sidOrName);
        if (!c) throw twilioError(404, 20404);
        return c;
      },
      participants: { create: async ({ identity }: { identity: string }) => ({ sid: 'MB1', identity }) },
      messages: {
        create: async () => {
          const c = lookup(sidOrName)!;
          if (c.state === 'closed') throw twilioError(400, 50377);
          posted.push(c.uniqueName);
          return { sid: 'IM1' };
        },
      },
    }),
    {
      create: async ({ uniqueName }: { uniqueName: string }) => {
        if (byName.has(uniqueName)) throw twilioError(409, 50353);
        return add(uniqueName, 'active');
      },
    },
  );
  const rest = {
    serviceSid: 'IS1',
    twilio: { conversations: { v1: { services: () => ({ conversations }) } } },
    withPriority: <T>(_p: string, task: () => Promise<T>) => task(),
    expecting: <T>(_s: readonly number[], task: () => Promise<T>) => task(),
  } as unknown as RestClient;
  return { rest, byName, posted };
}

const event: FeedEvent = { v: 1, conversationSid: `CH${'1'.repeat(32)}`, kind: 'assigned', assignee: 'alice', state: 'active' };

describe('team feed that was closed', () => {
  it('skips closed feeds and makes the next one, desk-team-feed-2, which it posts to', async () => {
    const t = fakeRest([{ uniqueName: 'desk-team-feed', state: 'closed' }]);
    const feed = createTeamFeed({ rest: t.rest, identity: 'alice' });
    const sid = await feed.ready();
    expect(sid).toBe(t.byName.get('desk-team-feed-2')!.sid);
    await feed.post(event);
    expect(t.posted).toEqual(['desk-team-feed-2']);
  });

  it('uses the first feed that is still open', async () => {
    const t = fakeRest([
      { uniqueName: 'desk-team-feed', state: 'closed' },
      { uniqueName: 'desk-team-feed-2', state: 'closed' },
      { uniqueName: 'desk-team-feed-3', state: 'active' },
    ]);
    const feed = createTeamFeed({ rest: t.rest, identity: 'alice' });
    expect(await feed.ready()).toBe(t.byName.get('desk-team-feed-3')!.sid);
    expect(t.byName.size).toBe(3);
  });

  it('moves to a new feed after the one it joined is closed under it (50377)', async () => {
    const t = fakeRest([]);
    const feed = createTeamFeed({ rest: t.rest, identity: 'alice', log: () => {} });
    await feed.post(event);
    t.byName.get('desk-team-feed')!.state = 'closed';
    await feed.post(event);
    await feed.post(event);
    expect(t.posted).toEqual(['desk-team-feed', 'desk-team-feed-2']);
  });

  it('recognises every feed generation by its name, and nothing else', () => {
    expect(['desk-team-feed', 'desk-team-feed-2', 'desk-team-feed-17'].every(isTeamFeedUniqueName)).toBe(true);
    expect(['desk-team-feedback', 'desk-team-feed-', 'my-desk-team-feed', null, undefined].some(isTeamFeedUniqueName)).toBe(false);
  });
});
