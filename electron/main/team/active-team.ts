import type { ProfileSummary } from '../../../shared/ipc/contract';
import type { Translate } from '../desktop/locale';
import type { Publish } from '../events';
import type { RestAccess, RestClient } from '../rest/rest-client';
import type { TeamPort } from './team-port';
import { createTeamService, type TeamService, type TeamServiceDeps } from './team-service';

export interface ActiveTeamDeps {
  /** The active profile (id and the fields that decide which account and service it reaches). */
  activeProfile(): Promise<ProfileSummary>;
  /** REST access for a profile: the emulator's for the Local workspace, the stored key for Twilio. */
  access(profile: ProfileSummary): Promise<RestAccess>;
  publish: Publish;
  create?: (deps: TeamServiceDeps) => TeamService;
  t?: Translate;
  log?: (line: string) => void;
}

export interface ActiveTeam extends TeamPort {
  /** Follows the active profile now (called on session:changed); a no-op when it did not change. */
  sync(): Promise<void>;
  /**
   * The active profile's governed REST client, for other REST-backed features (customer profiles):
   * one budget per account. With the profile it serves and that profile's identity, read together:
   * a caller that asked for one profile can tell when a switch handed it another's.
   */
  client(): Promise<TeamClient>;
  close(): void;
}

export interface TeamClient {
  rest: RestClient;
  identity: string;
  profileId: string;
}

/** The service for one profile, and its client as `client()` hands it out. */
interface Served {
  key: string;
  service: TeamService;
  started: boolean;
  client: TeamClient;
}

const fingerprint = (p: ProfileSummary) => [p.id, p.kind, p.identity, p.accountSid, p.apiKeySid, p.serviceSid, p.secretHint].join('|');

/**
 * The team service of the active profile: switching profiles (or editing the active one's key)
 * stops the old service and starts a new one. Versions of `team:queueChanged` keep counting up
 * across switches, and a stopped service's late events never reach the window.
 */
export function createActiveTeam(deps: ActiveTeamDeps): ActiveTeam {
  const create = deps.create ?? createTeamService;
  const log = deps.log ?? (() => {});
  /** `started`: reading the queue (a window asked for it); a service made only for its REST client reads nothing yet. */
  let current: Served | null = null;
  let switching: Promise<Served> | null = null;
  let lastVersion = 0;
  let closed = false;

  const ensure = async (start = true): Promise<Served> => {
    const profile = await deps.activeProfile();
    const key = fingerprint(profile);
    if (current?.key === key) {
      if (start && !current.started && !closed) {
        current.started = true;
        current.service.start();
      }
      return current;
    }
    if (switching) {
      await switching.catch(() => undefined);
      return ensure(start);
    }
    const pending = (async () => {
      const access = await deps.access(profile);
      if (current) current.service.stop();
      current = null;
      let live = true;
      const base = lastVersion;
      const publish: Publish = (channel, payload) => {
        if (!live || closed) return;
        if (channel === 'team:queueChanged') {
          const changes = payload as { version: number };
          lastVersion = base + changes.version;
          deps.publish(channel, { ...payload, version: lastVersion });
          return;
        }
        deps.publish(channel, payload);
      };
      const service = create({ access, identity: profile.identity, publish, log, t: deps.t });
      const stop = service.stop;
      const wrapped: TeamService = {
        ...service,
        queue: async () => {
          const snapshot = await service.queue();
          return { ...snapshot, version: base + snapshot.version };
        },
        stop: () => {
          live = false;
          stop();
        },
      };
      const made: Served = { key, service: wrapped, started: start && !closed, client: { rest: service.rest, identity: service.identity ?? profile.identity, profileId: profile.id } };
      current = made;
      if (made.started) wrapped.start();
      return made;
    })();
    switching = pending;
    try {
      return await pending;
    } finally {
      if (switching === pending) switching = null;
    }
  };

  const served = async (): Promise<TeamService> => (await ensure()).service;
  return {
    queue: async () => (await served()).queue(),
    refresh: async () => (await served()).refresh(),
    assign: async (request) => (await served()).assign(request),
    setState: async (request) => (await served()).setState(request),
    agents: async () => (await served()).agents(),
    messages: async (request) => (await served()).messages(request),
    health: async () => (await served()).health(),
    templateApprovals: async () => {
      const service = await served();
      return service.templateApprovals ? service.templateApprovals() : { items: [] };
    },
    // Only the profile already served: a touch never starts a team service on its own.
    touch: async (sid) => {
      if (current && !closed) await current.service.touch(sid);
    },
    async client() {
      // The REST client alone does not start the queue's reads: at launch main reads the agent's
      // first screen with it (launch-ahead) while the page loads, and the queue's read of every
      // conversation would compete with that and with serving the page, on main's one thread.
      return (await ensure(false)).client;
    },
    async sync() {
      // Only a profile already being served is followed; the first queue() call starts one.
      if (!current || closed) return;
      await ensure().catch((error: unknown) => log(`team: could not switch profiles: ${(error as Error).message}`));
    },
    close() {
      closed = true;
      current?.service.stop();
      current = null;
    },
  };
}
