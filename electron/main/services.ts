import { join } from 'node:path';
import { DEMO_AGENT_IDENTITY, DEMO_SECOND_AGENT_IDENTITY } from '../emulator/seed/demo';
import { inertDesktop, type DesktopPort } from './desktop/desktop-port';
import { createEventHub, type EventHub, type Publish } from './events';
import { createHandlers, type Handlers } from './handlers';
import { createLocalWorkspace, type LocalWorkspace, type StartEmulator } from './local-workspace';
import { testProfileConnection, type CreateClient } from './profile-test';
import { createSecretRegistry, type SecretRegistry } from './logging/known-secrets';
import { createProfileStore, LOCAL_PROFILE_ID, type ProfileStore } from './profiles';
import { createSessionService, type SessionService } from './sessions';
import { createSettingsStore, type SettingsStore } from './settings';
import { cacheScopeOf, createInboxCacheStore } from './inbox-cache';
import { createColdInbox } from './cold-inbox';
import { createLaunchAhead, type LaunchAhead } from './launch-ahead';
import { createOutboxStore } from './outbox-store';
import { createCannedStore, type CannedStore } from './team/canned-store';
import { createMessageSearch, type MessageSearch } from './search/message-search';
import { createMainLocale, type Translate } from './desktop/locale';
import { createVault, type SafeStorageLike } from './vault';
import { createActiveTeam, type ActiveTeam } from './team/active-team';
import type { TeamService, TeamServiceDeps } from './team/team-service';
import { createCustomerService } from './customers/customer-service';
import { localWhatsappSenders } from './customers/local-senders';
import { LOCAL_PROXY_NUMBERS } from './local-workspace';
import { createCustomerDirectory } from './segments/customer-directory';
import { createSegmentService, type SegmentService } from './segments/segment-service';
import { authTokenKey, createWebhookService } from './webhooks/webhook-service';
import { createAnalyticsService, type AnalyticsService } from './analytics/analytics-service';
import { createCampaignService, type CampaignService } from './campaigns/campaign-service';
import type { SegmentSource } from './segments/segment-source';

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
  /** A free loopback port for the Local workspace's first launch (see local-workspace.ts). */
  reservePort?: () => Promise<number>;
  /** For the Local workspace's control API calls; tests pass a fake. */
  fetch?: typeof fetch;
  /**
   * The desktop integration (badge, notifications, deep links, diagnostics), built once the
   * stores exist. Omitted outside Electron: those channels then do nothing.
   */
  desktop?: (context: { settings: SettingsStore; profiles: ProfileStore; publish: Publish; secrets: SecretRegistry }) => DesktopPort;
  /** The OS's preferred UI languages, best first; omitted outside Electron (the window then asks its browser). */
  systemLanguages?: () => string[];
  log?: (line: string) => void;
  /** Builds a profile's team service; tests pass one with fake timers. */
  createTeam?: (deps: TeamServiceDeps) => TeamService;
  /** Where campaigns read recipients; tests give an in-memory list, otherwise the segments tool's saved segments. */
  segments?: SegmentSource;
}

export interface Services {
  profiles: ProfileStore;
  settings: SettingsStore;
  /** Secret values seen in this run, for log redaction. */
  secrets: SecretRegistry;
  sessions: SessionService;
  local: LocalWorkspace;
  events: EventHub;
  handlers: Handlers;
  /** The active profile's team queue and REST-backed actions. */
  team: ActiveTeam;
  /** Saved segments; also what campaigns read recipients from (SegmentSource). */
  segments: SegmentService;
  /** The analytics screen's figures, read over the team's REST client and cached per profile. */
  analytics: AnalyticsService;
  campaigns: CampaignService;
  /** Call when the window starts loading the page: its first screen (kept copy, else the REST page) is read meanwhile. */
  launchAhead: LaunchAhead;
  /** Main's words in the desk's language (settings, else the OS): for IPC validation messages. */
  t: Translate;
  close(): Promise<void>;
}

/**
 * Everything main offers the renderer, built from plain parameters: the Electron entry passes
 * Electron's pieces, a browser-test harness passes fakes and serves `handlers` over HTTP.
 */
export function createServices(deps: ServicesDeps): Services {
  const log = deps.log ?? (() => {});
  const settings = createSettingsStore({ file: join(deps.userDataDir, 'settings.json'), log });
  // Messages main sends the window (validation, start failures, connection tests) follow the desk's language.
  const { t } = createMainLocale({ setting: () => settings.get().language, systemLanguages: deps.systemLanguages ?? (() => []) });
  const vault = createVault({ safeStorage: deps.safeStorage, dir: join(deps.userDataDir, 'vault'), platform: deps.platform, t });
  const secrets = createSecretRegistry();
  const profileStore = rememberingSecrets(
    createProfileStore({ file: join(deps.userDataDir, 'profiles.json'), vault, localIdentity: LOCAL_IDENTITY, log }),
    secrets,
  );
  // Always the active profile's data: the stores ask at every call, so a profile switch needs no
  // event; only the Local workspace may keep it unencrypted when the OS has no keyring.
  const activeScope = async () => {
    const profileId = await profileStore.activeId();
    return { profileId, allowPlain: profileId === LOCAL_PROFILE_ID };
  };
  const canned = createCannedStore({
    dir: join(deps.userDataDir, 'canned'),
    safeStorage: deps.safeStorage,
    platform: deps.platform,
    scope: activeScope,
    t,
    log,
  });
  const search = createMessageSearch({
    dir: join(deps.userDataDir, 'search'),
    safeStorage: deps.safeStorage,
    platform: deps.platform,
    scope: activeScope,
    log,
  });
  // Built below (it needs the team's REST client); a removed profile's segments go with it.
  let segmentsRef: SegmentService | null = null;
  const profiles = forgettingWebhookToken(
    forgettingSegments(forgettingSearch(forgettingCanned(profileStore, canned, log), search, log), () => segmentsRef, log),
    vault,
    log,
  );
  const local = createLocalWorkspace({
    startEmulator: deps.startEmulator,
    userDataDir: deps.userDataDir,
    identity: LOCAL_IDENTITY,
    agents: LOCAL_AGENTS,
    reservePort: deps.reservePort,
    fetch: deps.fetch,
    log,
    t,
  });
  const sessions = createSessionService({ profiles, local, twilioTokenTtlSeconds: deps.twilioTokenTtlSeconds });
  const events = createEventHub(log);
  local.onStatus((status) => events.publish('local:statusChanged', status));
  const team = createActiveTeam({
    activeProfile: async () => profiles.get(await profiles.activeId()),
    access: async (profile) => (profile.id === LOCAL_PROFILE_ID ? local.restAccess() : profiles.credentials(profile.id)),
    publish: events.publish,
    create: deps.createTeam,
    t,
    log,
  });
  // A profile switch, or an edit of the active profile's key, announces a new session: follow it.
  events.subscribe((channel) => {
    if (channel === 'session:changed') void team.sync();
  });
  // Customer profiles share the team's REST client: one request budget per account.
  const customers = createCustomerService({
    client: () => team.client(),
    whatsappSenders: async () =>
      (await profiles.activeId()) === LOCAL_PROFILE_ID ? localWhatsappSenders(await local.restAccess(), LOCAL_PROXY_NUMBERS.whatsapp, deps.fetch) : null,
    t,
    log,
  });
  // Segments read the customers over the same REST client, at background priority.
  const segments = createSegmentService({
    dir: join(deps.userDataDir, 'segments'),
    safeStorage: deps.safeStorage,
    platform: deps.platform,
    scope: activeScope,
    directory: createCustomerDirectory({ rest: async () => (await team.client()).rest, log }),
    t,
    log,
  });
  segmentsRef = segments;
  // Webhook settings share the team's REST client too (interactive priority, the default).
  const webhooks = createWebhookService({
    rest: () => team.client(),
    activeProfile: async () => {
      const profile = await profiles.get(await profiles.activeId());
      return { id: profile.id, local: profile.id === LOCAL_PROFILE_ID, accountSid: profile.accountSid };
    },
    localAccess: () => local.webhookAccess(),
    vault,
    remember: (secret) => secrets.remember(secret),
    fetch: deps.fetch,
    t,
    log,
  });
  // Analytics reads through the team's REST client too (background priority): one budget per account.
  const analytics = createAnalyticsService({
    dir: join(deps.userDataDir, 'analytics'),
    safeStorage: deps.safeStorage,
    platform: deps.platform,
    scope: activeScope,
    client: () => team.client(),
    publish: events.publish,
    t,
    log,
  });
  // Campaigns share the team's REST client too: their background requests never hold up an agent's.
  const campaigns = createCampaignService({
    dir: join(deps.userDataDir, 'campaigns'),
    safeStorage: deps.safeStorage,
    platform: deps.platform,
    scope: activeScope,
    client: () => team.client(),
    segments: deps.segments ?? segments,
    numbers: () => customers.numbers(),
    publish: events.publish,
    t,
    log,
  });
  // A campaign that was sending when the app quit (or crashed) carries on at the next start, and
  // after a profile switch the new profile's campaigns do.
  events.subscribe((channel) => {
    if (channel === 'session:changed') void campaigns.resume().catch((e: unknown) => log(`campaigns: could not resume: ${(e as Error).message}`));
  });
  setTimeout(() => void campaigns.resume().catch((e: unknown) => log(`campaigns: could not resume: ${(e as Error).message}`)), 0);
  const desktop = deps.desktop?.({ settings, profiles, publish: events.publish, secrets }) ?? inertDesktop;
  const inboxCache = createInboxCacheStore({ dir: join(deps.userDataDir, 'inbox-cache'), safeStorage: deps.safeStorage, platform: deps.platform, log });
  // Shares the team's REST client: one request budget per account.
  const coldInbox = createColdInbox({ client: () => team.client(), log });
  const launchAhead = createLaunchAhead({
    activeProfileId: () => profiles.activeId(),
    keptFirstScreen: async (profileId) => inboxCache.load(cacheScopeOf(await profiles.get(profileId), LOCAL_PROFILE_ID), 'first-screen'),
    keptSnapshot: async (profileId) => inboxCache.loadSnapshot(cacheScopeOf(await profiles.get(profileId), LOCAL_PROFILE_ID)),
    // Read for this profile or not at all (cold-inbox): the handler still drops it if the profile
    // is no longer the active one when the window asks.
    coldPage: (profileId) => coldInbox.firstPage(profileId),
    log,
  });
  const handlers = createHandlers({
    // Analytics and campaigns are built after the profile store: a removal through the window clears them too.
    profiles: forgettingCampaigns(forgettingAnalytics(profiles, analytics, log), campaigns, log),
    sessions,
    local,
    publish: events.publish,
    settings,
    desktop,
    inboxCache,
    coldInbox,
    launchAhead,
    outbox: createOutboxStore({ dir: join(deps.userDataDir, 'outbox'), safeStorage: deps.safeStorage, platform: deps.platform, log }),
    canned,
    search,
    systemLanguages: deps.systemLanguages,
    team,
    customers,
    segments,
    webhooks,
    analytics,
    campaigns,
    log,
    testConnection: (credentials) =>
      testProfileConnection(credentials, { clientOptions: deps.testClientOptions, createClient: deps.createClient, t }),
  });
  return {
    profiles,
    settings,
    secrets,
    sessions,
    local,
    events,
    handlers,
    team,
    segments,
    analytics,
    campaigns,
    launchAhead,
    t,
    close: async () => {
      // Before the REST client closes under them: a read in flight is sealed as far as it got.
      await analytics.close();
      await campaigns.close();
      team.close();
      await search.flush().catch((e: unknown) => log(`services: could not save the message search index: ${(e as Error).message}`));
      await local.close();
    },
  };
}

/** A removed profile's canned responses go with it, as its outbox and inbox cache do. */
function forgettingCanned(profiles: ProfileStore, canned: CannedStore, log: (line: string) => void): ProfileStore {
  return {
    ...profiles,
    async remove(id) {
      await profiles.remove(id);
      await canned.removeProfile(id).catch((e: unknown) => log(`services: could not delete the canned responses: ${(e as Error).message}`));
    },
  };
}

/** A removed profile's segments go with it. */
function forgettingSegments(profiles: ProfileStore, segments: () => SegmentService | null, log: (line: string) => void): ProfileStore {
  return {
    ...profiles,
    async remove(id) {
      await profiles.remove(id);
      await segments()
        ?.removeProfile(id)
        .catch((e: unknown) => log(`services: could not delete the segments: ${(e as Error).message}`));
    },
  };
}

/** A removed profile's campaigns (journals, recipients) go with it. */
function forgettingCampaigns(profiles: ProfileStore, campaigns: CampaignService, log: (line: string) => void): ProfileStore {
  return {
    ...profiles,
    async remove(id) {
      await profiles.remove(id);
      await campaigns.removeProfile(id).catch((e: unknown) => log(`services: could not delete the campaigns: ${(e as Error).message}`));
    },
  };
}

/** A removed profile's analytics cache goes with it. */
function forgettingAnalytics(profiles: ProfileStore, analytics: AnalyticsService, log: (line: string) => void): ProfileStore {
  return {
    ...profiles,
    async remove(id) {
      await profiles.remove(id);
      await analytics.removeProfile(id).catch((e: unknown) => log(`services: could not delete the analytics cache: ${(e as Error).message}`));
    },
  };
}

/** A removed profile's Auth Token (kept for signing test webhooks) goes with it. */
function forgettingWebhookToken(profiles: ProfileStore, vault: { delete(key: string): Promise<void> }, log: (line: string) => void): ProfileStore {
  return {
    ...profiles,
    async remove(id) {
      await profiles.remove(id);
      await vault.delete(authTokenKey(id)).catch((e: unknown) => log(`services: could not delete the webhook auth token: ${(e as Error).message}`));
    },
  };
}

/** A removed profile's message search index goes with it. */
function forgettingSearch(profiles: ProfileStore, search: MessageSearch, log: (line: string) => void): ProfileStore {
  return {
    ...profiles,
    async remove(id) {
      await profiles.remove(id);
      await search.removeProfile(id).catch((e: unknown) => log(`services: could not delete the message search index: ${(e as Error).message}`));
    },
  };
}

/** Every decrypted secret is noted for the log redactor before anyone can use (or log) it. */
function rememberingSecrets(profiles: ProfileStore, secrets: SecretRegistry): ProfileStore {
  return {
    ...profiles,
    async save(input) {
      if (input.apiKeySecret) secrets.remember(input.apiKeySecret);
      return profiles.save(input);
    },
    async credentials(id) {
      const credentials = await profiles.credentials(id);
      secrets.remember(credentials.apiKeySecret);
      return credentials;
    },
    async credentialsFor(input) {
      const credentials = await profiles.credentialsFor(input);
      secrets.remember(credentials.apiKeySecret);
      return credentials;
    },
  };
}
