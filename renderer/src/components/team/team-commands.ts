/**
 * The conversation actions as the UI runs them, from a header button, a keyboard shortcut or an
 * inbox row alike: one at a time per conversation (busy), and whatever main answers that is not
 * success ("Lee has this conversation", a Twilio error) told in a toast that stays until dismissed.
 */
import type { DeskActions } from '../../sdk/actions';
import type { DeskStore } from '../../store';
import type { TeamBusy } from '../../store/team-slice';

interface Ctx {
  actions: DeskActions;
  store: DeskStore;
}

/** Runs `work` marked busy; answers the failure message (also toasted) or null. */
type Outcome = ({ ok: true } | { ok: false; message: string }) & { outcome?: string };

async function busyWhile(ctx: Ctx, sid: string, kind: TeamBusy, work: () => Promise<Outcome>): Promise<string | null> {
  const s = ctx.store.getState();
  if (s.teamBusy.has(sid)) return null;
  s.setTeamBusy(sid, kind);
  try {
    const r = await work();
    if (r.ok) return null;
    // Someone else having it is news, not a failure; anything else is an error to act on.
    ctx.store.getState().pushTeamToast({ kind: r.outcome === 'taken' ? 'notice' : 'error', text: r.message });
    return r.message;
  } finally {
    ctx.store.getState().setTeamBusy(sid, null);
  }
}

export const assignToMeCommand = (ctx: Ctx, sid: string) => busyWhile(ctx, sid, 'assign', () => ctx.actions.assignToMe(sid));

/** To `identity` (null unassigns). Over someone who has it, this is a transfer: it replaces them. */
export const assignCommand = (ctx: Ctx, sid: string, identity: string | null, current: string | null) =>
  busyWhile(ctx, sid, 'assign', () => ctx.actions.assignConversation(sid, identity, { force: identity !== null && current !== null }));

export const snoozeCommand = (ctx: Ctx, sid: string, until: number) => busyWhile(ctx, sid, 'snooze', () => ctx.actions.snoozeConversation(sid, until));

export const reopenCommand = (ctx: Ctx, sid: string) => busyWhile(ctx, sid, 'reopen', () => ctx.actions.reopenConversation(sid));

export function resolveCommand(ctx: Ctx, sid: string): void {
  const r = ctx.actions.resolveConversation(sid);
  if (!r.ok) ctx.store.getState().pushTeamToast({ kind: 'notice', text: r.message });
}
