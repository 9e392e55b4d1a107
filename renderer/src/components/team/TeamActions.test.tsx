import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskBridge } from '../../../../shared/ipc/contract';
import type { QueueRow } from '../../../../shared/ipc/team-schema';
import { UNDO_MS } from '../../sdk/actions/team-actions';
import { selectInboxSids } from '../../store/selectors';
import { fakeDesk, resetAll, seedConversation, signIn, state } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { Thread } from '../thread/Thread';
import { snoozeUntil } from './snooze-times';
import { TeamLayer } from './TeamLayer';

const CH1 = `CH${'1'.repeat(32)}`;
const CH2 = `CH${'2'.repeat(32)}`;

const row = (sid: string, patch: Partial<QueueRow> = {}): QueueRow => ({
  sid,
  friendlyName: 'Acme order',
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
  seedConversation(CH2, { friendlyName: 'Refund', dateUpdated: 200 });
  state().setUserName('lee', 'Lee Park');
  state().select(CH1);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const show = () =>
  renderInSession(
    <>
      <Thread />
      <TeamLayer />
    </>,
  );
const actions = () => screen.getByRole('group', { name: 'Conversation actions' });

describe('the thread header’s actions', () => {
  it('shows an unassigned conversation as such, and Assign to me makes it mine', async () => {
    show();
    expect(within(actions()).getByRole('button', { name: 'Unassigned: assign' })).toBeTruthy();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Assign to me' }));
    expect(desk.assignConversation).toHaveBeenCalledWith({ conversationSid: CH1, assignee: 'alice', expected: null });
    expect(await within(actions()).findByRole('button', { name: 'Assigned to You: transfer' })).toBeTruthy();
    expect(within(actions()).queryByRole('button', { name: 'Assign to me' })).toBeNull();
  });

  it('tells the agent plainly who got there first, and shows them as the assignee', async () => {
    vi.mocked(desk.assignConversation).mockResolvedValueOnce(ok({ outcome: 'taken', assignee: 'lee', row: row(CH1, { assignee: 'lee' }) }));
    show();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Assign to me' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Lee Park has this conversation');
    expect(within(actions()).getByRole('button', { name: 'Assigned to Lee Park: transfer' })).toBeTruthy();
  });

  it('shows the assignment at once while main works, busy, so a second press sends nothing', async () => {
    let answer: (v: Awaited<ReturnType<DeskBridge['assignConversation']>>) => void = () => {};
    vi.mocked(desk.assignConversation).mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    show();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Assign to me' }));
    // Optimistic: mine before main has answered (its race check takes a few hundred ms).
    const assignee = within(actions()).getByRole('button', { name: 'Assigned to You: transfer' }) as HTMLButtonElement;
    expect(assignee.getAttribute('aria-busy')).toBe('true');
    expect(within(actions()).queryByRole('button', { name: 'Assign to me' })).toBeNull();
    expect((within(actions()).getByRole('button', { name: 'Resolve' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.keyboard('a');
    await act(async () => answer(ok({ outcome: 'assigned', assignee: 'alice', row: row(CH1, { assignee: 'alice' }) })));
    expect(desk.assignConversation).toHaveBeenCalledTimes(1);
    expect(within(actions()).getByRole('button', { name: 'Assigned to You: transfer' }).getAttribute('aria-busy')).toBe('false');
  });

  it('puts the assignee back and says why when main cannot assign', async () => {
    vi.mocked(desk.assignConversation).mockResolvedValueOnce({ ok: false, error: { code: 'twilio', message: 'Twilio is not answering' } });
    show();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Assign to me' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Twilio is not answering');
    expect(within(actions()).getByRole('button', { name: 'Unassigned: assign' })).toBeTruthy();
    expect(within(actions()).getByRole('button', { name: 'Assign to me' })).toBeTruthy();
  });

  it('assigns to a teammate from the picker of the service’s agents, me first', async () => {
    show();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Unassigned: assign' }));
    const picker = screen.getByRole('dialog', { name: 'Assign to…' });
    await vi.waitFor(() => expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['alice (me)', 'bob', 'Lee Parklee']));
    await userEvent.type(within(picker).getByRole('combobox', { name: 'Find an agent' }), 'park');
    await userEvent.keyboard('{Enter}');
    expect(desk.assignConversation).toHaveBeenCalledWith({ conversationSid: CH1, assignee: 'lee', expected: null });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('transfers an assigned conversation (forcing), and unassigns from the same picker', async () => {
    seedConversation(CH1, { friendlyName: 'Acme order', dateUpdated: 300, attributes: { desk: { assignee: 'lee' } } });
    show();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Assigned to Lee Park: transfer' }));
    let picker = screen.getByRole('dialog', { name: 'Transfer to…' });
    await userEvent.click(await within(picker).findByRole('option', { name: 'bob' }));
    expect(desk.assignConversation).toHaveBeenLastCalledWith({ conversationSid: CH1, assignee: 'bob' });
    await within(actions()).findByRole('button', { name: 'Assigned to bob: transfer' });
    await userEvent.click(within(actions()).getByRole('button', { name: 'Assigned to bob: transfer' }));
    picker = screen.getByRole('dialog', { name: 'Transfer to…' });
    await userEvent.click(within(picker).getByRole('button', { name: 'Unassign' }));
    expect(desk.assignConversation).toHaveBeenLastCalledWith({ conversationSid: CH1, assignee: null, expected: 'bob' });
  });

  it('shows main’s error in plain words, until dismissed', async () => {
    vi.mocked(desk.assignConversation).mockResolvedValueOnce({ ok: false, error: { code: 'unavailable', message: 'The team queue is not available yet.' } });
    show();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Assign to me' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not assign: The team queue is not available yet.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('snooze', () => {
  it('offers 1 hour, tomorrow 9:00 and next Monday 9:00, and sends the time shown', async () => {
    show();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Snooze' }));
    const picker = screen.getByRole('dialog', { name: 'Snooze until' });
    const options = within(picker)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(options.slice(0, 3)).toEqual([expect.stringMatching(/^In 1 hour/), expect.stringMatching(/^Tomorrowtomorrow at/), expect.stringMatching(/^Next Monday/)]);
    const before = Date.now();
    await userEvent.click(within(picker).getByRole('button', { name: /^Tomorrow/ }));
    const until = vi.mocked(desk.setConversationState).mock.calls[0]?.[0];
    expect(until).toEqual({ conversationSid: CH1, action: 'snooze', until: snoozeUntil('tomorrow', new Date(before)) });
    // Snoozed: the header says until when, and offers Reopen instead of Snooze.
    expect(await within(actions()).findByText(/^Snoozed until tomorrow at/)).toBeTruthy();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Reopen' }));
    expect(desk.setConversationState).toHaveBeenLastCalledWith({ conversationSid: CH1, action: 'reopen' });
  });

  it('takes a custom date and time, refusing one in the past', async () => {
    show();
    await userEvent.click(within(actions()).getByRole('button', { name: 'Snooze' }));
    const picker = screen.getByRole('dialog', { name: 'Snooze until' });
    const field = within(picker).getByLabelText('Pick a date and time');
    // jsdom types into datetime-local fields poorly; the browser's picker sets the value whole anyway.
    fireEvent.change(field, { target: { value: '2020-01-01T10:00' } });
    await userEvent.click(within(picker).getByRole('button', { name: 'Snooze' }));
    expect(within(picker).getByRole('alert').textContent).toBe('Pick a time in the future.');
    expect(desk.setConversationState).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: '2099-06-01T10:30' } });
    await userEvent.click(within(picker).getByRole('button', { name: 'Snooze' }));
    expect(desk.setConversationState).toHaveBeenCalledWith({ conversationSid: CH1, action: 'snooze', until: new Date(2099, 5, 1, 10, 30).getTime() });
  });

  it('closes on Escape, giving focus back to its button, and its button toggles it', async () => {
    show();
    const button = within(actions()).getByRole('button', { name: 'Snooze' });
    await userEvent.click(button);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Snooze until' })).toBeNull();
    expect(document.activeElement).toBe(button);
    await userEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await userEvent.click(button);
    expect(screen.queryByRole('dialog', { name: 'Snooze until' })).toBeNull();
  });
});

describe('resolve', () => {
  it('moves the conversation out at once with an Undo toast; Undo brings it back and nothing is sent', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime.bind(vi) });
    show();
    await user.click(within(actions()).getByRole('button', { name: 'Resolve' }));
    expect(selectInboxSids(state())).toEqual([CH2]);
    const toast = screen.getByRole('status');
    expect(toast.textContent).toContain('Resolved “Acme order”');
    act(() => {
      vi.advanceTimersByTime(UNDO_MS - 500);
    });
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    act(() => {
      vi.advanceTimersByTime(UNDO_MS);
    });
    expect(desk.setConversationState).not.toHaveBeenCalled();
    expect(selectInboxSids(state())).toEqual([CH1, CH2]);
    expect(state().selectedSid).toBe(CH1);
  });

  it('sent after the window; the resolved conversation is read-only: no composer, a note instead', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime.bind(vi) });
    show();
    expect(screen.getByRole('textbox', { name: /message/i })).toBeTruthy();
    await user.click(within(actions()).getByRole('button', { name: 'Resolve' }));
    await act(() => vi.advanceTimersByTimeAsync(UNDO_MS));
    expect(desk.setConversationState).toHaveBeenCalledWith({ conversationSid: CH1, action: 'resolve' });
    act(() => state().select(CH1));
    expect(screen.getByRole('note').textContent).toBe('Resolved — read-only. The customer’s next message starts a new conversation.');
    expect(screen.queryByRole('textbox', { name: /message/i })).toBeNull();
    expect(within(actions()).queryByRole('button', { name: 'Resolve' })).toBeNull();
    expect(within(actions()).getByText('Resolved')).toBeTruthy();
  });
});
