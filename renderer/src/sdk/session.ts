/**
 * The window's sessions: one DeskSession per signed-in profile, created when that profile starts
 * and ended when another replaces it (switch, Retry, unload). Follows desk.onSessionChanged.
 * React reads the current session through session/context; nothing else holds on to it.
 */
import type { Client } from '@twilio/conversations';
import { i18n } from '../i18n';
import type { Session } from '../../../shared/ipc/contract';
import { newMessageReport } from '../desktop/new-messages';
import { afterPaint } from './after-paint';
import { getDesk, hasDesk } from '../platform/desk';
import { createDeskSession, type DeskSession } from '../session/desk-session';
import { createAppStore, type AppStore } from '../store/app-store';
import { bindClient, type BindingDeps } from './binding';
import { bindTeamQueue } from './team-binding';
import { bindMessageSearch } from './message-search';
import { captureLaunchSnapshot } from '../launch/snapshot-capture';
import { keepInboxCached, paintCachedInbox, requestCachedInbox, type CachedParts } from './inbox-cache';

export type ClientFactory = (token: string, options: Record<string, unknown>) => Client | Promise<Client>;

/** The real SDK is a chunk of its own so tests and the first paint don't pay for it. */
const sdkClientFactory: ClientFactory = async (token, options) => {
  const { Client } = await import('@twilio/conversations');
  mark('desk:sdk-loaded');
  return new Client(token, options);
};

/** User Timing marks for the launch path (DevTools' Performance panel, the bench). */
const mark = (name: string) => performance.mark(name);

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface SessionHostOptions {
  factory?: ClientFactory;
  /** Binding dependencies tests replace (token renewal, focus). */
  binding?: Partial<BindingDeps>;
}

export interface SessionHost {
  /** Window-wide state: the screen shown, the desktop overlay open. */
  readonly app: AppStore;
  /** The session on screen (before sign-in, one without a profile). */
  current(): DeskSession;
  /** Called whenever another session takes over. */
  subscribe(listener: () => void): () => void;
  /** Boot: start the active profile's client and follow profile switches made in main. */
  start(): Promise<void>;
  /** "Retry" on the banner: ask main for a fresh session (new token) and start over. */
  restart(): Promise<void>;
  /** A new active profile; the same profile with the same token is a no-op (activate + event). */
  switchTo(session: Session): Promise<void>;
  /** Window unload and tests: ends the current session and stops following main. */
  stop(): Promise<void>;
}

export function createSessionHost(options: SessionHostOptions = {}): SessionHost {
  const factory = options.factory ?? sdkClientFactory;
  const app = createAppStore();
  const listeners = new Set<() => void>();
  let current = createDeskSession(null);
  let unsubscribeSessionChanged: (() => void) | null = null;

  /** Ends the session on screen and puts `next` there; resolves once the old client is shut down. */
  const replace = (next: DeskSession): Promise<void> => {
    const old = current;
    current = next;
    listeners.forEach((l) => l());
    return old.end();
  };

  const reportNewMessages = (session: DeskSession): BindingDeps['onLiveMessage'] => {
    // Messages dated before this are history the SDK delivered late, not news.
    const since = Date.now();
    return (sid, message) => {
      if (!hasDesk()) return;
      const report = newMessageReport(session.store.getState(), sid, message, since);
      // Told as the store saw it on arrival, after the frame that shows the message: the IPC
      // request would otherwise run before that frame.
      if (report) afterPaint(() => void getDesk().reportNewMessage(report).catch((e: unknown) => console.warn('[session] notification not reported', e)));
    };
  };

  async function startWith(profile: Session, cached?: CachedParts): Promise<void> {
    const session = createDeskSession(profile);
    // Its client is on its way: a conversation opened from the cached inbox (or kept open from the
    // first session) waits to be announced instead of counting as gone.
    session.registry.beginListing();
    // The window's first session showed the cached inbox while main prepared this one (the Local
    // workspace's emulator starting): the conversation open there stays open.
    const waited = current.profile === null ? current.store.getState().selectedSid : null;
    const stopped = replace(session);
    const state = () => session.store.getState();
    state().setSession({ profileId: profile.profileId, identity: profile.identity, kind: profile.kind, emulatorUrl: profile.emulatorUrl });
    if (waited) state().select(waited);
    state().setConnection('connecting');
    // Queued messages and drafts show before the SDK has loaded; they go once it is connected.
    session.startOutbox({ bridge: getDesk(), profileId: profile.profileId, identity: profile.identity });
    if (profile.kind === 'local') loadWorkspace(session);
    // The team queue comes from main over REST, not from the SDK: it shows before the client connects.
    session.onEnd(bindTeamQueue(session, getDesk()));
    // Search inside messages: main indexes what this window loads, and answers the search box.
    session.onEnd(bindMessageSearch(session.store, profile.profileId, getDesk()));
    // The last-seen inbox paints while the SDK loads (seconds at thousands of conversations).
    paintCachedInbox(
      cached ?? requestCachedInbox(getDesk()),
      session.store,
      (c) => c.profileId === profile.profileId && session.isLive(),
      (c) => c.profileId !== profile.profileId,
    );
    // Shutdown closes the old socket first; its failure must not block this account from starting.
    await stopped;
    if (!session.isLive()) return;
    let client: Client;
    try {
      client = await factory(profile.token, profile.clientOptions);
    } catch (e) {
      if (session.isLive()) state().setConnection('error', i18n.t('errors.clientStartFailed', { reason: errorText(e) }));
      return;
    }
    if (!session.isLive()) {
      void Promise.resolve(client.shutdown()).catch(() => undefined);
      return;
    }
    session.registry.client = client;
    session.onEnd(() => client.shutdown().catch((e: unknown) => console.warn('[session] shutdown failed', e)));
    session.onEnd(bindClient(client, session, { onLiveMessage: reportNewMessages(session), ...options.binding }));
    // The launch snapshot is the window's DOM: taken only while this session is the one on screen.
    const snapshot = () => (session.isLive() && current === session ? captureLaunchSnapshot(document, { connecting: i18n.t('connection.status.connecting'), updating: i18n.t('inbox.updating') }) : null);
    session.onEnd(keepInboxCached(session.store, profile.profileId, getDesk(), snapshot));
  }

  /**
   * While main has not answered with the session (the Local workspace's emulator may still be
   * starting), the session on screen shows the outbox main kept, as it shows the cached inbox:
   * queued messages can be edited or cancelled, and new ones queue. Nothing is sent from it, since
   * that session never connects; the profile's own session loads the outbox again and delivers it.
   */
  function showKeptOutbox(session: DeskSession): void {
    if (session.registry.client || session.outbox()) return;
    const desk = getDesk();
    desk
      .loadOutbox()
      .then((r) => {
        if (r.ok && session.isLive()) session.startOutbox({ bridge: desk, profileId: r.value.profileId, identity: r.value.identity });
      })
      .catch((e: unknown) => console.warn('[session] outbox not shown', e));
  }

  function loadWorkspace(session: DeskSession): void {
    getDesk()
      .workspaceInfo()
      .then((r) => {
        if (session.isLive() && r.ok) session.store.getState().setWorkspace(r.value);
      })
      .catch((e: unknown) => console.warn('[session] workspace info unavailable', e));
  }

  const host: SessionHost = {
    app,
    current: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      mark('desk:session-start');
      unsubscribeSessionChanged ??= getDesk().onSessionChanged(({ session }) => void host.switchTo(session));
      await host.restart();
    },
    async restart() {
      const asking = current;
      asking.store.getState().setConnection('connecting');
      // Asked for alongside the session: at launch the session can wait on the Local workspace's
      // emulator starting, and the cached inbox can already be on screen meanwhile.
      const cached = requestCachedInbox(getDesk());
      if (!asking.registry.client) {
        // No client has announced anything here yet: a cached conversation opened now waits for one.
        asking.registry.beginListing();
        paintCachedInbox(cached, asking.store, () => asking.isLive() && asking.store.getState().inboxSource !== 'live');
      }
      showKeptOutbox(asking);
      const result = await getDesk().currentSession();
      if (!result.ok) {
        if (asking === current) current.store.getState().setConnection(result.error.code === 'denied' ? 'denied' : 'error', result.error.message);
        return;
      }
      if (asking !== current) return;
      await startWith(result.value, cached);
    },
    async switchTo(session) {
      // Activating a profile answers with its session and main announces it too: start it once.
      const shown = current.profile;
      const failed = current.store.getState().connection.status === 'error';
      if (shown && !failed && shown.profileId === session.profileId && shown.token === session.token) return;
      await startWith(session);
    },
    async stop() {
      unsubscribeSessionChanged?.();
      unsubscribeSessionChanged = null;
      await current.end();
    },
  };
  return host;
}
