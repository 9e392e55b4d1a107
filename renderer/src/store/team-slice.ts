/**
 * What the conversation actions (assign, resolve, snooze, reopen) keep on screen while main talks
 * to Twilio: the answers main gave (until the SDK reports the same conversation newer), the
 * resolves waiting out their undo window (hidden from the inbox), the toasts, and which picker or
 * overlay is open. The team queue itself is another slice's.
 */
import type { ConversationState, QueueRow } from '../../../shared/ipc/team-schema';
import { withEntry, withoutEntry, type DeskState, type SliceCreator } from './store-types';
import { teamInfo, type TeamInfo } from './views';

export type TeamState = ConversationState;

/** Who has a conversation and where it stands, as the desk shows it (views' TeamInfo). */
export type { TeamInfo };

/**
 * Main's answer to an action, kept until the SDK's (or the queue's) own copy of the conversation
 * is newer. An optimistic one (the agent's click, before main answered) wins until main answers.
 */
export interface TeamOverride extends TeamInfo {
  /** The conversation's dateUpdated (epoch ms) in main's answer; +Infinity while only optimistic. */
  dateUpdated: number;
}

export type TeamToast =
  | { id: number; kind: 'undo'; sid: string; title: string }
  | { id: number; kind: 'error' | 'notice'; text: string };

/** The picker open in the thread header (keyboard shortcuts open them too). */
export type TeamMenu = { kind: 'assign' | 'snooze'; sid: string } | null;

/** The action a conversation is waiting on main for: its buttons show it busy and take no second press. */
export type TeamBusy = 'assign' | 'snooze' | 'reopen';

export interface TeamSlice {
  teamOverrides: Map<string, TeamOverride>;
  teamBusy: ReadonlyMap<string, TeamBusy>;
  /** Conversations whose resolve is waiting out its undo window: out of the inbox already. */
  resolving: ReadonlySet<string>;
  teamToasts: readonly TeamToast[];
  teamMenu: TeamMenu;
  shortcutHelpOpen: boolean;
  applyTeamRow: (row: QueueRow) => void;
  /**
   * Shows `assignee` at once, before main has answered (its race check takes a few hundred ms);
   * answers the undo, which puts back what was there unless main's answer has replaced it since.
   */
  assignOptimistically: (sid: string, assignee: string | null) => () => void;
  setResolving: (sid: string, pending: boolean) => void;
  setTeamBusy: (sid: string, busy: TeamBusy | null) => void;
  /** Adds a toast and answers its id. */
  pushTeamToast: (toast: DistributiveOmit<TeamToast, 'id'>) => number;
  dismissTeamToast: (id: number) => void;
  setTeamMenu: (menu: TeamMenu) => void;
  toggleShortcutHelp: (open?: boolean) => void;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Toasts beyond this many drop the oldest, so a burst of failures cannot fill the window. */
const MAX_TOASTS = 4;
let nextToastId = 1;

export const createTeamSlice: SliceCreator<TeamSlice> = (set, get) => ({
  teamOverrides: new Map(),
  resolving: new Set(),
  teamBusy: new Map(),
  teamToasts: [],
  teamMenu: null,
  shortcutHelpOpen: false,
  applyTeamRow: (row) =>
    set((s) => ({
      teamOverrides: withEntry(s.teamOverrides, row.sid, {
        assignee: row.assignee,
        state: row.state,
        snoozedUntil: row.state === 'inactive' ? row.snoozedUntil : null,
        previous: row.previous,
        dateUpdated: row.dateUpdated,
      }),
    })),
  assignOptimistically: (sid, assignee) => {
    const s = get();
    const before = s.teamOverrides.get(sid);
    const info = selectTeamInfo(s, sid);
    if (!info) return () => undefined;
    const guess: TeamOverride = { assignee, state: info.state, snoozedUntil: info.snoozedUntil, previous: info.previous, dateUpdated: Number.POSITIVE_INFINITY };
    set({ teamOverrides: withEntry(s.teamOverrides, sid, guess) });
    return () =>
      set((now) => {
        if (now.teamOverrides.get(sid) !== guess) return {};
        return { teamOverrides: before ? withEntry(now.teamOverrides, sid, before) : withoutEntry(now.teamOverrides, sid) };
      });
  },
  setResolving: (sid, pending) =>
    set((s) => {
      if (s.resolving.has(sid) === pending) return {};
      const resolving = new Set(s.resolving);
      if (pending) resolving.add(sid);
      else resolving.delete(sid);
      return { resolving };
    }),
  setTeamBusy: (sid, busy) =>
    set((s) => {
      if ((s.teamBusy.get(sid) ?? null) === busy) return {};
      return { teamBusy: busy === null ? withoutEntry(s.teamBusy, sid) : withEntry(s.teamBusy, sid, busy) };
    }),
  pushTeamToast: (toast) => {
    const id = nextToastId++;
    set((s) => ({ teamToasts: [...s.teamToasts, { ...toast, id } as TeamToast].slice(-MAX_TOASTS) }));
    return id;
  },
  dismissTeamToast: (id) =>
    set((s) => (s.teamToasts.some((t) => t.id === id) ? { teamToasts: s.teamToasts.filter((t) => t.id !== id) } : {})),
  setTeamMenu: (teamMenu) => set({ teamMenu }),
  toggleShortcutHelp: (open) => set((s) => ({ shortcutHelpOpen: open ?? !s.shortcutHelpOpen })),
});

/**
 * Who has the conversation and its state: main's last answer to an action (or the agent's click
 * it is still answering), unless the SDK or the team queue has reported the conversation since (a
 * teammate's later change wins); else views' `teamInfo` (the SDK's copy, or the queue's row for a
 * conversation the agent is not in). Null when the desk knows nothing of it. The same object while
 * nothing changed, so components can select it directly.
 */
export function selectTeamInfo(s: DeskState, sid: string): TeamInfo | null {
  return withTeamOverride(s, sid, teamInfo(s, sid));
}

/** `base` (views' answer for `sid`), or main's answer over it while that is the newest word. */
export function withTeamOverride(s: Pick<DeskState, 'teamOverrides' | 'conversations' | 'queue'>, sid: string, base: TeamInfo | null): TeamInfo | null {
  const o = s.teamOverrides.get(sid);
  if (!o) return base;
  const seen = s.conversations.get(sid)?.dateUpdated ?? s.queue.rows.get(sid)?.dateUpdated ?? null;
  return base === null || seen === null || seen <= o.dateUpdated ? o : base;
}

// Keyed by the list it filters (the inbox's and each view's are different arrays), so callers never evict each other.
const hidden = new WeakMap<string[], { resolving: ReadonlySet<string>; out: string[] }>();

/**
 * The list without the conversations waiting out a resolve's undo window: the same array when
 * there are none, and the same answer while neither changes (lists subscribe by identity).
 */
export function withoutResolving(s: Pick<DeskState, 'resolving'>, sids: string[]): string[] {
  if (s.resolving.size === 0) return sids;
  const last = hidden.get(sids);
  if (last && last.resolving === s.resolving) return last.out;
  const out = sids.some((sid) => s.resolving.has(sid)) ? sids.filter((sid) => !s.resolving.has(sid)) : sids;
  hidden.set(sids, { resolving: s.resolving, out });
  return out;
}
