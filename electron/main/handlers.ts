import type { TestResult } from '../../shared/ipc/contract';
import type { Publish } from './events';
import type { Handlers } from './ipc-dispatch';
import type { LocalWorkspace } from './local-workspace';
import type { ProfileStore, TwilioCredentials } from './profiles';
import type { SessionService } from './sessions';

export type { Handlers } from './ipc-dispatch';

export interface HandlerServices {
  profiles: ProfileStore;
  sessions: SessionService;
  local: Pick<LocalWorkspace, 'workspaceInfo' | 'simulateInbound'>;
  /** Connects once with the given credentials (profile-test.ts, with its client options bound). */
  testConnection: (credentials: TwilioCredentials) => Promise<TestResult>;
  publish: Publish;
  log?: (line: string) => void;
}

/**
 * The contract's channels mapped onto the services. Requests arrive already validated (ipc-dispatch)
 * and responses are validated on the way out, so this file only orchestrates.
 */
export function createHandlers({ profiles, sessions, local, testConnection, publish, log = () => {} }: HandlerServices): Handlers {
  // The save or remove already happened; failing to announce it must not report the call as failed.
  // The renderer learns of the problem when it next asks for a session or token.
  const announceSession = async () => {
    try {
      publish('session:changed', { session: await sessions.current() });
    } catch (error) {
      log(`handlers: could not announce the new session: ${(error as Error).message}`);
    }
  };

  return {
    'profiles:list': async () => profiles.list(),

    'profiles:save': async (input) => {
      const saved = await profiles.save(input);
      // Editing the profile in use changes the token (identity, key or service): tell the renderer.
      if (saved.active) await announceSession();
      return saved;
    },

    'profiles:test': async (input) => testConnection(await profiles.credentialsFor(input)),

    'profiles:remove': async ({ id }) => {
      const wasActive = (await profiles.activeId()) === id;
      await profiles.remove(id);
      if (wasActive) await announceSession();
      return null;
    },

    'profiles:activate': async ({ id }) => {
      const session = await sessions.activate(id);
      publish('session:changed', { session });
      return session;
    },

    'session:current': async () => sessions.current(),

    'session:refreshToken': async () => ({ token: await sessions.refreshToken() }),

    'local:workspaceInfo': async () => local.workspaceInfo(),

    'local:simulateInbound': async (request) => local.simulateInbound(request),
  };
}
