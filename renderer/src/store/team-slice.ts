/**
 * What the conversation actions (assign, resolve, snooze, reopen) keep on screen while main talks
 * to Twilio: the answers main gave (until the SDK reports the same conversation newer), the
 * resolves waiting out their undo window (hidden from the inbox), the toasts, and which picker or
 * overlay is open. The team queue itself is another slice's.
 */
import type { QueueRow } from '../../../shared/ipc/team-schema';
import { withEntry, withoutEntry, type DeskState, type SliceCreator } from './store-types';

export type TeamState = 'active' | 'inactive' | 'closed';

/** Who has a conversation and where it stands, as the desk shows it. */
export interface TeamInfo {
  assignee: string | null;
  state: TeamState;
  /** Epoch ms of a snoozed conversation's wake-up; null otherwise. */
  snoozedUntil: number | null;
}

/** Main's answer to an action, kept until the SDK's own copy of the conversation is newer. */
export interface TeamOverride extends TeamInfo {
  /** The conversation's dateUpdated (epoch ms) in main's answer. */
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

export const createTeamSlice: SliceCreator<TeamSlice> = (set) => ({
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
        dateUpdated: row.dateUpdated,
      }),
    })),
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

const record = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** The `desk` key of a conversation's attributes (shared/ipc/team-schema's deskAttributesSchema), read leniently. */
function fromAttributes(attributes: unknown): { assignee: string | null; snoozedUntil: number | null } {
  const desk = record(record(attributes)?.desk);
  const assignee = typeof desk?.assignee === 'string' && desk.assignee !== '' ? desk.assignee : null;
  const until = typeof desk?.snoozedUntil === 'string' ? Date.parse(desk.snoozedUntil) : NaN;
  return { assignee, snoozedUntil: Number.isFinite(until) ? until : null };
}

const memo = new WeakMap<object, TeamInfo>();

/**
 * Who has the conversation and its state: main's last answer to an action, unless the SDK has
 * reported the conversation since (a teammate's later change wins). Null when it isn't in the inbox.
 * The same object while nothing changed, so components can select it directly.
 */
export function selectTeamInfo(s: DeskState, sid: string): TeamInfo | null {
  const c = s.conversations.get(sid);
  const o = s.teamOverrides.get(sid);
  if (o && (!c || (c.dateUpdated ?? 0) <= o.dateUpdated)) return o;
  if (!c) return null;
  const known = memo.get(c);
  if (known) return known;
  const fromSdk = fromAttributes(c.attributes);
  const state = c.state ?? 'active';
  const info: TeamInfo = { assignee: fromSdk.assignee, state, snoozedUntil: state === 'inactive' ? fromSdk.snoozedUntil : null };
  memo.set(c, info);
  return info;
}

const hidden = new WeakMap<object, { sids: string[]; resolving: ReadonlySet<string>; out: string[] }>();

/**
 * The inbox without the conversations waiting out a resolve's undo window: the same array when
 * there are none, and the same answer while neither changes (the inbox subscribes by identity).
 */
export function withoutResolving(s: Pick<DeskState, 'resolving' | 'memo'>, sids: string[]): string[] {
  if (s.resolving.size === 0) return sids;
  const last = hidden.get(s.memo);
  if (last && last.sids === sids && last.resolving === s.resolving) return last.out;
  const out = sids.filter((sid) => !s.resolving.has(sid));
  hidden.set(s.memo, { sids, resolving: s.resolving, out });
  return out;
}
