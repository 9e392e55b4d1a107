import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../../../shared/ipc/contract';
import type { QueueChanges } from '../../../../shared/ipc/team-schema';
import type { Publish } from '../../../../electron/main/events';
import { createActiveTeam } from '../../../../electron/main/team/active-team';
import type { TeamService, TeamServiceDeps } from '../../../../electron/main/team/team-service';
import { inertTeam } from '../../../../electron/main/team/team-port';

const profile = (id: string): ProfileSummary => ({
  id,
  kind: id === 'local' ? 'local' : 'twilio',
  name: id,
  identity: `${id}-agent`,
  accountSid: null,
  apiKeySid: null,
  serviceSid: null,
  secretHint: null,
  active: true,
});

describe('active team', () => {
  it('serves the active profile, replaces its service on a switch and keeps versions counting up', async () => {
    let active = profile('local');
    const built: { deps: TeamServiceDeps; stopped: boolean; publish: Publish }[] = [];
    const published: QueueChanges[] = [];
    const team = createActiveTeam({
      activeProfile: async () => active,
      access: async (p) => ({ accountSid: p.id, apiKeySid: 'k', apiKeySecret: 's', serviceSid: 'IS' }),
      publish: ((channel: string, payload: unknown) => {
        if (channel === 'team:queueChanged') published.push(payload as QueueChanges);
      }) as Publish,
      create: (deps) => {
        const entry = { deps, stopped: false, publish: deps.publish };
        built.push(entry);
        let version = 0;
        return {
          ...inertTeam,
          rest: null as never,
          queue: async () => ({ rows: [], version, complete: true, refreshedAt: 1 }),
          start: () => {
            version = 2;
            deps.publish('team:queueChanged', { version: 1, upserts: [], removed: [], complete: false });
            deps.publish('team:queueChanged', { version: 2, upserts: [], removed: [], complete: true });
          },
          stop: () => {
            entry.stopped = true;
          },
        } satisfies TeamService;
      },
    });

    expect((await team.queue()).version).toBe(2);
    expect(built.map((b) => b.deps.access.accountSid)).toEqual(['local']);
    await team.sync();
    expect(built).toHaveLength(1);

    active = profile('p1');
    await team.sync();
    expect(built.map((b) => [b.deps.access.accountSid, b.stopped])).toEqual([
      ['local', true],
      ['p1', false],
    ]);
    expect(built[1]!.deps.identity).toBe('p1-agent');
    expect(published.map((c) => c.version)).toEqual([1, 2, 3, 4]);
    expect((await team.queue()).version).toBe(4);

    // A stopped service's late event never reaches the window.
    built[0]!.publish('team:queueChanged', { version: 3, upserts: [], removed: [], complete: true });
    expect(published).toHaveLength(4);
    team.close();
    expect(built[1]!.stopped).toBe(true);
  });
});

describe('active team, REST client only', () => {
  it('makes the service for its REST client without starting the queue, and starts it on the first queue read', async () => {
    const started: string[] = [];
    const team = createActiveTeam({
      activeProfile: async () => profile('local'),
      access: async (p) => ({ accountSid: p.id, apiKeySid: 'k', apiKeySecret: 's', serviceSid: 'IS' }),
      publish: (() => undefined) as Publish,
      create: (deps) => ({
        ...inertTeam,
        rest: 'rest-client' as never,
        queue: async () => ({ rows: [], version: 0, complete: true, refreshedAt: 1 }),
        start: () => started.push(deps.identity),
        stop: () => undefined,
      }),
    });
    expect((await team.client()).rest).toBe('rest-client');
    expect(started).toEqual([]);
    await team.queue();
    await team.queue();
    expect(started).toEqual(['local-agent']);
  });

  it('hands out a client with the profile it serves and that profile\'s identity, also across a switch made while it was being made', async () => {
    let active = profile('local');
    const gates: Array<() => void> = [];
    const team = createActiveTeam({
      activeProfile: async () => active,
      // The first profile's access is slow: the switch lands while its service is being made.
      access: async (p) => {
        if (p.id === 'local') await new Promise<void>((r) => gates.push(r));
        return { accountSid: p.id, apiKeySid: 'k', apiKeySecret: 's', serviceSid: 'IS' };
      },
      publish: (() => undefined) as Publish,
      create: (deps) => ({ ...inertTeam, rest: `rest-${deps.access.accountSid}` as never, identity: `${deps.identity}@service`, start: () => undefined, stop: () => undefined }),
    });
    const first = team.client();
    await new Promise((r) => setTimeout(r, 0));
    active = profile('p1');
    const second = team.client();
    gates.shift()!();
    expect(await first).toEqual({ rest: 'rest-local', identity: 'local-agent@service', profileId: 'local' });
    expect(await second).toEqual({ rest: 'rest-p1', identity: 'p1-agent@service', profileId: 'p1' });
    expect(await team.client()).toEqual({ rest: 'rest-p1', identity: 'p1-agent@service', profileId: 'p1' });
  });
});
