/** Assignments while Twilio answers 429: the governed client backs off and every action lands. */
import { describe, expect, it } from 'vitest';
import { createTeamService } from '../../../electron/main/team/team-service';
import { harnessPerTest } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

const h = harnessPerTest({ seed: 'none', maxConcurrentRequests: 2, restLatencyMs: 30 });

describe('team actions under 429s', () => {
  it('assigns ten conversations at once past a two-request limit, halving its concurrency', async () => {
    const { client } = restClient(h.emulator.info, { autoRetry: true, maxRetries: 10 });
    const svc = client.conversations.v1.services(h.emulator.info.serviceSid);
    const sids: string[] = [];
    for (let i = 0; i < 10; i++) sids.push((await svc.conversations.create({ friendlyName: `Order #${i}` })).sid);

    const team = createTeamService({
      access: { ...h.emulator.info },
      identity: 'agent@desk.local',
      publish: () => {},
      rest: { governor: { initial: 8 }, backoff: { baseMs: 20, capMs: 200 } },
      queue: { setTimer: () => null, clearTimer: () => {} },
      actions: { settleMs: 10 },
    });
    const results = await Promise.all(sids.map((conversationSid) => team.assign({ conversationSid, assignee: 'agent@desk.local', expected: null })));
    expect(results.map((r) => r.outcome)).toEqual(sids.map(() => 'assigned'));
    for (const sid of sids) {
      const attrs = JSON.parse((await svc.conversations(sid).fetch()).attributes) as { desk: { assignee: string } };
      expect(attrs.desk.assignee).toBe('agent@desk.local');
    }
    const health = await team.health();
    expect(health.throttledLastHour).toBeGreaterThan(0);
    expect(health.concurrencyLimit).toBeLessThan(8);
    // Recovered: nothing failed as far as the agent can tell.
    expect(health.lastError).toBeNull();
  });
});
