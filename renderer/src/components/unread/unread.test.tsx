import { act, cleanup, fireEvent, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useReadOnFocus } from '../../hooks/useReadOnFocus';
import { DeskProvider } from '../../session/context';
import { fakeDesk, hostForTests, resetAll, seedConversation, signIn, startTestOutbox, state } from '../../test/fakes';
import { renderWithLayout } from '../../test/render';
import { InboxRow } from '../inbox/InboxRow';
import { Thread } from '../thread/Thread';
import { ThreadHeader } from '../thread/ThreadHeader';

beforeEach(() => {
  resetAll();
  const desk = fakeDesk();
  signIn('alice');
  startTestOutbox(desk);
});
afterEach(cleanup);

const read = { lastMessageIndex: 5, lastReadIndex: 5, unreadCount: 0 };
/** What the SDK's conversationUpdated brings once Twilio has the new horizon. */
const horizonMoved = (sid: string, lastReadIndex: number | null) =>
  act(() => state().upsertConversation({ ...state().conversations.get(sid)!, lastReadIndex }));

describe('Mark as unread', () => {
  it('moves the read horizon back one from the thread header and keeps the open thread unread on focus', async () => {
    const conv = seedConversation('CH1', read);
    act(() => state().select('CH1'));
    renderWithLayout(<ThreadHeader sid="CH1" />);
    renderHook(() => useReadOnFocus(), { wrapper: ({ children }: { children: ReactNode }) => <DeskProvider host={hostForTests()}>{children}</DeskProvider> });
    await userEvent.click(screen.getByRole('button', { name: 'Mark as unread' }));
    expect(conv.updateLastReadMessageIndex).toHaveBeenCalledWith(4);
    expect(state().keptUnread).toBe('CH1');
    horizonMoved('CH1', 4);
    fireEvent.focus(window);
    expect(conv.setAllMessagesRead).not.toHaveBeenCalled();
    // Leaving the thread and coming back reads it as usual.
    act(() => state().select('CH2'));
    act(() => state().select('CH1'));
    expect(state().keptUnread).toBeNull();
    fireEvent.focus(window);
    expect(conv.setAllMessagesRead).toHaveBeenCalled();
  });

  it('marks everything unread when the only message is the first', async () => {
    const conv = seedConversation('CH1', { lastMessageIndex: 0, lastReadIndex: 0 });
    renderWithLayout(<InboxRow sid="CH1" />);
    fireEvent.contextMenu(screen.getByRole('button', { name: /CH1/ }), { clientX: 40, clientY: 40 });
    // The conversation actions first, then the read state.
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Assign to me', 'Resolve', 'Snooze…', 'Mark as unread']);
    expect(document.activeElement).toBe(screen.getAllByRole('menuitem')[0]);
    const item = screen.getByRole('menuitem', { name: 'Mark as unread' });
    await userEvent.click(item);
    expect(conv.setAllMessagesUnread).toHaveBeenCalled();
    expect(screen.queryByRole('menu')).toBeNull();
    // Not open: opening it later reads it as usual.
    expect(state().keptUnread).toBeNull();
  });

  it('offers Mark as read for an unread row, and Escape closes the menu', async () => {
    const conv = seedConversation('CH1', { lastMessageIndex: 3, lastReadIndex: 1, unreadCount: 2 });
    renderWithLayout(<InboxRow sid="CH1" />);
    fireEvent.contextMenu(screen.getByRole('button', { name: /CH1/ }), { clientX: 40, clientY: 40 });
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.contextMenu(screen.getByRole('button', { name: /CH1/ }), { clientX: 40, clientY: 40 });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Mark as read' }));
    expect(conv.setAllMessagesRead).toHaveBeenCalled();
    expect(state().selectedSid).toBeNull();
  });
});

describe('Mark as unread, then reply', () => {
  it('lets the thread read as usual again once the agent sends a message', async () => {
    seedConversation('CH1', read);
    act(() => state().select('CH1'));
    act(() => state().keepUnread('CH1'));
    renderWithLayout(<Thread />);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'On it{Enter}');
    expect(state().keptUnread).toBeNull();
  });
});
