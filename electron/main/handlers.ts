import type { TestResult } from '../../shared/ipc/contract';
import type { DesktopPort } from './desktop/desktop-port';
import type { Publish } from './events';
import { cacheScopeOf, type InboxCacheStore, type CacheScope } from './inbox-cache';
import { inertLaunchAhead, type LaunchAhead } from './launch-ahead';
import { inertColdInbox, type ColdInboxPort } from './cold-inbox';
import type { Handlers } from './ipc-dispatch';
import type { LocalWorkspace } from './local-workspace';
import type { OutboxScope, OutboxStore } from './outbox-store';
import { LOCAL_PROFILE_ID, type ProfileStore, type TwilioCredentials } from './profiles';
import type { SessionService } from './sessions';
import type { SettingsStore } from './settings';
import { inertCanned, type CannedPort } from './team/canned-port';
import { inertTeam, type TeamPort } from './team/team-port';
import { inertCustomers, type CustomerPort } from './customers/customer-port';
import { inertSearch, type SearchPort } from './search/search-port';
import { inertSegments, type SegmentPort } from './segments/segment-port';
import { inertWebhooks, type WebhookPort } from './webhooks/webhook-port';
import { inertAnalytics, type AnalyticsPort } from './analytics/analytics-port';
import { inertCampaigns, type CampaignPort } from './campaigns/campaign-port';

export type { Handlers } from './ipc-dispatch';

export interface HandlerServices {
  profiles: ProfileStore;
  sessions: SessionService;
  local: Pick<LocalWorkspace, 'workspaceInfo' | 'simulateInbound' | 'status'>;
  /** Connects once with the given credentials (profile-test.ts, with its client options bound). */
  testConnection: (credentials: TwilioCredentials) => Promise<TestResult>;
  publish: Publish;
  settings: SettingsStore;
  desktop: DesktopPort;
  inboxCache: InboxCacheStore;
  /** A cold start's first screen over REST; inert (null) until wired. */
  coldInbox?: ColdInboxPort;
  /** The first screen read ahead while the page loads; pass-through until wired. */
  launchAhead?: LaunchAhead;
  outbox: OutboxStore;
  /** The OS's preferred UI languages (Electron: app.getPreferredSystemLanguages()); none outside Electron. */
  /** The agent inbox's REST-backed services; inert until wired. */
  team?: TeamPort;
  canned?: CannedPort;
  /** Customer profiles in Twilio; inert until wired. */
  customers?: CustomerPort;
  /** Search inside messages; inert (finds nothing) until wired. */
  search?: SearchPort;
  /** Segments (saved filters and CSV lists over the team's customers); inert until wired. */
  segments?: SegmentPort;
  /** Webhook settings, test events and the Local workspace's deliveries; inert until wired. */
  webhooks?: WebhookPort;
  /** The analytics screen's report; inert (an empty report) until wired. */
  analytics?: AnalyticsPort;
  /** Campaigns sent by main; inert (none) until wired. */
  campaigns?: CampaignPort;
  systemLanguages?: () => string[];
  log?: (line: string) => void;
}

/**
 * The contract's channels mapped onto the services. Requests arrive already validated (ipc-dispatch)
 * and responses are validated on the way out, so this file only orchestrates.
 */
export function createHandlers({
  profiles,
  sessions,
  local,
  testConnection,
  publish,
  settings,
  desktop,
  inboxCache,
  coldInbox = inertColdInbox,
  launchAhead = inertLaunchAhead,
  outbox,
  team = inertTeam,
  canned = inertCanned,
  customers = inertCustomers,
  search = inertSearch,
  segments = inertSegments,
  webhooks = inertWebhooks,
  analytics = inertAnalytics,
  campaigns = inertCampaigns,
  systemLanguages = () => [],
  log = () => {},
}: HandlerServices): Handlers {
  // The save or remove already happened; failing to announce it must not report the call as failed.
  // The renderer learns of the problem when it next asks for a session or token.
  const announceSession = async () => {
    try {
      publish('session:changed', { session: await sessions.current() });
    } catch (error) {
      log(`handlers: could not announce the new session: ${(error as Error).message}`);
    }
  };

  const activeCacheScope = async (): Promise<CacheScope> => {
    const profile = await profiles.get(await profiles.activeId());
    return cacheScopeOf(profile, LOCAL_PROFILE_ID);
  };

  const activeOutboxScope = async (): Promise<OutboxScope> => {
    const profileId = await profiles.activeId();
    return { profileId, allowPlain: profileId === LOCAL_PROFILE_ID };
  };
  /** The scope when `profileId` is the active profile; null for any other (a late call from a switched-away session). */
  const outboxScopeFor = async (profileId: string): Promise<OutboxScope | null> => {
    const scope = await activeOutboxScope();
    return scope.profileId === profileId ? scope : null;
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
      await inboxCache.remove(id).catch((e: unknown) => log(`handlers: could not delete the inbox cache: ${(e as Error).message}`));
      await outbox.removeProfile(id).catch((e: unknown) => log(`handlers: could not delete the outbox: ${(e as Error).message}`));
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
    'local:status': async () => local.status(),

    'local:simulateInbound': async (request) => local.simulateInbound(request),

    'settings:get': async () => {
      await settings.loaded;
      return settings.get();
    },

    'settings:set': async (patch) => {
      const next = await settings.update(patch);
      // Other windows (and main's own modules, via subscribe) follow the change.
      publish('settings:changed', { settings: next });
      return next;
    },

    'settings:systemLanguages': async () => ({ languages: systemLanguages().slice(0, 32) }),

    'desktop:unread': async ({ total }) => {
      desktop.unreadChanged(total);
      return null;
    },

    'desktop:newMessage': async (message) => {
      desktop.newMessage(message);
      return null;
    },

    'desktop:takePendingLink': async () => ({ conversationSid: desktop.takePendingLink() }),

    'desktop:acknowledgeLink': async ({ conversationSid }) => {
      desktop.acknowledgeLink(conversationSid);
      return null;
    },

    'diagnostics:export': async () => desktop.exportDiagnostics(),

    'inboxCache:load': async ({ part }) => {
      const scope = await activeCacheScope();
      if (part !== 'first-screen') {
        const cache = await inboxCache.load(scope, part);
        return cache && { profileId: scope.profileId, cache };
      }
      // The launch's first ask: if main did not start reading when it loaded the page (a reload),
      // start now, so that a cold start's REST page is read while this answer travels.
      launchAhead.start();
      const cache = await launchAhead.kept(scope.profileId, () => inboxCache.load(scope, part));
      return cache && { profileId: scope.profileId, cache };
    },

    'inboxCache:coldPage': async () => {
      const profileId = await profiles.activeId();
      const cache = await launchAhead.cold(profileId, () => coldInbox.firstPage(profileId));
      // Read for a profile that is no longer active: not this inbox.
      return cache && (await profiles.activeId()) === profileId ? { profileId, cache } : null;
    },

    'inboxCache:save': async ({ profileId, cache, snapshot }) => {
      const scope = await activeCacheScope();
      // The renderer took this copy for a profile that is no longer active: it is not this inbox.
      if (scope.profileId !== profileId) return { saved: false };
      return { saved: await inboxCache.save(scope, cache, snapshot ?? null) };
    },

    'outbox:load': async () => {
      const scope = await activeOutboxScope();
      const { identity } = await profiles.get(scope.profileId);
      return { profileId: scope.profileId, identity, ...(await outbox.load(scope)) };
    },

    'outbox:put': async ({ profileId, entry }) => {
      const scope = await outboxScopeFor(profileId);
      return { saved: scope !== null && (await outbox.put(scope, entry)) };
    },

    'outbox:remove': async ({ profileId, key }) => {
      const scope = await outboxScopeFor(profileId);
      return { removed: scope !== null && (await outbox.remove(scope, key)) };
    },

    'outbox:saveDrafts': async ({ profileId, drafts }) => {
      const scope = await outboxScopeFor(profileId);
      return { saved: scope !== null && (await outbox.saveDrafts(scope, drafts)) };
    },

    'team:queue': async () => team.queue(),
    'team:refresh': async () => {
      await team.refresh();
      return null;
    },
    'team:assign': async (request) => team.assign(request),
    'team:setState': async (request) => team.setState(request),
    'team:agents': async () => team.agents(),
    'team:messages': async (request) => team.messages(request),
    'team:touch': async ({ conversationSid, heard }) => {
      await team.touch(conversationSid, heard);
      return null;
    },
    'api:health': async () => team.health(),

    'canned:list': async () => ({ items: await canned.list() }),
    'canned:save': async (item) => ({ items: await canned.save(item) }),
    'canned:remove': async ({ id }) => ({ items: await canned.remove(id) }),
    'canned:import': async ({ json }) => canned.importJson(json),
    'canned:export': async () => ({ json: await canned.exportJson() }),

    'customer:profile': async ({ address }) => customers.profile(address),
    'customer:save': async (request) => customers.save(request),
    'customer:link': async (request) => customers.link(request),
    'customer:unlink': async (request) => customers.unlink(request),
    'customer:startConversation': async (request) => customers.startConversation(request),
    'account:numbers': async () => customers.numbers(),
    'content:approvals': async () => (team.templateApprovals ? team.templateApprovals() : inertTeam.templateApprovals!()),
    'search:index': async (request) => search.index(request),
    'search:query': async (request) => search.query(request),
    'segments:list': async () => ({ items: await segments.list() }),
    'segments:preview': async ({ filter, refresh }) => segments.preview(filter, refresh),
    'segments:saveFilter': async (request) => ({ items: await segments.saveFilter(request) }),
    'segments:checkCsv': async ({ text }) => segments.checkCsv(text),
    'segments:saveCsv': async (request) => ({ items: await segments.saveCsv(request) }),
    'segments:rename': async (request) => ({ items: await segments.rename(request) }),
    'segments:updateFilter': async (request) => ({ items: await segments.updateFilter(request) }),
    'segments:remove': async ({ id }) => ({ items: await segments.remove(id) }),
    'webhooks:get': async () => webhooks.settings(),
    'webhooks:save': async (request) => webhooks.save(request),
    'webhooks:test': async (request) => webhooks.test(request),
    'webhooks:setAuthToken': async ({ authToken }) => webhooks.setAuthToken(authToken),
    'webhooks:deliveries': async () => webhooks.deliveries(),
    'analytics:report': async (request) => analytics.report(request),
    'campaign:options': async () => campaigns.options(),
    'campaign:list': async () => campaigns.list(),
    'campaign:create': async (draft) => campaigns.create(draft),
    'campaign:control': async (request) => campaigns.control(request),
    'campaign:results': async ({ id }) => campaigns.results(id),
    'campaign:setPrice': async ({ pricePerSegmentUsd }) => campaigns.setPrice(pricePerSegmentUsd),
  };
}
