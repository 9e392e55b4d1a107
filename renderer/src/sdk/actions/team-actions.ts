/**
 * The agent inbox's actions on a conversation: assign, unassign, transfer, resolve (with undo),
 * snooze and reopen. They are REST-only in Twilio, so main carries them out (bridge
 * `assignConversation` / `setConversationState`); the answer main gives is shown at once (team-slice)
 * and the SDK's own update follows.
 */
import type { IpcResult } from '../../../../shared/ipc/contract';
import type { QueueRow, StateRequest } from '../../../../shared/ipc/team-schema';
import { i18n } from '../../i18n';
import { getDesk } from '../../platform/desk';
import type { SessionScope } from '../../session/scope';
import { conversationInFocus, openInboxRow } from '../../keyboard/inbox-keys';
import { conversationTitle } from '../../store/selectors';
import { selectViewSids } from '../../store/views';
import { selectTeamInfo } from '../../store/team-slice';
import { adjacentConversation } from '../../desktop/navigation';
import { errorText, fail, OK, type ActionResult } from './result';

/** How long "Resolved · Undo" waits before the resolve is sent. */
export const UNDO_MS = 5_000;

/** What came of an assignment: `taken` means someone else got there first (the message says who). */
export type AssignOutcome = ActionResult & { outcome?: 'assigned' | 'unassigned' | 'taken' };

/** A teammate's name as the desk knows it (their friendly name), else their identity. */
export function agentName(s: SessionScope, identity: string): string {
  return s.store.getState().userNames.get(identity) ?? identity;
}

async function call<T>(request: () => Promise<IpcResult<T>>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    const r = await request();
    return r.ok ? r : { ok: false, message: r.error.message };
  } catch (e) {
    return { ok: false, message: errorText(e) };
  }
}

/**
 * Assigns the conversation to `assignee` (null unassigns). `expected` is who the agent saw as
 * assignee; when someone else has it by now, nothing changes and the answer says who has it.
 * Pass `force` for a transfer, which replaces whoever has it.
 */
export async function assignConversation(
  s: SessionScope,
  sid: string,
  assignee: string | null,
  options: { force?: boolean } = {},
): Promise<AssignOutcome> {
  const seen = selectTeamInfo(s.store.getState(), sid)?.assignee ?? null;
  // Shown at once (the row moves to Mine before main's race check answers); main's answer replaces it, a failure puts back what was there.
  const revert = s.store.getState().assignOptimistically(sid, assignee);
  const r = await call(() => getDesk().assignConversation({ conversationSid: sid, assignee, ...(options.force ? {} : { expected: seen }) }));
  if (!s.isLive()) return fail(i18n.t('errors.conversationGone'));
  if (!r.ok) {
    revert();
    return fail(i18n.t('teamActions.assignFailed', { reason: r.message }));
  }
  s.store.getState().applyTeamRow(r.value.row);
  if (r.value.outcome === 'taken') {
    const who = r.value.assignee;
    const message = who ? i18n.t('teamActions.taken', { name: agentName(s, who) }) : i18n.t('teamActions.takenUnassigned');
    return { ok: false, message, outcome: 'taken' };
  }
  return { ...OK, outcome: r.value.outcome };
}

export async function assignToMe(s: SessionScope, sid: string): Promise<AssignOutcome> {
  const me = s.store.getState().session?.identity;
  // Without an identity "me" would be null, which unassigns: refuse instead.
  if (!me) return fail(i18n.t('errors.notConnected'));
  return assignConversation(s, sid, me);
}

async function setState(s: SessionScope, request: StateRequest, failedKey: 'teamActions.snoozeFailed' | 'teamActions.reopenFailed' | 'teamActions.resolveFailed'): Promise<ActionResult & { row?: QueueRow }> {
  const r = await call(() => getDesk().setConversationState(request));
  if (!s.isLive()) return fail(i18n.t('errors.conversationGone'));
  if (!r.ok) return fail(i18n.t(failedKey, { reason: r.message }));
  s.store.getState().applyTeamRow(r.value);
  return { ...OK, row: r.value };
}

/** Snoozes until `until` (epoch ms, in the future): Twilio's `inactive`, woken at that time or by the customer. */
export async function snoozeConversation(s: SessionScope, sid: string, until: number, now = Date.now()): Promise<ActionResult> {
  if (!Number.isFinite(until) || until <= now) return fail(i18n.t('teamActions.snoozePast'), 'until');
  return setState(s, { conversationSid: sid, action: 'snooze', until: Math.round(until) }, 'teamActions.snoozeFailed');
}

export const reopenConversation = (s: SessionScope, sid: string) => setState(s, { conversationSid: sid, action: 'reopen' }, 'teamActions.reopenFailed');

interface PendingResolve {
  timer: ReturnType<typeof setTimeout>;
  toastId: number;
  /** Selected before the resolve moved the selection on; selected again on undo. */
  wasSelected: boolean;
}

/** Per session (keyed by its store, which the session owns alone): the resolves waiting out their undo window. */
const pendingBySession = new WeakMap<object, Map<string, PendingResolve>>();
const pendingOf = (s: SessionScope) => {
  let m = pendingBySession.get(s.store);
  if (!m) pendingBySession.set(s.store, (m = new Map()));
  return m;
};

/**
 * Resolves after an undo window: the conversation leaves the inbox now (the selection moves to
 * the next one, as Gmail's archive does) and the call is sent only once the window has passed.
 * Undone in time, nothing was sent. Resolved is Twilio's `closed`: final and read-only; the
 * customer's next message starts a new conversation.
 */
export function resolveConversation(s: SessionScope, sid: string): ActionResult {
  const pending = pendingOf(s);
  if (pending.has(sid)) return OK;
  const state = s.store.getState();
  const c = state.conversations.get(sid);
  const row = state.queue.rows.get(sid);
  const info = selectTeamInfo(state, sid);
  if (info?.state === 'closed') return fail(i18n.t('teamActions.alreadyResolved'));
  // Open in the thread or read-only: the next row of the view takes its place.
  const wasSelected = state.selectedSid === sid || state.teamViewSid === sid;
  if (wasSelected) {
    const order = selectViewSids(state);
    const next = order.length > 1 ? adjacentConversation(order, sid, 1) : null;
    const then = next === sid ? adjacentConversation(order, sid, -1) : next;
    if (then !== null && then !== sid) openInboxRow(s.store, then);
    else if (state.selectedSid === sid) state.select(null);
    else state.openTeamConversation(null);
  }
  state.setResolving(sid, true);
  const toastId = state.pushTeamToast({ kind: 'undo', sid, title: conversationTitle(c ?? row ?? { sid, friendlyName: null, uniqueName: null }) });
  const timer = setTimeout(() => void sendResolve(s, sid), UNDO_MS);
  pending.set(sid, { timer, toastId, wasSelected });
  return OK;
}

/** Takes a resolve back within its window: nothing is sent and the conversation returns. */
export function undoResolve(s: SessionScope, sid: string): boolean {
  const p = pendingOf(s).get(sid);
  if (!p) return false;
  clearTimeout(p.timer);
  pendingOf(s).delete(sid);
  const state = s.store.getState();
  state.dismissTeamToast(p.toastId);
  state.setResolving(sid, false);
  if (p.wasSelected) openInboxRow(s.store, sid);
  return true;
}

async function sendResolve(s: SessionScope, sid: string): Promise<void> {
  const p = pendingOf(s).get(sid);
  if (!p) return;
  pendingOf(s).delete(sid);
  // A session that ended (profile switch, window closing) sends nothing: the conversation stays open.
  if (!s.isLive()) return;
  const state = s.store.getState();
  state.dismissTeamToast(p.toastId);
  const r = await setState(s, { conversationSid: sid, action: 'resolve' }, 'teamActions.resolveFailed');
  if (!s.isLive()) return;
  // Main's answer (closed) places it under Resolved now, so it does not flash back into the inbox.
  s.store.getState().setResolving(sid, false);
  if (!r.ok) s.store.getState().pushTeamToast({ kind: 'error', text: r.message });
}

/** Whether a resolve of `sid` is waiting out its undo window. */
export const resolvePending = (s: SessionScope, sid: string): boolean => pendingOf(s).has(sid);

/** The service's agents for the assign picker, sorted, the signed-in agent first. */
export async function loadAgents(s: SessionScope): Promise<{ ok: true; identities: string[] } | { ok: false; message: string }> {
  const r = await call(() => getDesk().teamAgents());
  if (!r.ok) return { ok: false, message: i18n.t('teamActions.agentsFailed', { reason: r.message }) };
  const me = s.store.getState().session?.identity ?? null;
  const others = [...new Set(r.value.identities)].filter((id) => id !== me).sort((a, b) => a.localeCompare(b, i18n.language));
  return { ok: true, identities: me ? [me, ...others] : others };
}

/** The conversation after the one in focus in the view with unread messages, wrapping round; null when none. */
export function nextUnread(s: SessionScope): string | null {
  const state = s.store.getState();
  const order = selectViewSids(state);
  const from = conversationInFocus(state);
  const at = from === null ? -1 : order.indexOf(from);
  for (let i = 1; i <= order.length; i++) {
    const sid = order[(at + i + order.length) % order.length] as string;
    if (sid !== from && (state.conversations.get(sid)?.unreadCount ?? 0) > 0) return sid;
  }
  return null;
}
