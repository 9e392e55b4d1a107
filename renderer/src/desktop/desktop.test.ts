import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openConversation } from '../hooks/useDesktopEvents';
import { startNewMessageReports } from '../hooks/useDesktopReports';
import { useDeskStore } from '../store';
import { fakeDesk, resetAll, seedConversation, signIn, snapshot } from '../test/fakes';
import { adjacentConversation } from './navigation';
import { findNewMessages } from './new-messages';
import { preserveUnsent, reconnectIfNeeded } from './reconnect';

const CH = (c: string) => `CH${c.repeat(32)}`;
const preview = (index: number, author: string | null, date: number, text = 'hello') => ({ index, author, date, text });

describe('findNewMessages', () => {
  const ctx = { identity: 'alice', selectedSid: CH('b'), since: 1000 };
  const before = new Map([[CH('a'), snapshot(CH('a'), { lastMessage: preview(1, '+1415', 900) })]]);

  it('reports a newer customer message with title, channel, mute and focus flags', () => {
    const after = new Map([[CH('a'), snapshot(CH('a'), { friendlyName: 'Order 7', channel: 'sms', notificationLevel: 'muted', lastMessage: preview(2, '+1415', 2000, 'where is it') })]]);
    expect(findNewMessages(before, after, ctx)).toEqual([
      { conversationSid: CH('a'), conversationTitle: 'Order 7', author: '+1415', channel: 'sms', body: 'where is it', muted: true, isOpenConversation: false },
    ]);
  });

  it("ignores the agent's own messages, history older than the session, and unchanged previews", () => {
    const own = new Map([[CH('a'), snapshot(CH('a'), { lastMessage: preview(2, 'alice', 2000) })]]);
    const old = new Map([[CH('a'), snapshot(CH('a'), { lastMessage: preview(2, '+1415', 500) })]]);
    expect(findNewMessages(before, own, ctx)).toEqual([]);
    expect(findNewMessages(before, old, ctx)).toEqual([]);
    expect(findNewMessages(before, new Map(before), ctx)).toEqual([]);
  });
});

describe('adjacentConversation', () => {
  it('steps through inbox order and stops at the ends', () => {
    expect(adjacentConversation(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(adjacentConversation(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(adjacentConversation(['a', 'b', 'c'], 'a', -1)).toBe('a');
    expect(adjacentConversation(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(adjacentConversation(['a', 'b', 'c'], null, -1)).toBe('c');
    expect(adjacentConversation([], null, 1)).toBeNull();
  });
});

describe('reconnect', () => {
  beforeEach(() => {
    resetAll();
    fakeDesk();
    signIn('alice');
  });

  const withPending = (sid: string, body: string, status: 'sending' | 'queued' | 'failed' | 'sent') =>
    useDeskStore.setState((s) => ({
      threads: new Map(s.threads).set(sid, {
        items: [],
        pending: [{ localId: 'l1', body, attachments: [], status, error: null, index: null, createdAt: 1 }],
        hasOlder: false,
        loading: 'idle',
        error: null,
        firstItemIndex: 0,
        readHorizon: null,
      }),
    }));

  it('puts the text of a refused send back into the draft before a restart, never over a newer draft', () => {
    withPending(CH('a'), 'my reply', 'failed');
    withPending(CH('b'), 'already sent', 'sent');
    useDeskStore.getState().setDraft(CH('c'), 'newer draft');
    withPending(CH('c'), 'older text', 'failed');
    expect(preserveUnsent(useDeskStore)).toBe(1);
    const drafts = useDeskStore.getState().drafts;
    expect(drafts.get(CH('a'))).toBe('my reply');
    expect(drafts.has(CH('b'))).toBe(false);
    expect(drafts.get(CH('c'))).toBe('newer draft');
  });

  it('restarts only when the SDK has given up', async () => {
    const restart = vi.fn(async () => {});
    useDeskStore.getState().setConnection('reconnecting');
    expect(await reconnectIfNeeded(useDeskStore, restart)).toBe(false);
    useDeskStore.getState().setConnection('error', 'socket closed');
    withPending(CH('a'), 'keep me', 'failed');
    // Queued (and in-flight) sends are in the outbox and come back with the next session, not as drafts.
    withPending(CH('b'), 'in the outbox', 'queued');
    expect(await reconnectIfNeeded(useDeskStore, restart)).toBe(true);
    expect(restart).toHaveBeenCalledOnce();
    expect(useDeskStore.getState().drafts.get(CH('a'))).toBe('keep me');
    expect(useDeskStore.getState().drafts.has(CH('b'))).toBe(false);
  });
});

describe('desktop reports and deep links', () => {
  let stop = () => {};
  beforeEach(() => {
    resetAll();
    signIn('alice');
  });
  afterEach(() => stop());

  it('reports a customer message arriving after the session started', () => {
    const desk = fakeDesk({ reportNewMessage: vi.fn(async () => ({ ok: true as const, value: null })) });
    seedConversation(CH('a'), { lastMessage: preview(0, '+1415', 10) });
    stop = startNewMessageReports(useDeskStore, () => 1000);
    useDeskStore.getState().setLastMessagePreview(CH('a'), preview(1, '+1415', 2000, 'new!'));
    useDeskStore.getState().setLastMessagePreview(CH('a'), preview(2, 'alice', 2001, 'my answer'));
    expect(desk.reportNewMessage).toHaveBeenCalledTimes(1);
    expect(desk.reportNewMessage).toHaveBeenCalledWith(expect.objectContaining({ conversationSid: CH('a'), body: 'new!' }));
  });

  it('opens a linked conversation now, or once it has loaded', () => {
    fakeDesk();
    useDeskStore.getState().setScreen('accounts');
    openConversation(useDeskStore, CH('z'));
    expect(useDeskStore.getState().selectedSid).toBeNull();
    seedConversation(CH('z'));
    expect(useDeskStore.getState()).toMatchObject({ selectedSid: CH('z'), screen: 'inbox' });
  });
});
