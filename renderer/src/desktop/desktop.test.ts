import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../shared/ipc/contract';
import { openConversation } from '../hooks/useDesktopEvents';
import { sdkConversation, sdkMessage } from '../test/fake-client';
import { app, fakeDesk, hostForTests, lastClient, resetAll, seedConversation, signIn, snapshot, state, store } from '../test/fakes';
import { adjacentConversation } from './navigation';
import { newMessageReport } from './new-messages';
import { preserveUnsent, reconnectIfNeeded, retryNow } from './reconnect';

const CH = (c: string) => `CH${c.repeat(32)}`;

describe('newMessageReport', () => {
  const message = (index: number, author: string | null, date: number, body = 'hello') => ({
    index,
    sid: `IM${index}`,
    author,
    body,
    date,
    updated: null,
    media: [],
    participantSid: null,
    delivery: null,
  });
  const state = {
    conversations: new Map([[CH('a'), snapshot(CH('a'), { friendlyName: 'Order 7', channel: 'sms', notificationLevel: 'muted' })]]),
    session: { profileId: 'local', identity: 'alice', kind: 'local' as const, emulatorUrl: null },
    selectedSid: CH('b'),
  };

  it('reports a customer message with title, channel, mute and focus flags', () => {
    expect(newMessageReport(state, CH('a'), message(2, '+1415', 2000, 'where is it'), 1000)).toEqual({
      conversationSid: CH('a'),
      conversationTitle: 'Order 7',
      author: '+1415',
      channel: 'sms',
      body: 'where is it',
      muted: true,
      isOpenConversation: false,
    });
  });

  it("ignores the agent's own messages, messages older than the session, and unknown conversations", () => {
    expect(newMessageReport(state, CH('a'), message(2, 'alice', 2000), 1000)).toBeNull();
    expect(newMessageReport(state, CH('a'), message(2, '+1415', 500), 1000)).toBeNull();
    expect(newMessageReport(state, CH('z'), message(2, '+1415', 2000), 1000)).toBeNull();
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
    store().setState((s) => ({
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
    state().setDraft(CH('c'), 'newer draft');
    withPending(CH('c'), 'older text', 'failed');
    expect(preserveUnsent(store())).toBe(1);
    const drafts = state().drafts;
    expect(drafts.get(CH('a'))).toBe('my reply');
    expect(drafts.has(CH('b'))).toBe(false);
    expect(drafts.get(CH('c'))).toBe('newer draft');
  });

  it('restarts only when the SDK has given up', async () => {
    const restart = vi.fn(async () => {});
    state().setConnection('reconnecting');
    expect(await reconnectIfNeeded(store(), restart)).toBe(false);
    state().setConnection('error', 'socket closed');
    withPending(CH('a'), 'keep me', 'failed');
    // Queued (and in-flight) sends are in the outbox and come back with the next session, not as drafts.
    withPending(CH('b'), 'in the outbox', 'queued');
    expect(await reconnectIfNeeded(store(), restart)).toBe(true);
    expect(restart).toHaveBeenCalledOnce();
    expect(state().drafts.get(CH('a'))).toBe('keep me');
    expect(state().drafts.has(CH('b'))).toBe(false);
  });

  it('restarts on the banner’s Retry even while the SDK is still retrying, keeping refused text', async () => {
    const restart = vi.fn(async () => {});
    state().setConnection('reconnecting', 'getaddrinfo ENOTFOUND tsock.us1.twilio.com');
    withPending(CH('a'), 'keep me too', 'failed');
    await retryNow(store(), restart);
    expect(restart).toHaveBeenCalledOnce();
    expect(state().drafts.get(CH('a'))).toBe('keep me too');
  });
});

describe('desktop reports and deep links', () => {
  beforeEach(() => {
    resetAll();
    signIn('alice');
  });

  const profile: Session = { profileId: 'local', kind: 'local', identity: 'alice', token: 't', clientOptions: {}, emulatorUrl: null };

  it('reports a customer message the SDK announces live, and nothing else', async () => {
    const desk = fakeDesk({ reportNewMessage: vi.fn(async () => ({ ok: true as const, value: null })) });
    await hostForTests().switchTo(profile);
    const client = lastClient()!;
    const now = Date.now();
    const conv = sdkConversation(CH('a'), { lastMessage: { index: 0 } });
    // History (the preview load) is dated now too: only the SDK event makes a message news.
    conv.getMessages = vi.fn(async () => ({ items: [{ ...sdkMessage(conv, 0, 'old news', '+1415'), dateCreated: new Date(now) }], hasPrevPage: false }));
    client.emit('conversationAdded', conv);
    await vi.waitFor(() => expect(state().conversations.get(CH('a'))?.lastMessage?.text).toBe('old news'));
    client.emit('messageAdded', { ...sdkMessage(conv, 1, 'new!', '+1415'), dateCreated: new Date(now + 1) });
    client.emit('messageAdded', { ...sdkMessage(conv, 2, 'my answer', 'alice'), dateCreated: new Date(now + 2) });
    // Reported after the frame that shows it; the agent's own would have been queued right behind.
    await vi.waitFor(() => expect(desk.reportNewMessage).toHaveBeenCalled());
    await new Promise<void>((done) => setTimeout(done, 0));
    expect(desk.reportNewMessage).toHaveBeenCalledTimes(1);
    expect(desk.reportNewMessage).toHaveBeenCalledWith(expect.objectContaining({ conversationSid: CH('a'), body: 'new!', author: '+1415' }));
  });

  it('opens a linked conversation now, or once it has loaded, and says when it is done', () => {
    fakeDesk();
    app().getState().setScreen('accounts');
    const done = vi.fn();
    openConversation(store(), app(), CH('z'), done);
    expect(state().selectedSid).toBeNull();
    expect(done).not.toHaveBeenCalled();
    seedConversation(CH('z'));
    expect(state().selectedSid).toBe(CH('z'));
    expect(app().getState().screen).toBe('inbox');
    expect(done).toHaveBeenCalledWith(CH('z'));
  });

  it('gives a link up once the whole inbox is known without it', () => {
    fakeDesk();
    const done = vi.fn();
    openConversation(store(), app(), CH('y'), done);
    seedConversation(CH('x'));
    expect(done).not.toHaveBeenCalled();
    state().settleInbox(() => true);
    expect(done).toHaveBeenCalledWith(CH('y'));
    expect(state().selectedSid).toBeNull();
  });
});
