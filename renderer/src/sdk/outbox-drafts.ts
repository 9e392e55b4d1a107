/**
 * Drafts live in main's encrypted outbox store (per profile). The store's `drafts` map is the
 * live copy; this module loads main's copy into it, writes every change back (one write in
 * flight at a time, later changes coalesced into the next), moves the drafts an older version
 * kept in localStorage into main once, and deletes drafts of conversations that are gone once
 * the inbox is settled (the SDK has listed every conversation).
 */
import type { DeskBridge } from '../../../shared/ipc/contract';
import type { DraftChange } from '../../../shared/ipc/outbox-schema';
import type { DeskState } from '../store';

type DraftState = Pick<DeskState, 'drafts' | 'conversations' | 'inboxSource' | 'setDraft'>;

export interface DraftSyncDeps {
  profileId: string;
  store: { getState: () => DraftState; subscribe: (listener: (state: DraftState, prev: DraftState) => void) => () => void };
  bridge: Pick<DeskBridge, 'saveDrafts'>;
  /** Drafts an older version kept in localStorage, and a way to remove them once main has them. */
  legacy?: { take: () => Map<string, string>; clear: () => void };
  log?: (line: string) => void;
}

export interface DraftSync {
  /** `kept`: the drafts main holds (from outbox:load). */
  start(kept: readonly DraftChange[]): void;
  stop(): void;
  /** Resolves when every change so far is written (tests, shutdown). */
  flushed(): Promise<void>;
}

export function createDraftSync({ profileId, store, bridge, legacy, log = (l) => console.warn(`[drafts] ${l}`) }: DraftSyncDeps): DraftSync {
  /** What main holds, as far as this session knows. */
  const saved = new Map<string, string>();
  /** Changes not yet sent to main: sid → text ('' deletes). */
  const unsent = new Map<string, string>();
  let inFlight: Promise<void> | null = null;
  let live = true;
  let unsubscribe: (() => void) | null = null;
  let onLegacySaved: (() => void) | null = null;

  const note = (sid: string, text: string) => {
    if ((saved.get(sid) ?? '') === text) unsent.delete(sid);
    else unsent.set(sid, text);
  };

  // Not gated on `live`: after stop() no change is noted any more, so what is left unsent was typed
  // before it, and must still reach main (a profile switch or a reload right after typing).
  const pump = () => {
    if (inFlight || unsent.size === 0) return;
    const batch: DraftChange[] = [...unsent.entries()];
    unsent.clear();
    const legacySaved = onLegacySaved;
    onLegacySaved = null;
    inFlight = bridge
      .saveDrafts({ profileId, drafts: batch })
      .then((r) => {
        if (!r.ok || !r.value.saved) {
          log(`drafts not kept: ${r.ok ? 'no secure storage for this profile' : r.error.message}`);
          return;
        }
        for (const [sid, text] of batch) {
          if (text === '') saved.delete(sid);
          else saved.set(sid, text);
        }
        legacySaved?.();
      })
      .catch((e: unknown) => log(`drafts not kept: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        inFlight = null;
        pump();
      });
  };

  /** Drafts of conversations the settled inbox no longer has. */
  const dropGone = (s: DraftState) => {
    if (s.inboxSource !== 'live') return;
    for (const sid of s.drafts.keys()) if (!s.conversations.has(sid)) s.setDraft(sid, '');
    for (const sid of saved.keys()) if (!s.conversations.has(sid) && !s.drafts.has(sid)) note(sid, '');
  };

  const onChange = (s: DraftState, prev: DraftState) => {
    if (!live) return;
    if (s.drafts !== prev.drafts) {
      for (const [sid, text] of s.drafts) if (prev.drafts.get(sid) !== text) note(sid, text);
      for (const sid of prev.drafts.keys()) if (!s.drafts.has(sid)) note(sid, '');
    }
    if (s.inboxSource === 'live' && (prev.inboxSource !== 'live' || s.conversations !== prev.conversations) && s.drafts.size + saved.size > 0) dropGone(s);
    if (unsent.size > 0) pumpSoon();
  };

  /**
   * The write leaves in a task of its own: a keystroke's or a send's store update would otherwise
   * wait for the IPC request before the frame (and a send before its socket write). Changes
   * arriving until then go in the same write.
   */
  let soon: Promise<void> | null = null;
  let soonTimer: ReturnType<typeof setTimeout> | null = null;
  let soonDone: (() => void) | null = null;
  const pumpNow = () => {
    if (soonTimer) clearTimeout(soonTimer);
    soonTimer = null;
    soon = null;
    const done = soonDone;
    soonDone = null;
    pump();
    done?.();
  };
  const pumpSoon = () => {
    soon ??= new Promise<void>((done) => {
      soonDone = done;
      soonTimer = setTimeout(pumpNow, 0);
    });
  };

  return {
    start(kept) {
      for (const [sid, text] of kept) saved.set(sid, text);
      const state = store.getState();
      // What the agent typed before main answered wins over main's copy.
      for (const [sid, text] of kept) if (!state.drafts.has(sid)) state.setDraft(sid, text);
      const old = legacy?.take() ?? new Map<string, string>();
      for (const [sid, text] of old) if (!store.getState().drafts.has(sid)) store.getState().setDraft(sid, text);
      unsubscribe = store.subscribe(onChange);
      // The first subscribe misses what was applied above; compare with what main holds instead.
      for (const [sid, text] of store.getState().drafts) note(sid, text);
      if (old.size > 0) onLegacySaved = () => legacy?.clear();
      if (old.size > 0 && unsent.size === 0) legacy?.clear();
      dropGone(store.getState());
      pump();
    },
    stop() {
      live = false;
      unsubscribe?.();
      // The write waiting for its own task goes now: the session may be gone before that task runs.
      if (soonTimer) pumpNow();
    },
    async flushed() {
      while (inFlight || soon) await (soon ?? inFlight);
    },
  };
}
