/**
 * Warm start: the inbox main kept from last time is painted before the SDK has announced a single
 * conversation, and a fresh copy is handed back to main while the agent works. Only a complete,
 * live inbox is ever saved (see InboxSlice), so a launch cut short can't leave a partial copy; and
 * a copy counts as saved only once main said so.
 */
import type { DeskBridge } from '../../../shared/ipc/contract';
import type { InboxCache, InboxCachePart } from '../../../shared/ipc/inbox-cache-schema';
import type { DeskStore } from '../store';
import type { DeskState } from '../store/store-types';
import { toInboxCache } from '../store/inbox-slice';
import { dismissLaunchSnapshot } from '../launch/snapshot-paint';
import { afterPaint } from './after-paint';
import { takeEarlyFirstScreen } from './early-inbox';

/** A change is saved once things are quiet for this long… */
const SAVE_QUIET_MS = 2_000;
/** …or at the latest this long after the first unsaved change, in a busy inbox. */
const SAVE_MAX_WAIT_MS = 20_000;
/** Longest wait before trying again after saves failed. */
const SAVE_MAX_RETRY_MS = 5 * 60_000;
/**
 * Copying thousands of conversations for main is one long task (tens of ms at 10,000): it waits
 * for an idle moment, up to this long, so it doesn't land on a keystroke or a scroll.
 */
const SAVE_IDLE_WAIT_MS = 5_000;

/** Resolves in the browser's next idle period, or after `timeout` ms if none comes. */
const idle = (timeout: number): Promise<void> =>
  new Promise((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout }) : setTimeout(resolve, 0)));

type CacheBridge = Pick<DeskBridge, 'loadInboxCache' | 'saveInboxCache'> & Partial<Pick<DeskBridge, 'loadColdInbox'>>;

export type CachedInbox = { profileId: string; cache: InboxCache } | null;

/** The copy main kept for the active profile, or null; never rejects (a cache is optional). */
export async function loadInboxCache(desk: CacheBridge, part: InboxCachePart): Promise<CachedInbox> {
  try {
    const r = await desk.loadInboxCache({ part });
    return r.ok ? r.value : null;
  } catch (e) {
    console.warn('[inbox-cache] not restored', e);
    return null;
  }
}

/**
 * No copy kept (a cold start): the agent's own conversations over REST, read by main while the
 * SDK connects, shaped as a copy; null when main could not read them. Never rejects.
 */
export async function loadColdInbox(desk: CacheBridge): Promise<CachedInbox> {
  if (!desk.loadColdInbox) return null;
  try {
    const r = await desk.loadColdInbox();
    return r.ok ? r.value : null;
  } catch (e) {
    console.warn('[inbox-cache] no first page over REST', e);
    return null;
  }
}

/** The two requests of a warm start: the newest conversations first, then all of them. */
export interface CachedParts {
  firstScreen: Promise<CachedInbox>;
  all: Promise<CachedInbox>;
}

/** The whole copy waits for a lull (the SDK loading and connecting) up to this long. */
const ALL_PARTS_IDLE_WAIT_MS = 1_500;

const afterNextPaint = (): Promise<void> => new Promise((resolve) => afterPaint(resolve));

/**
 * Asks for the first screen, and for the whole copy once the first screen had a frame to paint:
 * at 10,000 conversations the whole copy is megabytes, and reading it would hold the first
 * screen back. With no copy kept, the first screen is main's REST read of the agent's conversations.
 */
export function requestCachedInbox(desk: CacheBridge): CachedParts {
  // The entry script may already have asked (sdk/early-inbox.ts): its answer is the same copy.
  const kept = takeEarlyFirstScreen() ?? loadInboxCache(desk, 'first-screen');
  // Without a copy, main's REST page is the first screen: one request holds a whole own inbox
  // (at most 1,000), so nothing follows it.
  const firstScreen = kept.then(async (c) => c ?? (await loadColdInbox(desk)));
  const all = kept.then(async (c) => {
    if (!c) return null;
    await afterNextPaint();
    await idle(ALL_PARTS_IDLE_WAIT_MS);
    return loadInboxCache(desk, 'all');
  });
  return { firstScreen, all };
}

/** Puts each part in the store as it arrives, while `wanted` says it belongs on screen. */
export function paintCachedInbox(
  parts: CachedParts,
  store: DeskStore,
  wanted: (c: NonNullable<CachedInbox>) => boolean,
  /** The copy is not this window's inbox (another profile's): the launch snapshot of it goes. */
  notMine: (c: NonNullable<CachedInbox>) => boolean = () => false,
): void {
  const paint = (c: CachedInbox): boolean => {
    if (!c || !wanted(c)) return false;
    store.getState().hydrateInbox(c.cache);
    return true;
  };
  void parts.firstScreen.then((c) => {
    if (paint(c)) performance.mark('desk:cache-painted');
    // No copy, or another profile's: the launch snapshot is not what the app will show. (A copy
    // not wanted by a session that has ended meanwhile is painted by the session that replaced it.)
    else if (!c || notMine(c)) dismissLaunchSnapshot();
    return parts.all.then(paint);
  });
}

// The source is watched too: an inbox that became live with nothing in it still replaces the copy.
const watched = (s: DeskState) => [s.inboxSource, s.conversations, s.participants, s.userNames] as const;

/** Saves the live inbox for `profileId` after changes; returns a stop function. */
export function keepInboxCached(store: DeskStore, profileId: string, desk: CacheBridge, snapshot: () => string | null = () => null): () => void {
  let saved = watched(store.getState());
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let maxTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const dirty = (s: DeskState) => s.inboxSource === 'live' && watched(s).some((part, i) => part !== saved[i]);
  /** A save is in flight: the next one waits for its answer, so answers can't arrive out of order. */
  let saving = false;
  let failures = 0;
  let retryAt = 0;
  const save = () => {
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    quietTimer = maxTimer = undefined;
    const s = store.getState();
    if (stopped || saving || !dirty(s)) return;
    if (Date.now() < retryAt) return schedule(retryAt - Date.now());
    const attempt = watched(s);
    saving = true;
    // Only main's answer makes the copy saved: a refusal or a failure leaves the inbox dirty, and
    // it is tried again later, waiting twice as long after each failure (copying a big inbox for
    // a store that keeps failing should not happen every few seconds).
    const settled = (ok: boolean) => {
      saving = false;
      failures = ok ? 0 : failures + 1;
      retryAt = ok ? 0 : Date.now() + Math.min(SAVE_MAX_WAIT_MS * 2 ** (failures - 1), SAVE_MAX_RETRY_MS);
      if (ok) saved = attempt;
      if (!stopped && dirty(store.getState())) schedule(ok ? SAVE_QUIET_MS : retryAt - Date.now());
    };
    // The launch snapshot is taken with the copy it shows (or none: main then drops the old one).
    desk.saveInboxCache({ profileId, cache: toInboxCache(s), snapshot: snapshot() }).then(
      (r) => {
        if (!r.ok) console.warn('[inbox-cache] not saved:', r.error.message);
        else if (!r.value.saved) console.warn('[inbox-cache] not saved: main did not keep it');
        settled(r.ok && r.value.saved);
      },
      (e: unknown) => {
        console.warn('[inbox-cache] not saved', e);
        settled(false);
      },
    );
  };
  const saveWhenIdle = () => void idle(SAVE_IDLE_WAIT_MS).then(save);
  const schedule = (quiet: number) => {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(saveWhenIdle, quiet);
    maxTimer ??= setTimeout(saveWhenIdle, SAVE_MAX_WAIT_MS);
  };
  const unsubscribe = store.subscribe((s) => {
    if (dirty(s)) schedule(SAVE_QUIET_MS);
  });
  // Closing or hiding the window: hand over what is pending now, the timers may never fire.
  const onHide = () => {
    if (document.visibilityState === 'hidden') save();
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', save);

  return () => {
    stopped = true;
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    unsubscribe();
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', save);
  };
}
