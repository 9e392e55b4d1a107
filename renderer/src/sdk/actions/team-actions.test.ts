import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskBridge } from '../../../../shared/ipc/contract';
import type { QueueRow } from '../../../../shared/ipc/team-schema';
import { fakeDesk, resetAll, seedConversation, session, signIn, state } from '../../test/fakes';
import { selectInboxSids } from '../../store/selectors';
import { selectTeamInfo } from '../../store/team-slice';
import { assignConversation, assignToMe, nextUnread, reopenConversation, resolveConversation, snoozeConversation, UNDO_MS, undoResolve } from './team-actions';

const CH1 = `CH${'1'.repeat(32)}`;
const CH2 = `CH${'2'.repeat(32)}`;
const CH3 = `CH${'3'.repeat(32)}`;

const row = (sid: string, patch: Partial<QueueRow> = {}): QueueRow => ({
  sid,
  friendlyName: null,
  uniqueName: null,
  state: 'active',
  dateCreated: 1_000,
  dateUpdated: 5_000,
  assignee: null,
  snoozedUntil: null,
  channel: 'sms',
  customer: '+15555550123',
  previous: [],
  ...patch,
});
const ok = <T,>(value: T) => ({ ok: true as const, value });
const failed = (message: string) => ({ ok: false as const, error: { code: 'twilio' as const, message } });

let desk: DeskBridge;
beforeEach(() => {
  resetAll();
  desk = fakeDesk({
    assignConversation: vi.fn(async (r) => ok({ outcome: r.assignee ? ('assigned' as const) : ('unassigned' as const), assignee: r.assignee, row: row(r.conversationSid, { assignee: r.assignee }) })),
    setConversationState: vi.fn(async (r) =>
      ok(row(r.conversationSid, { state: r.action === 'resolve' ? 'closed' : r.action === 'snooze' ? 'inactive' : 'active', snoozedUntil: r.action === 'snooze' ? r.until : null })),
    ),
    teamAgents: vi.fn(async () => ok({ identities: ['lee', 'alice', 'bob'] })),
  });
  signIn('alice');
  seedConversation(CH1, { friendlyName: 'Acme order', dateUpdated: 300 });
  seedConversation(CH2, { friendlyName: 'Refund', dateUpdated: 200, unreadCount: 2 });
  seedConversation(CH3, { friendlyName: 'Team chat', dateUpdated: 100 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('assigning', () => {
  it('assigns to me, telling main who the agent saw as assignee, and shows main’s answer at once', async () => {
    expect(await assignToMe(session(), CH1)).toEqual({ ok: true, outcome: 'assigned' });
    expect(desk.assignConversation).toHaveBeenCalledWith({ conversationSid: CH1, assignee: 'alice', expected: null });
    expect(selectTeamInfo(state(), CH1)?.assignee).toBe('alice');
  });

  it('never turns "assign to me" into an unassign when the session does not know who I am yet', async () => {
    state().setSession(null);
    expect(await assignToMe(session(), CH1)).toEqual({ ok: false, message: 'Not connected yet; try again in a moment' });
    expect(desk.assignConversation).not.toHaveBeenCalled();
  });

  it('reads who has it from the conversation’s attributes (attributes.desk.assignee)', async () => {
    seedConversation(CH1, { attributes: { desk: { assignee: 'bob' } }, dateUpdated: 300 });
    await assignToMe(session(), CH1);
    expect(desk.assignConversation).toHaveBeenCalledWith({ conversationSid: CH1, assignee: 'alice', expected: 'bob' });
  });

  it('says plainly who got there first, and shows them as the assignee: no half state', async () => {
    state().setUserName('lee', 'Lee');
    vi.mocked(desk.assignConversation).mockResolvedValueOnce(ok({ outcome: 'taken', assignee: 'lee', row: row(CH1, { assignee: 'lee' }) }));
    const r = await assignToMe(session(), CH1);
    expect(r).toEqual({ ok: false, message: 'Lee has this conversation', outcome: 'taken' });
    expect(selectTeamInfo(state(), CH1)?.assignee).toBe('lee');
  });

  it('transfers by force: no expected assignee, so whoever has it is replaced', async () => {
    await assignConversation(session(), CH1, 'bob', { force: true });
    expect(desk.assignConversation).toHaveBeenCalledWith({ conversationSid: CH1, assignee: 'bob' });
  });

  it('unassigns', async () => {
    seedConversation(CH1, { attributes: { desk: { assignee: 'alice' } } });
    expect(await assignConversation(session(), CH1, null)).toEqual({ ok: true, outcome: 'unassigned' });
    expect(desk.assignConversation).toHaveBeenCalledWith({ conversationSid: CH1, assignee: null, expected: 'alice' });
    expect(selectTeamInfo(state(), CH1)?.assignee).toBeNull();
  });

  it('words main’s error, and changes nothing on screen', async () => {
    vi.mocked(desk.assignConversation).mockResolvedValueOnce(failed('Twilio is slowing requests down; try again in a moment.'));
    expect(await assignToMe(session(), CH1)).toEqual({ ok: false, message: 'Could not assign: Twilio is slowing requests down; try again in a moment.' });
    expect(selectTeamInfo(state(), CH1)?.assignee).toBeNull();
  });

  it('lets a teammate’s later change win over main’s older answer', async () => {
    await assignToMe(session(), CH1);
    // The SDK reports the conversation updated after main's answer (dateUpdated 5 000): Lee took it.
    seedConversation(CH1, { attributes: { desk: { assignee: 'lee' } }, dateUpdated: 9_000 });
    expect(selectTeamInfo(state(), CH1)?.assignee).toBe('lee');
  });
});

describe('resolving', () => {
  it('takes the conversation out of the inbox at once and sends nothing while it can be undone', () => {
    vi.useFakeTimers();
    state().select(CH1);
    expect(resolveConversation(session(), CH1)).toEqual({ ok: true });
    expect(selectInboxSids(state())).toEqual([CH2, CH3]);
    // The selection moves on, as Gmail's archive does.
    expect(state().selectedSid).toBe(CH2);
    expect(state().teamToasts).toEqual([expect.objectContaining({ kind: 'undo', sid: CH1, title: 'Acme order' })]);
    vi.advanceTimersByTime(UNDO_MS - 1);
    expect(desk.setConversationState).not.toHaveBeenCalled();
  });

  it('undone within the window: nothing is sent and the conversation comes back, selected again', () => {
    vi.useFakeTimers();
    state().select(CH1);
    resolveConversation(session(), CH1);
    vi.advanceTimersByTime(UNDO_MS - 100);
    expect(undoResolve(session(), CH1)).toBe(true);
    vi.advanceTimersByTime(UNDO_MS * 2);
    expect(desk.setConversationState).not.toHaveBeenCalled();
    expect(selectInboxSids(state())).toEqual([CH1, CH2, CH3]);
    expect(state().selectedSid).toBe(CH1);
    expect(state().teamToasts).toEqual([]);
  });

  it('sent once the window has passed; the conversation is then resolved (read-only)', async () => {
    vi.useFakeTimers();
    resolveConversation(session(), CH1);
    await vi.advanceTimersByTimeAsync(UNDO_MS);
    expect(desk.setConversationState).toHaveBeenCalledWith({ conversationSid: CH1, action: 'resolve' });
    expect(undoResolve(session(), CH1)).toBe(false);
    expect(selectTeamInfo(state(), CH1)?.state).toBe('closed');
    expect(state().teamToasts).toEqual([]);
  });

  it('a resolve that fails brings the conversation back and says why', async () => {
    vi.useFakeTimers();
    vi.mocked(desk.setConversationState).mockResolvedValueOnce(failed('The conversation was deleted.'));
    resolveConversation(session(), CH1);
    await vi.advanceTimersByTimeAsync(UNDO_MS);
    expect(selectInboxSids(state())).toEqual([CH1, CH2, CH3]);
    expect(state().teamToasts).toEqual([
      expect.objectContaining({ kind: 'error', text: 'The conversation is still open; it could not be resolved: The conversation was deleted.' }),
    ]);
  });

  it('sends nothing once the session has ended (a profile switch during the window)', async () => {
    vi.useFakeTimers();
    const s = session();
    resolveConversation(s, CH1);
    await s.end();
    await vi.advanceTimersByTimeAsync(UNDO_MS);
    expect(desk.setConversationState).not.toHaveBeenCalled();
  });
});

describe('snooze and reopen', () => {
  it('snoozes until a time in the future, shown as snoozed with its wake-up', async () => {
    const until = Date.now() + 3_600_000;
    expect(await snoozeConversation(session(), CH1, until)).toEqual({ ok: true, row: expect.anything() });
    expect(desk.setConversationState).toHaveBeenCalledWith({ conversationSid: CH1, action: 'snooze', until });
    expect(selectTeamInfo(state(), CH1)).toMatchObject({ state: 'inactive', snoozedUntil: until });
  });

  it('refuses a time in the past without asking main', async () => {
    expect(await snoozeConversation(session(), CH1, Date.now() - 1)).toEqual({ ok: false, message: 'Pick a time in the future.', field: 'until' });
    expect(desk.setConversationState).not.toHaveBeenCalled();
  });

  it('reopens', async () => {
    await reopenConversation(session(), CH1);
    expect(desk.setConversationState).toHaveBeenCalledWith({ conversationSid: CH1, action: 'reopen' });
    expect(selectTeamInfo(state(), CH1)?.state).toBe('active');
  });
});

describe('next unread', () => {
  it('finds the next conversation with unread messages after the open one, wrapping round', () => {
    expect(nextUnread(session())).toBe(CH2);
    state().select(CH2);
    expect(nextUnread(session())).toBeNull();
    seedConversation(CH1, { friendlyName: 'Acme order', dateUpdated: 300, unreadCount: 1 });
    state().select(CH3);
    expect(nextUnread(session())).toBe(CH1);
  });
});
