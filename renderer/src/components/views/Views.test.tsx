import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueChanges } from '../../../../shared/ipc/team-schema';
import { conversationInFocus, openNextUnread } from '../../keyboard/inbox-keys';
import { bindTeamQueue } from '../../sdk/team-binding';
import { queueRow } from '../../test/queue';
import { fakeDesk, resetAll, seedConversation, session, signIn, state, store } from '../../test/fakes';
import { renderWithLayout } from '../../test/render';
import { useDeskStore } from '../../store';
import { Inbox } from '../inbox/Inbox';
import { Thread } from '../thread/Thread';
import { ReadOnlyThread } from './ReadOnlyThread';

/** The inbox and the thread pane, as App lays them out. */
function App() {
  const teamViewSid = useDeskStore((s) => s.teamViewSid);
  return (
    <>
      <Inbox />
      {teamViewSid ? <ReadOnlyThread key={teamViewSid} sid={teamViewSid} /> : <Thread />}
    </>
  );
}

const sidOf = (n: number) => queueRow(n).sid;
let emit: (c: QueueChanges) => void = () => undefined;

beforeEach(async () => {
  resetAll();
  const desk = fakeDesk({
    teamQueue: async () => ({
      ok: true,
      value: {
        version: 1,
        complete: true,
        refreshedAt: 1,
        rows: [
          queueRow(1, { friendlyName: 'Ana Lima' }),
          queueRow(2, { friendlyName: 'Ben Ode', assignee: 'bob', channel: 'whatsapp' }),
          queueRow(3, { friendlyName: 'Cy Pratt', state: 'closed', assignee: 'bob', previous: [sidOf(8)] }),
          queueRow(4, { friendlyName: 'Di Snow', state: 'inactive', snoozedUntil: Date.UTC(2030, 0, 2, 9), assignee: 'alice' }),
        ],
      },
    }),
    onTeamQueueChanged: (l) => {
      emit = l;
      return () => undefined;
    },
    teamAgents: async () => ({ ok: true, value: { identities: ['alice', 'bob', 'carol'] } }),
    teamMessages: vi.fn(async ({ conversationSid }) => ({
      ok: true as const,
      value: {
        messages: [
          { sid: `IM${'1'.padStart(32, '0')}`, index: 0, author: '+14155550003', body: `Hello from ${conversationSid.slice(-1)}`, dateCreated: Date.UTC(2026, 0, 1, 10), media: 0 },
          { sid: `IM${'2'.padStart(32, '0')}`, index: 1, author: 'bob', body: 'We are on it', dateCreated: Date.UTC(2026, 0, 1, 11), media: 1 },
        ],
        olderPageToken: null,
      },
    })),
  });
  signIn('alice');
  session().onEnd(bindTeamQueue(session(), desk));
  await vi.waitFor(() => expect(state().queue.version).toBe(1));
  seedConversation('CHmine', { friendlyName: 'Own chat', dateUpdated: Date.UTC(2026, 0, 5), unreadCount: 2, attributes: { desk: { assignee: 'alice' } } });
  seedConversation('CHother', { friendlyName: 'Team chat', dateUpdated: Date.UTC(2026, 0, 4), attributes: {} });
});
afterEach(cleanup);

const inbox = () => screen.getByRole('navigation', { name: 'Inbox' });
const rows = () =>
  within(screen.getByRole('tabpanel'))
    .queryAllByRole('button')
    .map((b) => b.getAttribute('aria-label'));
const tab = (name: RegExp) => screen.getByRole('tab', { name });

describe('views', () => {
  it('shows each view with its count, the agent’s conversations and the queue’s merged', async () => {
    renderWithLayout(<App />);
    expect(within(inbox()).getAllByRole('tab').map((t) => t.getAttribute('aria-label'))).toEqual([
      'Mine (1)',
      'Unassigned (2)',
      'All open (5)',
      'Snoozed (1)',
      'Resolved (1)',
    ]);
    expect(tab(/^All open/).getAttribute('aria-selected')).toBe('true');
    const shown = rows();
    expect(shown).toEqual(['Own chat, Chat, 2 unread, Assigned to You', 'Team chat, Chat', expect.stringMatching(/^Di Snow, SMS, Snoozed · (Jan 2|2 Jan) \d/), 'Ben Ode, WhatsApp, Assigned to bob', 'Ana Lima, SMS']);
    expect(shown[2]).toMatch(/, Assigned to You$/);
    await userEvent.click(tab(/^Unassigned/));
    expect(rows()).toEqual(['Team chat, Chat', 'Ana Lima, SMS']);
    await userEvent.click(tab(/^Resolved/));
    expect(rows()).toEqual(['Cy Pratt, SMS, Assigned to bob, resolved']);
  });

  it('updates counts live as the queue changes', async () => {
    renderWithLayout(<App />);
    act(() => emit({ version: 2, upserts: [queueRow(1, { friendlyName: 'Ana Lima', assignee: 'alice' })], removed: [], complete: true }));
    expect(tab(/^Mine/).getAttribute('aria-label')).toBe('Mine (2)');
    expect(tab(/^Unassigned/).getAttribute('aria-label')).toBe('Unassigned (1)');
  });

  it('filters by channel, unread and assignee, and searches within the view', async () => {
    renderWithLayout(<App />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'WhatsApp');
    expect(rows()).toEqual(['Ben Ode, WhatsApp, Assigned to bob']);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Channel' }), 'All channels');
    await userEvent.click(screen.getByRole('button', { name: 'Unread', pressed: false }));
    expect(rows()).toEqual(['Own chat, Chat, 2 unread, Assigned to You']);
    await userEvent.click(screen.getByRole('button', { name: 'Unread', pressed: true }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Assignee' }), 'bob');
    expect(rows()).toEqual(['Ben Ode, WhatsApp, Assigned to bob']);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Assignee' }), 'Anyone');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search conversations' }), '555 0001');
    expect(rows()).toEqual(['Ana Lima, SMS']);
  });

  it('opens a conversation the agent is not in read-only, with its messages, assignee and state', async () => {
    renderWithLayout(<App />);
    await userEvent.click(screen.getByRole('button', { name: /^Ben Ode/ }));
    const thread = screen.getByRole('main', { name: 'Ben Ode (read-only)' });
    // The live thread's actions, on a conversation the agent is not in.
    const actions = within(thread).getByRole('group', { name: 'Conversation actions' });
    expect(within(actions).getByRole('button', { name: 'Assigned to bob: transfer' })).toBeTruthy();
    expect(within(actions).getByRole('button', { name: 'Assign to me' })).toBeTruthy();
    expect(within(actions).getByRole('button', { name: 'Resolve' })).toBeTruthy();
    expect(within(thread).getByText('Open')).toBeTruthy();
    expect(within(thread).getByRole('note').textContent).toMatch(/not in this conversation/);
    expect(await within(thread).findByText('Hello from 2')).toBeTruthy();
    expect(within(thread).getByText('1 attachment')).toBeTruthy();
    expect(within(thread).queryByRole('textbox')).toBeNull();
  });

  it('says plainly that a resolved one is read-only, and links the customer’s earlier conversations', async () => {
    renderWithLayout(<App />);
    await userEvent.click(tab(/^Resolved/));
    await userEvent.click(screen.getByRole('button', { name: /^Cy Pratt/ }));
    const thread = screen.getByRole('main', { name: 'Cy Pratt (read-only)' });
    expect(within(thread).getByRole('note').textContent).toMatch(/^Resolved: this conversation is closed/);
    await userEvent.click(within(within(thread).getByRole('navigation', { name: 'Earlier conversations with this customer' })).getByRole('button', { name: '#1' }));
    expect(state().teamViewSid).toBe(sidOf(8));
    expect(await screen.findByRole('main', { name: 'Earlier conversation (read-only)' })).toBeTruthy();
  });
});

describe('list keyboard', () => {
  it('moves with arrows and j/k, opens with Enter into the composer, and Escape returns to the list', async () => {
    renderWithLayout(<App />);
    screen.getByRole('button', { name: /^Own chat/ }).focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Team chat/);
    await userEvent.keyboard('j');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Di Snow/);
    await userEvent.keyboard('k');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Team chat/);
    expect(conversationInFocus(state())).toBe('CHother');
    await userEvent.keyboard('{Enter}');
    expect(state().selectedSid).toBe('CHother');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' })));
    await userEvent.keyboard('{Escape}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Team chat/);
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Own chat/);
  });

  it('opens a queue row read-only with Enter, and next unread finds the agent’s unread conversation', async () => {
    renderWithLayout(<App />);
    screen.getByRole('button', { name: /^Ana Lima/ }).focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('main', { name: 'Ana Lima (read-only)' })).toBeTruthy();
    act(() => void openNextUnread(store()));
    expect(state().selectedSid).toBe('CHmine');
  });
});

describe('read-only thread', () => {
  it('gives way to the live thread once the agent joins the conversation', async () => {
    renderWithLayout(<App />);
    await userEvent.click(screen.getByRole('button', { name: /^Ana Lima/ }));
    expect(screen.getByRole('main', { name: 'Ana Lima (read-only)' })).toBeTruthy();
    act(() => void seedConversation(sidOf(1), { friendlyName: 'Ana Lima', attributes: { desk: { assignee: 'alice' } } }));
    await vi.waitFor(() => expect(state().selectedSid).toBe(sidOf(1)));
    expect(state().teamViewSid).toBeNull();
    expect(screen.queryByRole('main', { name: 'Ana Lima (read-only)' })).toBeNull();
  });
});
