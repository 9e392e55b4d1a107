/** Main's team service (REST client, queue, assign / resolve / snooze / reopen) against the real emulator. */
import { describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../shared/ipc/contract';
import type { QueueChanges } from '../../../shared/ipc/team-schema';
import { createTeamService, type TeamService } from '../../../electron/main/team/team-service';
import { harnessPerTest } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

const h = harnessPerTest({ seed: 'none' });

interface Desk {
  team: TeamService;
  changes: QueueChanges[];
}

const services: TeamService[] = [];

function desk(identity: string): Desk {
  const { info } = h.emulator;
  const changes: QueueChanges[] = [];
  const team = createTeamService({
    access: { accountSid: info.accountSid, apiKeySid: info.apiKeySid, apiKeySecret: info.apiKeySecret, serviceSid: info.serviceSid, restBaseUrl: info.restBaseUrl },
    identity,
    publish: (channel: EventChannel, payload: unknown) => {
      if (channel === 'team:queueChanged') changes.push(payload as QueueChanges);
    },
    queue: { setTimer: () => null, clearTimer: () => {} },
    actions: { settleMs: 50 },
  });
  services.push(team);
  return { team, changes };
}

async function seedConversations(count: number) {
  const { client } = restClient(h.emulator.info);
  const svc = client.conversations.v1.services(h.emulator.info.serviceSid);
  const sids: string[] = [];
  for (let i = 0; i < count; i++) {
    const c = await svc.conversations.create({ friendlyName: `Order #${2000 + i}`, attributes: JSON.stringify({ other: i }) });
    sids.push(c.sid);
  }
  return { svc, sids };
}

describe('team service on the real emulator', () => {
  it('reads the whole service over several pages and publishes only what changed', async () => {
    const { svc, sids } = await seedConversations(7);
    await svc.conversations(sids[0]!).participants.create({ 'messagingBinding.address': '+14155550100', 'messagingBinding.proxyAddress': '+15005550006' });
    const { info } = h.emulator;
    const changes: QueueChanges[] = [];
    const team = createTeamService({
      access: { ...info },
      identity: 'agent@desk.local',
      publish: (channel: EventChannel, payload: unknown) => {
        if (channel === 'team:queueChanged') changes.push(payload as QueueChanges);
      },
      queue: { pageSize: 3, setTimer: () => null, clearTimer: () => {} },
    });
    await team.refresh();
    await waitFor(() => changes.some((c) => c.complete));
    const firstRead = await team.queue();
    expect(firstRead.complete).toBe(true);
    expect(firstRead.rows.map((r) => r.sid).sort()).toEqual([...sids].sort());
    // Three pages of rows, then the "complete" mark, then the participants learned in the background.
    expect(changes.slice(0, 3).map((c) => c.upserts.length)).toEqual([3, 3, 1]);
    await waitFor(() => changes.some((c) => c.upserts.some((r) => r.channel === 'sms')));
    const sms = (await team.queue()).rows.find((r) => r.sid === sids[0]);
    expect(sms).toMatchObject({ channel: 'sms', customer: '+14155550100' });

    const before = changes.length;
    await svc.conversations(sids[3]!).update({ friendlyName: 'Renamed' });
    await team.refresh();
    await waitFor(() => changes.slice(before).some((c) => c.upserts.length > 0));
    const update = changes.slice(before).flatMap((c) => c.upserts);
    expect(update.map((r) => r.sid)).toEqual([sids[3]]);
    expect(update[0]?.friendlyName).toBe('Renamed');
    const health = await team.health();
    expect(health.requestsPerMinute).toBeGreaterThan(3);
    expect(health.medianDurationMs).not.toBeNull();
    expect(health.concurrentRequests).not.toBeNull();
    team.stop();
  });

  it('assigns, keeps other attribute keys, adds the agent and removes them on transfer', async () => {
    const { svc, sids } = await seedConversations(1);
    const sid = sids[0]!;
    const { team, changes } = desk('agent@desk.local');
    const result = await team.assign({ conversationSid: sid, assignee: 'agent@desk.local', expected: null });
    expect(result.outcome).toBe('assigned');
    expect(changes.at(-1)?.upserts[0]).toMatchObject({ sid, assignee: 'agent@desk.local' });
    const attrs = JSON.parse((await svc.conversations(sid).fetch()).attributes) as { other: number; desk: { assignee: string } };
    expect(attrs.other).toBe(0);
    expect(attrs.desk.assignee).toBe('agent@desk.local');
    expect((await svc.conversations(sid).participants.list()).map((p) => p.identity)).toEqual(['agent@desk.local']);

    const stale = await team.assign({ conversationSid: sid, assignee: 'lee@desk.local', expected: null });
    expect(stale).toMatchObject({ outcome: 'taken', assignee: 'agent@desk.local' });

    const transfer = await team.assign({ conversationSid: sid, assignee: 'lee@desk.local', expected: 'agent@desk.local' });
    expect(transfer.outcome).toBe('assigned');
    expect((await svc.conversations(sid).participants.list()).map((p) => p.identity)).toEqual(['lee@desk.local']);

    const unassign = await team.assign({ conversationSid: sid, assignee: null });
    expect(unassign).toMatchObject({ outcome: 'unassigned', assignee: null });
    expect(await svc.conversations(sid).participants.list()).toEqual([]);
  });

  it('two desks racing for one conversation: one gets it, the other is told who, nobody half-assigned', async () => {
    const { svc, sids } = await seedConversations(1);
    const sid = sids[0]!;
    const a = desk('agent@desk.local');
    const b = desk('lee@desk.local');
    const [ra, rb] = await Promise.all([
      a.team.assign({ conversationSid: sid, assignee: 'agent@desk.local', expected: null }),
      b.team.assign({ conversationSid: sid, assignee: 'lee@desk.local', expected: null }),
    ]);
    const outcomes = [ra.outcome, rb.outcome].sort();
    expect(outcomes).toEqual(['assigned', 'taken']);
    const winner = ra.outcome === 'assigned' ? 'agent@desk.local' : 'lee@desk.local';
    expect((ra.outcome === 'taken' ? ra : rb).assignee).toBe(winner);
    const attrs = JSON.parse((await svc.conversations(sid).fetch()).attributes) as { desk: { assignee: string } };
    expect(attrs.desk.assignee).toBe(winner);
    expect((await svc.conversations(sid).participants.list()).map((p) => p.identity)).toEqual([winner]);
  });

  it('three desks racing on each of five conversations: always exactly one owner, and only them in the roster', async () => {
    const { svc, sids } = await seedConversations(5);
    const agents = ['agent@desk.local', 'lee@desk.local', 'ana@desk.local'];
    const desks = agents.map((a) => desk(a));
    for (const sid of sids) {
      const results = await Promise.all(desks.map((d, i) => d.team.assign({ conversationSid: sid, assignee: agents[i]!, expected: null })));
      const winners = results.filter((r) => r.outcome === 'assigned');
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.assignee;
      expect(results.filter((r) => r.outcome === 'taken').every((r) => r.assignee === winner)).toBe(true);
      const attrs = JSON.parse((await svc.conversations(sid).fetch()).attributes) as { desk: { assignee: string } };
      expect(attrs.desk.assignee).toBe(winner);
      expect((await svc.conversations(sid).participants.list()).map((p) => p.identity)).toEqual([winner]);
    }
  });

  it('resolves, snoozes and reopens with Twilio states and the wake-up time in attributes', async () => {
    const { svc, sids } = await seedConversations(2);
    const { team } = desk('agent@desk.local');
    const until = Date.now() + 3_600_000;
    const snoozed = await team.setState({ conversationSid: sids[0]!, action: 'snooze', until });
    expect(snoozed.state).toBe('inactive');
    expect(Math.abs((snoozed.snoozedUntil ?? 0) - until)).toBeLessThan(5_000);
    const reopened = await team.setState({ conversationSid: sids[0]!, action: 'reopen' });
    expect(reopened).toMatchObject({ state: 'active', snoozedUntil: null });
    const attrs = JSON.parse((await svc.conversations(sids[0]!).fetch()).attributes) as { other: number; desk: object };
    expect(attrs).toEqual({ other: 0, desk: {} });

    const resolved = await team.setState({ conversationSid: sids[1]!, action: 'resolve' });
    expect(resolved.state).toBe('closed');
    expect((await svc.conversations(sids[1]!).fetch()).state).toBe('closed');
    await expect(team.setState({ conversationSid: sids[1]!, action: 'reopen' })).rejects.toMatchObject({ code: 'twilio' });
  });

  it('wakes a snoozed conversation whose time has passed on the next refresh', async () => {
    const { svc, sids } = await seedConversations(1);
    const { team } = desk('agent@desk.local');
    await svc.conversations(sids[0]!).update({ state: 'inactive', attributes: JSON.stringify({ desk: { snoozedUntil: new Date(Date.now() - 60_000).toISOString() } }) });
    await team.refresh();
    await waitFor(async () => (await svc.conversations(sids[0]!).fetch()).state === 'active');
    const row = (await team.queue()).rows[0];
    expect(row).toMatchObject({ state: 'active', snoozedUntil: null });
  });

  it('between full reads lists only open conversations, and still notices resolved, deleted and new ones', async () => {
    const { svc, sids } = await seedConversations(4);
    const { info } = h.emulator;
    const changes: QueueChanges[] = [];
    const team = createTeamService({
      access: { ...info },
      identity: 'agent@desk.local',
      publish: (channel: EventChannel, payload: unknown) => {
        if (channel === 'team:queueChanged') changes.push(payload as QueueChanges);
      },
      queue: { fullReadEvery: 100, participantBudget: 0, setTimer: () => null, clearTimer: () => {} },
    });
    await team.refresh();
    await waitFor(async () => (await team.queue()).complete);
    await svc.conversations(sids[0]!).update({ state: 'closed' });
    await svc.conversations(sids[1]!).remove();
    const created = await svc.conversations.create({ friendlyName: 'New' });
    const before = changes.length;
    await team.refresh();
    await waitFor(() => changes.slice(before).some((c) => c.removed.length > 0));
    const snapshot = await team.queue();
    const bySid = new Map(snapshot.rows.map((r) => [r.sid, r]));
    expect(bySid.get(sids[0]!)?.state).toBe('closed');
    expect(bySid.has(sids[1]!)).toBe(false);
    expect(bySid.get(created.sid)?.friendlyName).toBe('New');
    expect(snapshot.rows).toHaveLength(4);
    // Versions follow each other: a renderer can apply the deltas in order.
    const versions = changes.map((c) => c.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    team.stop();
  });

  it('clears the wake-up time of a snoozed conversation that became active (the customer wrote)', async () => {
    const { svc, sids } = await seedConversations(1);
    const { team } = desk('agent@desk.local');
    await svc.conversations(sids[0]!).update({ state: 'active', attributes: JSON.stringify({ keep: 1, desk: { snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() } }) });
    await team.refresh();
    await waitFor(async () => JSON.parse((await svc.conversations(sids[0]!).fetch()).attributes).desk.snoozedUntil === undefined);
    expect(JSON.parse((await svc.conversations(sids[0]!).fetch()).attributes)).toEqual({ keep: 1, desk: {} });
  });

  it('reads a conversation it is not in, newest page first', async () => {
    const { svc, sids } = await seedConversations(1);
    for (let i = 0; i < 3; i++) await svc.conversations(sids[0]!).messages.create({ author: 'customer', body: `m${i}` });
    const { team } = desk('agent@desk.local');
    const page = await team.messages({ conversationSid: sids[0]! });
    expect(page.messages.map((m) => m.body)).toEqual(['m0', 'm1', 'm2']);
    expect(page.olderPageToken).toBeNull();
  });

  it('lists the service agents', async () => {
    const { client } = restClient(h.emulator.info);
    const svc = client.conversations.v1.services(h.emulator.info.serviceSid);
    await svc.users.create({ identity: 'lee@desk.local', attributes: JSON.stringify({ role: 'agent' }) });
    await svc.users.create({ identity: 'ana@desk.local', attributes: JSON.stringify({ role: 'agent' }) });
    await svc.users.create({ identity: 'customer-7' });
    const { team } = desk('agent@desk.local');
    expect(await team.agents()).toEqual({ identities: ['ana@desk.local', 'lee@desk.local'] });
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
