/**
 * The first screen read ahead of the window's own asks. A launch's renderer can ask for its first
 * screen only once its bundle has been loaded, compiled and run (~0.5–1.5 s), and on a cold start
 * it asked twice in a row (the kept copy, then, finding none, the REST page of the agent's
 * conversations, itself up to a second at 1,000). Main starts both reads when it starts loading
 * the page, so they run beside the bundle and the SDK chunk; the renderer's asks then take the
 * reads already under way (each once, for the profile they were made for, while fresh) instead of
 * starting them.
 */
import type { InboxCache } from '../../shared/ipc/inbox-cache-schema';

/** A read made longer ago than this is not taken: the renderer reads afresh. */
export const LAUNCH_AHEAD_MAX_AGE_MS = 30_000;

export interface LaunchAheadDeps {
  /** The active profile. */
  activeProfileId(): Promise<string>;
  /** The kept copy's first screen for this profile (inbox-cache's 'first-screen' part); null when none. */
  keptFirstScreen(profileId: string): Promise<InboxCache | null>;
  /**
   * The REST page of this profile's agent's conversations (cold-inbox), read only when no copy is
   * kept; null when the profile stopped being the active one meanwhile.
   */
  coldPage(profileId: string): Promise<InboxCache | null>;
  /** The launch snapshot kept with this profile's copy (inbox-cache), or null. */
  keptSnapshot?(profileId: string): Promise<string | null>;
  now?: () => number;
  log?: (line: string) => void;
}

export interface LaunchAhead {
  /**
   * The page is being loaded: start reading its first screen (at most one read under way). From a
   * document being served (`document: true`), reads whose snapshot an earlier document took are
   * not reused: that is a second page load.
   */
  start(options?: { document?: boolean }): void;
  /** The kept copy's first screen for `profileId`: the read started ahead, taken once, or else `read()`. */
  kept(profileId: string, read: () => Promise<InboxCache | null>): Promise<InboxCache | null>;
  /** The REST page for `profileId`: the read started ahead, taken once, or else `read()`. */
  cold(profileId: string, read: () => Promise<InboxCache | null>): Promise<InboxCache | null>;
  /**
   * The launch snapshot for the document being served (taken once; `start()` first), or null when
   * none is kept or it takes longer than `waitMs`: the document is not held back for it.
   */
  snapshot(waitMs: number): Promise<string | null>;
}

/** No read-ahead: every ask reads now. */
export const inertLaunchAhead: LaunchAhead = { start() {}, kept: (_, read) => read(), cold: (_, read) => read(), snapshot: async () => null };

interface Ahead {
  profileId: Promise<string | null>;
  at: number;
  kept: Promise<InboxCache | null> | null;
  cold: Promise<InboxCache | null> | null;
  snapshot: Promise<string | null> | null;
  snapshotTaken: boolean;
}

export function createLaunchAhead({ activeProfileId, keptFirstScreen, coldPage, keptSnapshot, now = Date.now, log = () => {} }: LaunchAheadDeps): LaunchAhead {
  let ahead: Ahead | null = null;
  const quiet = <T>(p: Promise<T | null>, what: string): Promise<T | null> =>
    p.catch((error: unknown) => {
      // Only a head start: the renderer still gets its answer (no copy, or the SDK's own rows).
      log(`launch-ahead: ${what}: ${(error as Error).message}`);
      return null;
    });
  const fresh = (a: Ahead | null): a is Ahead => a !== null && now() - a.at <= LAUNCH_AHEAD_MAX_AGE_MS;
  const take = async (profileId: string, part: 'kept' | 'cold', read: () => Promise<InboxCache | null>): Promise<InboxCache | null> => {
    const a = ahead;
    const started = fresh(a) ? a[part] : null;
    if (!a || !started) return read();
    // Taken once: a later launch (a reload) reads afresh.
    a[part] = null;
    if (!a.kept && !a.cold && ahead === a) ahead = null;
    // Read for a profile that is no longer the one asking: not this inbox.
    return (await a.profileId) === profileId ? started : read();
  };
  return {
    start(options) {
      // Reads under way are reused, unless a document asks after an earlier one took their snapshot (a reload).
      if (fresh(ahead) && (ahead.kept || ahead.cold) && !(options?.document && ahead.snapshotTaken)) return;
      // Both reads are for the profile asked here, once: read apart, a switch between them could
      // hand one profile's inbox to the window as another's.
      const profileId = quiet(activeProfileId(), 'active profile');
      const kept = profileId.then((id) => (id === null ? null : quiet(keptFirstScreen(id), 'kept copy')));
      // No copy kept: a cold start, so the agent's conversations over REST, at once.
      const cold = Promise.all([profileId, kept]).then(([id, copy]) => (id === null || copy ? null : quiet(coldPage(id), 'REST page')));
      const snapshot = keptSnapshot ? profileId.then((id) => (id === null ? null : quiet(keptSnapshot(id), 'launch snapshot'))) : null;
      ahead = { profileId, at: now(), kept, cold, snapshot, snapshotTaken: false };
    },
    async snapshot(waitMs) {
      const a = ahead;
      const started = fresh(a) ? a.snapshot : null;
      if (!a || !started) return null;
      a.snapshot = null;
      a.snapshotTaken = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
      try {
        return await Promise.race([started, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    kept: (profileId, read) => take(profileId, 'kept', read),
    cold: (profileId, read) => take(profileId, 'cold', read),
  };
}
