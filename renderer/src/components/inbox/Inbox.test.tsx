import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeDesk, hostForTests, person, resetAll, seedConversation, signIn, state } from '../../test/fakes';
import { queueRow } from '../../test/queue';
import { renderWithLayout } from '../../test/render';
import { queueSearchIndexWhole, selectViewSids } from '../../store/views';
import { Inbox } from './Inbox';

beforeEach(() => {
  resetAll();
  fakeDesk();
  signIn('alice');
  seedConversation('CH1', { friendlyName: 'Acme order', dateUpdated: 300, lastMessageIndex: 4, lastReadIndex: 1, unreadCount: 3 });
  seedConversation('CH2', { friendlyName: 'Refund request', dateUpdated: 200 }, [
    person('MB1', { type: 'sms', address: '+14155550123' }),
  ]);
  seedConversation('CH3', { friendlyName: 'Team chat', dateUpdated: 100 }, [person('MB2', { identity: 'carol' })]);
});
afterEach(cleanup);

const rowNames = () =>
  within(screen.getByRole('navigation', { name: 'Inbox' }))
    .queryAllByRole('button')
    .map((b) => b.getAttribute('aria-label'))
    .filter((l): l is string => l !== null && /, (Chat|SMS|WhatsApp|Mixed)/.test(l));

describe('Inbox', () => {
  it('lists conversations by latest activity with channel and unread count', () => {
    renderWithLayout(<Inbox />);
    expect(rowNames()).toEqual(['Acme order, Chat, 3 unread', 'Refund request, SMS', 'Team chat, Chat']);
  });

  it('filters by name, participant identity and phone number', async () => {
    renderWithLayout(<Inbox />);
    const search = screen.getByRole('searchbox', { name: 'Search conversations' });
    await userEvent.type(search, 'acme');
    expect(rowNames()).toEqual(['Acme order, Chat, 3 unread']);
    await userEvent.clear(search);
    await userEvent.type(search, 'carol');
    expect(rowNames()).toEqual(['Team chat, Chat']);
    await userEvent.clear(search);
    await userEvent.type(search, '415 555 0123');
    expect(rowNames()).toEqual(['Refund request, SMS']);
    await userEvent.clear(search);
    await userEvent.type(search, 'nothing like this');
    expect(screen.getByText('No conversations match “nothing like this”')).toBeTruthy();
  });

  it('keeps the list mounted when a search finds nothing, and fills it again on Backspace', async () => {
    renderWithLayout(<Inbox />);
    const search = screen.getByRole('searchbox', { name: 'Search conversations' });
    const list = screen.getByRole('tabpanel').querySelector('.inbox-list');
    await userEvent.type(search, 'acmez');
    expect(screen.getByText('No conversations match “acmez”')).toBeTruthy();
    expect(rowNames()).toEqual([]);
    await userEvent.type(search, '{Backspace}');
    expect(rowNames()).toEqual(['Acme order, Chat, 3 unread']);
    expect(screen.queryByText('No conversations match “acmez”')).toBeNull();
    expect(screen.getByRole('tabpanel').querySelector('.inbox-list')).toBe(list);
  });

  it('says it is still searching the team queue while a search has seen only its newest rows, then shows what the rest held', async () => {
    // Only the oldest of 3,000 queue rows matches; a clock that runs fast makes the index a chunk of rows per step.
    state().applyQueueSnapshot({
      rows: Array.from({ length: 3000 }, (_, i) => queueRow(i + 1, { friendlyName: i === 0 ? 'Zed Oldest' : `Customer ${i + 1}` })),
      version: 1,
      complete: true,
      refreshedAt: 1,
    });
    state().setSearchQuery('zed');
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 1000));
    try {
      renderWithLayout(<Inbox />);
      expect(screen.getByRole('status').textContent).toContain('Searching the team queue…');
      expect(screen.queryByText(/No conversations match/)).toBeNull();
      expect(await screen.findByRole('button', { name: /^Zed Oldest/ })).toBeTruthy();
      expect(screen.queryByText('Searching the team queue…')).toBeNull();
    } finally {
      clock.mockRestore();
    }
  });

  it('makes the team queue searchable again after a queue change that leaves the list as it was, before anyone types', async () => {
    // Row 600 is resolved: the open conversations the agent looks at do not hold it.
    const resolved = (friendlyName: string) => queueRow(600, { state: 'closed', friendlyName });
    state().applyQueueSnapshot({ rows: [...Array.from({ length: 599 }, (_, i) => queueRow(i + 1)), resolved('Customer 600')], version: 1, complete: true, refreshedAt: 1 });
    renderWithLayout(<Inbox />);
    await vi.waitFor(() => expect(queueSearchIndexWhole(state())).toBe(true));
    const list = screen.getByRole('tabpanel').querySelector('.inbox-list');
    // The resolved row renamed: the agent's list is the same array, the index made for the old rows is not.
    const before = selectViewSids(state(), '');
    act(() => void state().applyQueueChanges({ version: 2, upserts: [resolved('Zed Renamed')], removed: [], complete: true }));
    expect(selectViewSids(state(), '')).toBe(before);
    expect(queueSearchIndexWhole(state())).toBe(false);
    await vi.waitFor(() => expect(queueSearchIndexWhole(state())).toBe(true));
    expect(screen.getByRole('tabpanel').querySelector('.inbox-list')).toBe(list);
  });

  it('selects a conversation on click', async () => {
    renderWithLayout(<Inbox />);
    await userEvent.click(screen.getByRole('button', { name: /^Team chat/ }));
    expect(state().selectedSid).toBe('CH3');
    expect(screen.getByRole('button', { name: /^Team chat/ }).getAttribute('aria-current')).toBe('true');
  });

  it('shows who is typing in place of the preview', () => {
    renderWithLayout(<Inbox />);
    act(() => state().setTyping('CH3', 'MB2', true));
    expect(screen.getByText('carol is typing…')).toBeTruthy();
  });

  it('follows a profile switch: the new session’s inbox replaces the old one’s', async () => {
    renderWithLayout(<Inbox />);
    expect(rowNames()).toHaveLength(3);
    await act(() => hostForTests().switchTo({ profileId: 'p2', kind: 'twilio', identity: 'bob', token: 't2', clientOptions: {}, emulatorUrl: null }));
    expect(rowNames()).toEqual([]);
    act(() => state().upsertConversation({ sid: 'CH9', friendlyName: 'Bob’s customer', uniqueName: null, dateUpdated: 1, lastMessageIndex: null, lastReadIndex: null, notificationLevel: 'default', attributes: {} }));
    expect(rowNames()).toEqual(['Bob’s customer, Chat']);
  });
});


describe('Inbox row markers', () => {
  it('shows an unsent draft in place of the last message', () => {
    act(() => state().setLastMessagePreview('CH2', { index: 0, text: 'Where is my refund?', author: '+14155550123', date: 250 }));
    act(() => state().setDraft('CH2', 'We sent it on Monday'));
    renderWithLayout(<Inbox />);
    const row = screen.getByRole('button', { name: /^Refund request/ });
    expect(row.getAttribute('aria-label')).toMatch(/^Refund request, SMS, .*Draft$/);
    expect(row.textContent).toContain('Draft: We sent it on Monday');
    expect(row.textContent).not.toContain('Where is my refund?');
    act(() => state().setDraft('CH2', ''));
    expect(row.textContent).toContain('Where is my refund?');
  });

  it('marks a conversation whose last message Twilio could not deliver', () => {
    act(() => state().setLastMessagePreview('CH2', { index: 0, text: 'Your refund is on its way', author: 'alice', date: 250, failed: true }));
    renderWithLayout(<Inbox />);
    const row = screen.getByRole('button', { name: /^Refund request/ });
    expect(row.getAttribute('aria-label')).toMatch(/^Refund request, SMS, .*Last message not delivered$/);
    expect(row.querySelector('.failed-marker')).not.toBeNull();
  });
});
