import type { Session } from '../../shared/ipc/contract';
import type { LocalWorkspace } from './local-workspace';
import { LOCAL_PROFILE_ID, type ProfileStore } from './profiles';
import { mintChatToken, TWILIO_TOKEN_TTL_SECONDS } from './tokens';

/** The active profile turned into what the renderer's SDK needs. */
export interface SessionService {
  current(): Promise<Session>;
  activate(id: string): Promise<Session>;
  refreshToken(): Promise<string>;
}

export interface SessionServiceDeps {
  profiles: ProfileStore;
  local: Pick<LocalWorkspace, 'session' | 'refreshToken'>;
  twilioTokenTtlSeconds?: number;
}

export function createSessionService({ profiles, local, twilioTokenTtlSeconds = TWILIO_TOKEN_TTL_SECONDS }: SessionServiceDeps): SessionService {
  const twilioToken = async (id: string) =>
    mintChatToken({ ...(await profiles.credentials(id)), ttlSeconds: twilioTokenTtlSeconds });

  const sessionFor = async (id: string): Promise<Session> => {
    if (id === LOCAL_PROFILE_ID) return local.session();
    const profile = await profiles.get(id);
    return { profileId: id, kind: 'twilio', identity: profile.identity, token: await twilioToken(id), clientOptions: {}, emulatorUrl: null };
  };

  return {
    async current() {
      return sessionFor(await profiles.activeId());
    },
    async activate(id) {
      // Build the session first: a profile whose secret cannot be read does not become active.
      const session = await sessionFor(id);
      await profiles.setActive(id);
      return session;
    },
    async refreshToken() {
      const id = await profiles.activeId();
      return id === LOCAL_PROFILE_ID ? local.refreshToken() : twilioToken(id);
    },
  };
}
