import { reducePending, type PendingAction } from './pending-send';
import { emptyThread, prependOlder, upsertByIndex } from './thread-logic';
import type { MessageSnapshot, ThreadState } from './types';
import { withEntry, withoutEntry, type DeskState, type SliceCreator } from './store-types';

export interface MessagesSlice {
  threads: Map<string, ThreadState>;
  threadLoading: (sid: string, kind: 'initial' | 'older') => void;
  threadLoaded: (sid: string, items: MessageSnapshot[], hasOlder: boolean, readHorizon: number | null) => void;
  olderLoaded: (sid: string, items: MessageSnapshot[], hasOlder: boolean) => void;
  threadFailed: (sid: string, error: string) => void;
  setReadHorizon: (sid: string, index: number | null) => void;
  /** Live add or update; ignored for threads never opened (the inbox preview covers those). */
  putMessage: (sid: string, message: MessageSnapshot) => void;
  removeMessage: (sid: string, index: number) => void;
  /** The registry let go of this thread's SDK messages: its history goes too (pending sends stay). */
  closeThread: (sid: string) => void;
  /** Every change to a pending send goes through the one reducer (pending-send.ts). */
  pendingSend: (sid: string, action: PendingAction) => void;
}

type Patch = (thread: ThreadState) => ThreadState | null;

/** Applies `patch` to one thread (creating it if needed) and returns the new threads Map. */
function patchThread(s: DeskState, sid: string, patch: Patch, create = false): Partial<DeskState> {
  const prev = s.threads.get(sid) ?? (create ? emptyThread() : undefined);
  if (!prev) return {};
  const next = patch(prev);
  return next ? { threads: withEntry(s.threads, sid, next) } : {};
}

export const createMessagesSlice: SliceCreator<MessagesSlice> = (set) => ({
  threads: new Map(),

  threadLoading: (sid, kind) => set((s) => patchThread(s, sid, (t) => ({ ...t, loading: kind, error: null }), true)),

  threadLoaded: (sid, items, hasOlder, readHorizon) =>
    set((s) =>
      patchThread(
        s,
        sid,
        (t) => {
          // Live messages may have arrived while the page loaded: merge instead of replacing.
          const merged = t.items.reduce(upsertByIndex, [...items].sort((a, b) => a.index - b.index));
          return { ...t, items: merged, hasOlder, loading: 'idle', error: null, readHorizon };
        },
        true,
      ),
    ),

  olderLoaded: (sid, older, hasOlder) =>
    set((s) =>
      patchThread(s, sid, (t) => {
        const { items, added } = prependOlder(t.items, older);
        return { ...t, items, hasOlder, loading: 'idle', firstItemIndex: t.firstItemIndex - added };
      }),
    ),

  threadFailed: (sid, error) => set((s) => patchThread(s, sid, (t) => ({ ...t, loading: 'idle', error }), true)),

  setReadHorizon: (sid, readHorizon) => set((s) => patchThread(s, sid, (t) => ({ ...t, readHorizon }), true)),

  putMessage: (sid, message) =>
    set((s) =>
      patchThread(s, sid, (t) => ({
        ...t,
        items: upsertByIndex(t.items, message),
        pending: reducePending(t.pending, t.items, { type: 'echo', message, me: s.session?.identity ?? null }),
      })),
    ),

  removeMessage: (sid, index) =>
    set((s) =>
      patchThread(s, sid, (t) =>
        t.items.some((m) => m.index === index) ? { ...t, items: t.items.filter((m) => m.index !== index) } : null,
      ),
    ),

  closeThread: (sid) =>
    set((s) => {
      const t = s.threads.get(sid);
      if (!t) return {};
      return { threads: t.pending.length === 0 ? withoutEntry(s.threads, sid) : withEntry(s.threads, sid, { ...emptyThread(), pending: t.pending }) };
    }),

  pendingSend: (sid, action) =>
    set((s) =>
      patchThread(
        s,
        sid,
        (t) => {
          const pending = reducePending(t.pending, t.items, action);
          return pending === t.pending ? null : { ...t, pending };
        },
        action.type === 'add',
      ),
    ),
});
