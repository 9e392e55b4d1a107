/** The team feed against the real emulator: two desks' team services, and the second agent's SDK client hearing the first agent's action live. */
import type { Message } from '@twilio/conversations';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../shared/ipc/contract';
import { TEAM_FEED_UNIQUE_NAME, feedEventOf, type QueueChanges } from '../../../shared/ipc/team-schema';
import { createTeamService, type TeamService } from '../../../electron/main/team/team-service';
import { harnessPerTest, waitForMatch } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

const h = harnessPerTest({ seed: 'none' });
const services: TeamService[] = [];
afterEach(() => {
  services.splice(0).forEach((s) => s.stop());
});

function desk(identity: string) {
  const { info } = h.emulator;
  const changes: QueueChanges[] = [];
  const team = createTeamService({
    access: { accountSid: info.accountSid, apiKeySid: info.apiKeySid, apiKeySecret: info.apiKeySecret, serviceSid: info.serviceSid, restBaseUrl: info.restBaseUrl },
    identity,
    publish: (channel: EventChannel, payload: unknown) => {
      if (channel === 'team:queueChanged') changes.push(payload as QueueChanges);
    },
    // No background refresh: whatever reaches the second desk came through the feed.
    queue: { setTimer: () => null, clearTimer: () => {} },
    feed: { setTimer: () => null, clearTimer: () => {} },
    actions: { settleMs: 50 },
  });
  services.push(team);
  return { team, changes };
}

describe('team feed on the real emulator', () => {
  it("A's assignment reaches B's SDK on the feed live, and B's main reads that conversation again", async () => {
    const svc = restClient(h.emulator.info).client.conversations.v1.services(h.emulator.info.serviceSid);
    const customer = await svc.conversations.create({ friendlyName: 'Order #2001' });
    const ana = desk('ana@desk.local');
    const ben = desk('ben@desk.local');
    // Both desks start together: one creates the feed, the other finds it; both join.
    ana.team.start();
    ben.team.start();
    await waitFor(async () => (await ben.team.queue()).complete && (await ana.team.queue()).complete);
    const feed = await svc.conversations(TEAM_FEED_UNIQUE_NAME).fetch();
    const members = (await svc.conversations(feed.sid).participants.list()).map((p) => p.identity).sort();
    expect(members).toEqual(['ana@desk.local', 'ben@desk.local']);
    // The feed is plumbing, never a queue row.
    expect((await ben.team.queue()).rows.map((r) => r.sid)).toEqual([customer.sid]);
    const matches = (await svc.conversations.list()).filter((c) => c.uniqueName === TEAM_FEED_UNIQUE_NAME);
    expect(matches).toHaveLength(1);
    // Finding no feed, losing the race to create it, being in it already: answers, not API failures.
    expect((await ana.team.health()).lastError).toBeNull();
    expect((await ben.team.health()).lastError).toBeNull();

    const benSdk = await h.client('ben@desk.local');
    // A desk's SDK has long had the feed open; a client this new hears its messages once it has read them.
    await (await benSdk.getConversationByUniqueName(TEAM_FEED_UNIQUE_NAME)).getMessages(1);
    const feedKind = (m: Message) => (m.conversation.uniqueName === TEAM_FEED_UNIQUE_NAME ? feedEventOf(m.attributes)?.kind : undefined);
    // The claim is heard before the race check ends; the settled assignment follows.
    const claimHeard = waitForMatch<Message>(benSdk as never, 'messageAdded', (m) => feedKind(m) === 'claimed', 10_000);
    const heard = waitForMatch<Message>(benSdk as never, 'messageAdded', (m) => feedKind(m) === 'assigned', 10_000);
    const result = await ana.team.assign({ conversationSid: customer.sid, assignee: 'ana@desk.local', expected: null });
    expect(result.outcome).toBe('assigned');
    expect(feedEventOf((await claimHeard).attributes)).toMatchObject({ kind: 'claimed', assignee: 'ana@desk.local' });
    const message = await heard;
    expect(message.author).toBe('ana@desk.local');
    const event = feedEventOf(message.attributes);
    expect(event).toEqual({ v: 1, conversationSid: customer.sid, kind: 'assigned', assignee: 'ana@desk.local', state: 'active' });

    // Ben's desk had the row unassigned; the touch its renderer sends brings the assignment.
    expect((await ben.team.queue()).rows.find((r) => r.sid === customer.sid)?.assignee).toBeNull();
    const before = ben.changes.length;
    await ben.team.touch(event!.conversationSid);
    await waitFor(() => ben.changes.slice(before).some((c) => c.upserts.some((r) => r.sid === customer.sid && r.assignee === 'ana@desk.local')));

    // What the feed said is shown at once; main's read has the last word.
    const beforeHeard = ben.changes.length;
    await ben.team.touch(customer.sid, { assignee: 'cai@desk.local', state: 'active' });
    expect(ben.changes.slice(beforeHeard).flatMap((c) => c.upserts).map((r) => r.assignee)).toEqual(['cai@desk.local']);
    await waitFor(() => ben.changes.slice(beforeHeard).flatMap((c) => c.upserts).at(-1)?.assignee === 'ana@desk.local');

    // Resolve is announced too.
    const resolved = waitForMatch<Message>(benSdk as never, 'messageAdded', (m) => feedEventOf(m.attributes)?.kind === 'resolved', 10_000);
    await ana.team.setState({ conversationSid: customer.sid, action: 'resolve' });
    expect(feedEventOf((await resolved).attributes)).toMatchObject({ conversationSid: customer.sid, state: 'closed' });
  });

  it('both claims are announced; only the winner posts the assignment', async () => {
    const svc = restClient(h.emulator.info).client.conversations.v1.services(h.emulator.info.serviceSid);
    const customer = await svc.conversations.create({ friendlyName: 'Order #2002' });
    const ana = desk('ana@desk.local');
    const ben = desk('ben@desk.local');
    ana.team.start();
    ben.team.start();
    await waitFor(async () => (await ben.team.queue()).complete && (await ana.team.queue()).complete);
    const feed = await svc.conversations(TEAM_FEED_UNIQUE_NAME).fetch();
    await waitFor(async () => (await svc.conversations(feed.sid).participants.list()).length === 2);
    const results = await Promise.all([
      ana.team.assign({ conversationSid: customer.sid, assignee: 'ana@desk.local', expected: null }),
      ben.team.assign({ conversationSid: customer.sid, assignee: 'ben@desk.local', expected: null }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['assigned', 'taken']);
    const winner = results.find((r) => r.outcome === 'assigned')!.assignee;
    const posts = async () => (await svc.conversations(feed.sid).messages.list()).map((m) => [m.author, feedEventOf(m.attributes)?.kind]);
    await waitFor(async () => (await posts()).some(([author, kind]) => author === winner && kind === 'assigned'));
    const posted = await posts();
    // The loser may have read the winner's claim before writing one (then it claims nothing).
    expect(posted.filter(([, kind]) => kind === 'claimed').map(([author]) => author)).toContain(winner);
    expect(posted.filter(([, kind]) => kind !== 'claimed')).toEqual([[winner, 'assigned']]);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
