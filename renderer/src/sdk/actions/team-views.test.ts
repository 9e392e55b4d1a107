/**
 * The conversation actions joined with the views: main's answers (and the agent's click before
 * them) place rows in Mine/Unassigned/Resolved, queue rows the agent is not in get the same
 * actions, and a resolve waiting out its window leaves every view.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssignResult } from '../../../../shared/ipc/team-schema';
import type { IpcResult } from '../../../../shared/ipc/contract';
import { selectTeamInfo } from '../../store/team-slice';
import { selectViewCounts, selectViewSids } from '../../store/views';
import { queueRow, sidOf } from '../../test/queue';
import { fakeDesk, resetAll, seedConversation, session, signIn, state } from '../../test/fakes';
import { assignToMe, resolveConversation, UNDO_MS, undoResolve } from './team-actions';
import { leaveConversation } from './conversation-actions';
import { getDesk } from '../../platform/desk';

const ok = <T,>(value: T) => ({ ok: true as const, value });
const OWN = `CH${'a'.repeat(32)}`;
let answer: (r: IpcResult<AssignResult>) => void = () => undefined;

beforeEach(() => {
  resetAll();
  fakeDesk({
    assignConversation: vi.fn(() => new Promise<IpcResult<AssignResult>>((resolve) => (answer = resolve))),
    setConversationState: vi.fn(async (r) => ok(queueRow(1, { sid: r.conversationSid, state: 'closed', dateUpdated: 50 }))),
  });
  signIn('alice');
  state().applyQueueSnapshot({ rows: [queueRow(1, { friendlyName: 'Ana' }), queueRow(2, { assignee: 'bob' })], version: 1, complete: true, refreshedAt: 1 });
  seedConversation(OWN, { friendlyName: 'Own', dateUpdated: 10 });
});
afterEach(() => vi.useRealTimers());

const inView = (view: 'mine' | 'unassigned' | 'open' | 'resolved') => {
  state().setView(view);
  return selectViewSids(state());
};

describe('team info over the views', () => {
  it('answers for queue rows the agent is not in, from main’s queue', () => {
    expect(selectTeamInfo(state(), sidOf(2))).toMatchObject({ assignee: 'bob', state: 'active' });
    expect(selectTeamInfo(state(), sidOf(1))).toMatchObject({ assignee: null, state: 'active' });
    expect(selectTeamInfo(state(), 'CHnone')).toBeNull();
  });
});

describe('assign to me, optimistic', () => {
  it('moves a queue row to Mine on the click, and keeps it there once main confirms', async () => {
    const done = assignToMe(session(), sidOf(1));
    expect(inView('mine')).toEqual([sidOf(1)]);
    expect(inView('unassigned')).not.toContain(sidOf(1));
    answer(ok({ outcome: 'assigned', assignee: 'alice', row: queueRow(1, { assignee: 'alice', dateUpdated: 20 }) }));
    expect(await done).toEqual({ ok: true, outcome: 'assigned' });
    expect(inView('mine')).toEqual([sidOf(1)]);
  });

  it('taken: the row goes where the winner put it, and the answer names them', async () => {
    const done = assignToMe(session(), sidOf(1));
    answer(ok({ outcome: 'taken', assignee: 'bob', row: queueRow(1, { assignee: 'bob', dateUpdated: 20 }) }));
    expect(await done).toMatchObject({ ok: false, outcome: 'taken', message: 'bob has this conversation' });
    expect(inView('mine')).toEqual([]);
    expect(selectTeamInfo(state(), sidOf(1))?.assignee).toBe('bob');
  });

  it('an error puts the row back in Unassigned with main’s reason', async () => {
    const done = assignToMe(session(), sidOf(1));
    expect(selectViewCounts(state()).mine).toBe(1);
    answer({ ok: false, error: { code: 'twilio', message: 'Twilio is not answering' } });
    expect(await done).toEqual({ ok: false, message: 'Could not assign: Twilio is not answering' });
    expect(inView('unassigned')).toContain(sidOf(1));
    expect(selectViewCounts(state()).mine).toBe(0);
  });
});

describe('resolve across the views', () => {
  it('leaves every view during the undo window, and Undo brings it back', () => {
    vi.useFakeTimers();
    state().openTeamConversation(sidOf(1));
    resolveConversation(session(), sidOf(1));
    for (const view of ['unassigned', 'open', 'resolved'] as const) expect(inView(view)).not.toContain(sidOf(1));
    expect(selectViewCounts(state())).toMatchObject({ unassigned: 1, open: 2 });
    // The read-only view moved on to the next row.
    expect(state().teamViewSid).not.toBe(sidOf(1));
    undoResolve(session(), sidOf(1));
    expect(inView('unassigned')).toContain(sidOf(1));
    expect(selectViewCounts(state())).toMatchObject({ unassigned: 2, open: 3 });
    expect(state().teamViewSid).toBe(sidOf(1));
  });

  it('once sent it shows under Resolved (main’s answer), not back in the inbox, before the SDK says closed', async () => {
    vi.useFakeTimers();
    resolveConversation(session(), OWN);
    await vi.advanceTimersByTimeAsync(UNDO_MS);
    expect(state().resolving.has(OWN)).toBe(false);
    expect(inView('open')).not.toContain(OWN);
    expect(inView('resolved')).toEqual([OWN]);
  });
});


describe('leaving a conversation assigned to me', () => {
  it('unassigns it first, so it is not left in Mine with nobody in it', async () => {
    const MINE = `CH${'b'.repeat(32)}`;
    const conv = seedConversation(MINE, { friendlyName: 'Mine', dateUpdated: 11, attributes: { desk: { assignee: 'alice' } } }) as unknown as { leave: () => Promise<void> };
    const order: string[] = [];
    // Main's unassign takes the assignee out of the conversation, so the SDK's own leave then fails.
    conv.leave = vi.fn(async () => {
      order.push('leave');
      throw new Error('Not a participant');
    });
    const done = leaveConversation(session(), MINE);
    await vi.waitFor(() => expect(getDesk().assignConversation).toHaveBeenCalledWith({ conversationSid: MINE, assignee: null, expected: 'alice' }));
    order.push('unassign');
    answer(ok({ outcome: 'unassigned', assignee: null, row: queueRow(9, { sid: MINE, assignee: null, dateUpdated: 30 }) }));
    expect(await done).toEqual({ ok: true });
    expect(order).toEqual(['unassign', 'leave']);
  });

  it('does not leave when the unassign fails', async () => {
    const MINE = `CH${'b'.repeat(32)}`;
    const conv = seedConversation(MINE, { friendlyName: 'Mine', dateUpdated: 11, attributes: { desk: { assignee: 'alice' } } }) as unknown as { leave: () => Promise<void> };
    conv.leave = vi.fn(async () => undefined);
    const done = leaveConversation(session(), MINE);
    await vi.waitFor(() => expect(getDesk().assignConversation).toHaveBeenCalled());
    answer({ ok: false, error: { code: 'unavailable', message: 'Twilio is unreachable' } });
    expect(await done).toMatchObject({ ok: false });
    expect(conv.leave).not.toHaveBeenCalled();
  });
});
