/**
 * The team queue main reads service-wide over REST (see shared/ipc/team-schema), and which view of
 * it the inbox shows. Rows arrive as a snapshot, then as versioned changes; sdk/team-binding feeds
 * them in and asks for a snapshot again when a version is missing.
 */
import type { QueueChanges, QueueRow, QueueSnapshot } from '../../../shared/ipc/team-schema';
import type { SliceCreator } from './store-types';

/** The inbox's views (issue 10): who a conversation waits for, or that it is done. */
export const VIEW_IDS = ['mine', 'unassigned', 'open', 'snoozed', 'resolved'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export type ChannelFilter = 'sms' | 'whatsapp' | 'chat';

export interface ViewFilters {
  /** Only conversations on this channel; null: every channel. */
  channel: ChannelFilter | null;
  /** Only conversations with unread messages (only the agent's own conversations have a count). */
  unreadOnly: boolean;
  /** Only conversations assigned to this identity; null: anyone or nobody. */
  assignee: string | null;
}

export const NO_FILTERS: ViewFilters = { channel: null, unreadOnly: false, assignee: null };

export interface QueueState {
  rows: ReadonlyMap<string, QueueRow>;
  /** The version the rows are at; -1 before the first snapshot. */
  version: number;
  /** False while main's first read is still paging. */
  complete: boolean;
  refreshedAt: number | null;
  /** The sids the last change touched (so the order can be patched, not re-sorted); null after a snapshot. */
  touched: readonly string[] | null;
}

export interface QueueSlice {
  queue: QueueState;
  /** The service's agent identities, for the assignee filter and pickers. */
  agents: readonly string[];
  view: ViewId;
  viewFilters: ViewFilters;
  /** A conversation the agent is not in, open read-only from the queue; null when none is. */
  teamViewSid: string | null;
  /** The list row the keyboard is on (see keyboard/inbox-keys); null: none yet. */
  inboxCursor: string | null;
  /** Counts the queue search indexes made after a search had to use part of one (store/views), so the list searches again. */
  queueIndexesMade: number;
  applyQueueSnapshot: (snapshot: QueueSnapshot) => void;
  /** False when a version is missing (or nothing was loaded yet): take a snapshot again. */
  applyQueueChanges: (changes: QueueChanges) => boolean;
  setAgents: (identities: readonly string[]) => void;
  setView: (view: ViewId) => void;
  setViewFilters: (patch: Partial<ViewFilters>) => void;
  openTeamConversation: (sid: string | null) => void;
  setInboxCursor: (sid: string | null) => void;
  noteQueueIndexMade: () => void;
}

const EMPTY_QUEUE: QueueState = { rows: new Map(), version: -1, complete: false, refreshedAt: null, touched: null };

/**
 * The rows after `changes`, or null for a gap. An old or repeated version changes nothing: the
 * snapshot it raced already holds it.
 */
export function queueAfter(queue: QueueState, changes: QueueChanges): QueueState | null {
  if (queue.version < 0) return null;
  if (changes.version <= queue.version) return queue;
  if (changes.version !== queue.version + 1) return null;
  const rows = new Map(queue.rows);
  for (const sid of changes.removed) rows.delete(sid);
  for (const row of changes.upserts) rows.set(row.sid, row);
  const touched = [...changes.removed, ...changes.upserts.map((r) => r.sid)];
  return { rows, version: changes.version, complete: changes.complete, refreshedAt: queue.refreshedAt, touched };
}

export const createQueueSlice: SliceCreator<QueueSlice> = (set, get) => ({
  queue: EMPTY_QUEUE,
  agents: [],
  view: 'open',
  viewFilters: NO_FILTERS,
  teamViewSid: null,
  inboxCursor: null,
  queueIndexesMade: 0,
  applyQueueSnapshot: (snapshot) =>
    set({
      queue: {
        rows: new Map(snapshot.rows.map((r) => [r.sid, r])),
        version: snapshot.version,
        complete: snapshot.complete,
        refreshedAt: snapshot.refreshedAt,
        touched: null,
      },
    }),
  applyQueueChanges: (changes) => {
    const next = queueAfter(get().queue, changes);
    if (next === null) return false;
    if (next !== get().queue) set({ queue: next });
    return true;
  },
  setAgents: (identities) => set({ agents: [...identities].sort((a, b) => a.localeCompare(b)) }),
  setView: (view) => set((s) => (s.view === view ? {} : { view, inboxCursor: null })),
  setViewFilters: (patch) => set((s) => ({ viewFilters: { ...s.viewFilters, ...patch } })),
  // A read-only conversation and an open SDK conversation never show at once.
  openTeamConversation: (sid) => set(sid === null ? { teamViewSid: null } : { teamViewSid: sid, selectedSid: null, inboxCursor: sid }),
  setInboxCursor: (inboxCursor) => set({ inboxCursor }),
  noteQueueIndexMade: () => set((s) => ({ queueIndexesMade: s.queueIndexesMade + 1 })),
});
