import { join } from 'node:path';
import { DEMO_AGENT_IDENTITY, DEMO_SECOND_AGENT_IDENTITY } from '../emulator/seed/demo';
import { createEventHub, type EventHub } from './events';
import { createHandlers, type Handlers } from './handlers';
import { createLocalWorkspace, type LocalWorkspace, type StartEmulator } from './local-workspace';
import { testProfileConnection, type CreateClient } from './profile-test';
import { createProfileStore, type ProfileStore } from './profiles';
import { createSessionService, type SessionService } from './sessions';
import { createVault, type SafeStorageLike } from './vault';

/** The agent's identity in the Local workspace, and the other agents the emulator's demo seed creates. */
export const LOCAL_IDENTITY = DEMO_AGENT_IDENTITY;
export const LOCAL_AGENTS = [DEMO_SECOND_AGENT_IDENTITY] as const;

export interface ServicesDeps {
  userDataDir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  startEmulator: StartEmulator;
  /** Client options for "Test profile" connections; tests point them at the emulator. */
  testClientOptions?: Record<string, unknown>;
  createClient?: CreateClient;
  twilioTokenTtlSeconds?: number;
  /** For the Local workspace's control API calls; tests pass a fake. */
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface Services {
  profiles: ProfileStore;
  sessions: SessionService;
  local: LocalWorkspace;
  events: EventHub;
  handlers: Handlers;
  close(): Promise<void>;
}

/**
 * Everything main offers the renderer, built from plain parameters: the Electron entry passes
 * Electron's pieces, a browser-test harness passes fakes and serves `handlers` over HTTP.
 */
export function createServices(deps: ServicesDeps): Services {
  const log = deps.log ?? (() => {});
  const vault = createVault({ safeStorage: deps.safeStorage, dir: join(deps.userDataDir, 'vault'), platform: deps.platform });
  const profiles = createProfileStore({ file: join(deps.userDataDir, 'profiles.json'), vault, localIdentity: LOCAL_IDENTITY, log });
  const local = createLocalWorkspace({
    startEmulator: deps.startEmulator,
    userDataDir: deps.userDataDir,
    identity: LOCAL_IDENTITY,
    agents: LOCAL_AGENTS,
    fetch: deps.fetch,
    log,
  });
  const sessions = createSessionService({ profiles, local, twilioTokenTtlSeconds: deps.twilioTokenTtlSeconds });
  const events = createEventHub(log);
  const handlers = createHandlers({
    profiles,
    sessions,
    local,
    publish: events.publish,
    log,
    testConnection: (credentials) =>
      testProfileConnection(credentials, { clientOptions: deps.testClientOptions, createClient: deps.createClient }),
  });
  return { profiles, sessions, local, events, handlers, close: () => local.close() };
}
