/**
 * Owns the lifetime of the SDK client for the active profile: start from desk.currentSession(),
 * switch profiles cleanly (teardown → shutdown → reset → start) and follow desk.onSessionChanged.
 * Every start bumps a generation number so a slow old start can't overwrite a newer one.
 */
import type { Client } from '@twilio/conversations';
import type { Session } from '../../../shared/ipc/contract';
import { getDesk } from '../platform/desk';
import { resetSessionState, useDeskStore, type DeskStore } from '../store';
import { bindClient } from './binding';
import { keepInboxCached, paintCachedInbox, requestCachedInbox, type CachedParts } from './inbox-cache';
import { startOutbox } from './outbox-session';
import { registry } from './registry';

export type ClientFactory = (token: string, options: Record<string, unknown>) => Client | Promise<Client>;

/** The real SDK is a chunk of its own so tests and the first paint don't pay for it. */
const sdkClientFactory: ClientFactory = async (token, options) => {
  const { Client } = await import('@twilio/conversations');
  mark('desk:sdk-loaded');
  return new Client(token, options);
};

/** User Timing marks for the launch path (DevTools' Performance panel, the bench). */
const mark = (name: string) => performance.mark(name);

interface Running {
  client: Client;
  teardown: () => void;
  session: Session;
}

let running: Running | null = null;
let generation = 0;
let unsubscribeSessionChanged: (() => void) | null = null;
let stopOutbox: (() => void) | null = null;

async function stopRunning(): Promise<void> {
  stopOutbox?.();
  stopOutbox = null;
  const old = running;
  running = null;
  if (!old) return;
  old.teardown();
  registry.clear();
  // Shutdown closes the socket; a failure here must not block the next account from starting.
  await old.client.shutdown().catch((e: unknown) => console.warn('[session] shutdown failed', e));
}

async function startWith(session: Session, store: DeskStore, factory: ClientFactory, cached?: CachedParts): Promise<void> {
  const mine = ++generation;
  await stopRunning();
  if (mine !== generation) return;
  resetSessionState(store);
  store.getState().setSession({
    profileId: session.profileId,
    identity: session.identity,
    kind: session.kind,
    emulatorUrl: session.emulatorUrl,
  });
  store.getState().setConnection('connecting');
  // Queued messages and drafts show before the SDK has loaded; they go once it is connected.
  stopOutbox = startOutbox({ store, registry, desk: getDesk(), profileId: session.profileId, identity: session.identity });
  if (session.kind === 'local') loadWorkspace(store, mine);
  // The last-seen inbox paints while the SDK loads (seconds at thousands of conversations).
  paintCachedInbox(cached ?? requestCachedInbox(getDesk()), store, (c) => c.profileId === session.profileId && mine === generation);
  try {
    const client = await factory(session.token, session.clientOptions);
    if (mine !== generation) {
      void client.shutdown().catch(() => undefined);
      return;
    }
    registry.client = client;
    const unbind = bindClient(client, store);
    const stopCaching = keepInboxCached(store, session.profileId, getDesk());
    running = {
      client,
      session,
      teardown: () => {
        stopCaching();
        unbind();
      },
    };
  } catch (e) {
    if (mine === generation) store.getState().setConnection('error', `Couldn’t start the client: ${errorText(e)}`);
  }
}

function loadWorkspace(store: DeskStore, mine: number): void {
  getDesk()
    .workspaceInfo()
    .then((r) => {
      if (mine === generation && r.ok) store.getState().setWorkspace(r.value);
    })
    .catch((e: unknown) => console.warn('[session] workspace info unavailable', e));
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Boot: start the active profile's client and follow profile switches made in main. */
export async function startSession(store: DeskStore = useDeskStore, factory: ClientFactory = sdkClientFactory): Promise<void> {
  mark('desk:session-start');
  const desk = getDesk();
  unsubscribeSessionChanged ??= desk.onSessionChanged(({ session }) => void switchSession(session, store, factory));
  await restartSession(store, factory);
}

/** "Retry" on the banner: ask main for a fresh session (new token) and start over. */
export async function restartSession(store: DeskStore = useDeskStore, factory: ClientFactory = sdkClientFactory): Promise<void> {
  store.getState().setConnection('connecting');
  // Asked for alongside the session: at launch the session can wait on the Local workspace's
  // emulator starting, and the cached inbox can already be on screen meanwhile.
  const cached = requestCachedInbox(getDesk());
  const before = generation;
  paintCachedInbox(cached, store, () => !running && generation === before && store.getState().inboxSource !== 'live');
  const result = await getDesk().currentSession();
  if (!result.ok) {
    store.getState().setConnection(result.error.code === 'denied' ? 'denied' : 'error', result.error.message);
    return;
  }
  await startWith(result.value, store, factory, cached);
}

/** A new active profile; the same profile with the same token is a no-op (activate + event). */
export async function switchSession(
  session: Session,
  store: DeskStore = useDeskStore,
  factory: ClientFactory = sdkClientFactory,
): Promise<void> {
  const current = running?.session;
  if (current && current.profileId === session.profileId && current.token === session.token) return;
  await startWith(session, store, factory);
}

/** For tests and window unload. */
export async function stopSession(): Promise<void> {
  generation++;
  unsubscribeSessionChanged?.();
  unsubscribeSessionChanged = null;
  await stopRunning();
}
