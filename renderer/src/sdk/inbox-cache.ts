/**
 * Warm start: the inbox main kept from last time is painted before the SDK has announced a single
 * conversation, and a fresh copy is handed back to main while the agent works. Only a complete,
 * live inbox is ever saved (see InboxSlice), so a launch cut short can't leave a partial copy.
 */
import type { DeskBridge } from '../../../shared/ipc/contract';
import type { InboxCache, InboxCachePart } from '../../../shared/ipc/inbox-cache-schema';
import type { DeskStore } from '../store';
import type { DeskState } from '../store/store-types';
import { toInboxCache } from '../store/inbox-slice';

/** A change is saved once things are quiet for this long… */
const SAVE_QUIET_MS = 2_000;
/** …or at the latest this long after the first unsaved change, in a busy inbox. */
const SAVE_MAX_WAIT_MS = 20_000;
/**
 * Copying thousands of conversations for main is one long task (tens of ms at 10,000): it waits
 * for an idle moment, up to this long, so it doesn't land on a keystroke or a scroll.
 */
const SAVE_IDLE_WAIT_MS = 5_000;

/** Resolves in the browser's next idle period, or after `timeout` ms if none comes. */
const idle = (timeout: number): Promise<void> =>
  new Promise((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout }) : setTimeout(resolve, 0)));

type CacheBridge = Pick<DeskBridge, 'loadInboxCache' | 'saveInboxCache'>;

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

/** The two requests of a warm start: the newest conversations first, then all of them. */
export interface CachedParts {
  firstScreen: Promise<CachedInbox>;
  all: Promise<CachedInbox>;
}

/** The whole copy waits for a lull (the SDK loading and connecting) up to this long. */
const ALL_PARTS_IDLE_WAIT_MS = 1_500;

const afterPaint = (): Promise<void> =>
  new Promise((resolve) => {
    // rAF runs before the next paint and a task queued from it after; hidden windows get no frames.
    const fallback = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() => setTimeout(() => (clearTimeout(fallback), resolve()), 0));
  });

/**
 * Asks for the first screen, and for the whole copy once the first screen had a frame to paint:
 * at 10,000 conversations the whole copy is megabytes, and reading it would hold the first
 * screen back.
 */
export function requestCachedInbox(desk: CacheBridge): CachedParts {
  const firstScreen = loadInboxCache(desk, 'first-screen');
  const all = firstScreen.then(async (c) => {
    if (!c) return null;
    await afterPaint();
    await idle(ALL_PARTS_IDLE_WAIT_MS);
    return loadInboxCache(desk, 'all');
  });
  return { firstScreen, all };
}

/** Puts each part in the store as it arrives, while `wanted` says it belongs on screen. */
export function paintCachedInbox(parts: CachedParts, store: DeskStore, wanted: (c: NonNullable<CachedInbox>) => boolean): void {
  const paint = (c: CachedInbox) => {
    if (c && wanted(c)) store.getState().hydrateInbox(c.cache);
  };
  void parts.firstScreen.then((c) => {
    paint(c);
    if (c) performance.mark('desk:cache-painted');
    return parts.all.then(paint);
  });
}

// The source is watched too: an inbox that became live with nothing in it still replaces the copy.
const watched = (s: DeskState) => [s.inboxSource, s.conversations, s.participants, s.userNames] as const;

/** Saves the live inbox for `profileId` after changes; returns a stop function. */
export function keepInboxCached(store: DeskStore, profileId: string, desk: CacheBridge): () => void {
  let saved = watched(store.getState());
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let maxTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const dirty = (s: DeskState) => s.inboxSource === 'live' && watched(s).some((part, i) => part !== saved[i]);
  const save = () => {
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    quietTimer = maxTimer = undefined;
    const s = store.getState();
    if (stopped || !dirty(s)) return;
    saved = watched(s);
    desk.saveInboxCache({ profileId, cache: toInboxCache(s) }).then(
      (r) => {
        if (!r.ok) console.warn('[inbox-cache] not saved:', r.error.message);
      },
      (e: unknown) => console.warn('[inbox-cache] not saved', e),
    );
  };
  const saveWhenIdle = () => void idle(SAVE_IDLE_WAIT_MS).then(save);
  const unsubscribe = store.subscribe((s) => {
    if (!dirty(s)) return;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(saveWhenIdle, SAVE_QUIET_MS);
    maxTimer ??= setTimeout(saveWhenIdle, SAVE_MAX_WAIT_MS);
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
