import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClient, sdkConversation, sdkMessage } from '../../test/fake-client';
import { registry, resetAll, session, signIn, state } from '../../test/fakes';
import { bindClient } from './index';


beforeEach(() => {
  resetAll();
  signIn('alice');
});

// A binding applies SDK results in batches a frame later: end each test's binding so nothing it
// collected lands in the next test's store.
const bound: Array<() => void> = [];
afterEach(() => bound.splice(0).forEach((teardown) => teardown()));

function bind(overrides: Parameters<typeof bindClient>[2] = {}) {
  const client = new FakeClient();
  const teardown = bindClient(client.asClient(), session(), {
    refreshToken: async () => 'fresh-token',
    isViewing: () => true,
    ...overrides,
  });
  bound.push(teardown);
  return { client, teardown };
}

describe('bindClient', () => {
  it('maps connection states, calling a second "connecting" a reconnect', () => {
    const { client } = bind();
    client.emit('connectionStateChanged', 'connecting');
    expect(state().connection.status).toBe('connecting');
    client.emit('connectionStateChanged', 'connected');
    client.emit('connectionStateChanged', 'connecting');
    expect(state().connection.status).toBe('reconnecting');
    client.emit('connectionStateChanged', 'denied');
    expect(state().connection.status).toBe('denied');
  });

  it('renews an expired token and hands it to the client so it recovers without reload', async () => {
    const { client } = bind();
    client.emit('tokenExpired');
    expect(state().connection.status).toBe('refreshing-token');
    await waitFor(() => expect(client.updateToken).toHaveBeenCalledWith('fresh-token'));
    await waitFor(() => expect(state().connection.status).toBe('connected'));
  });

  it('hands a renewed token over only once the expired connection has closed', async () => {
    const { client } = bind();
    client.connectionState = 'disconnecting';
    client.emit('tokenExpired');
    await waitFor(() => expect(state().connection.status).toBe('refreshing-token'));
    // One macrotask lets the renewed token's promise chain run as far as it will.
    // The SDK ignores updateToken while it still holds the old socket.
    await new Promise((r) => setTimeout(r, 0));
    expect(client.updateToken).not.toHaveBeenCalled();
    client.connectionState = 'disconnected';
    client.emit('connectionStateChanged', 'disconnected');
    await waitFor(() => expect(client.updateToken).toHaveBeenCalledWith('fresh-token'));
  });

  it('reports a token that cannot be renewed', async () => {
    const { client } = bind({ refreshToken: () => Promise.reject(new Error('profile removed')) });
    client.emit('tokenAboutToExpire');
    await waitFor(() => expect(state().connection).toEqual({ status: 'error', message: 'Couldn’t renew the access token: profile removed' }));
  });

  it('adds joined conversations with roster and last-message preview', async () => {
    const { client } = bind();
    const conv = sdkConversation('CH1', {
      lastMessage: { index: 4 },
      lastReadMessageIndex: 2,
      getParticipants: vi.fn(async () => [
        { sid: 'MB1', identity: null, type: 'whatsapp', attributes: { address: 'whatsapp:+14155550123' }, bindings: {}, lastReadMessageIndex: null, conversation: { sid: 'CH1' } },
      ]),
    });
    conv.getMessages = vi.fn(async () => ({ items: [sdkMessage(conv, 4, 'Where is my order?')], hasPrevPage: true }));
    client.emit('conversationAdded', conv);
    await waitFor(() => expect(state().conversations.get('CH1')?.lastMessage?.text).toBe('Where is my order?'));
    const c = state().conversations.get('CH1')!;
    expect(c.unreadCount).toBe(2);
    expect(c.channel).toBe('whatsapp');
    expect(state().participants.get('CH1')?.[0]?.address).toBe('whatsapp:+14155550123');
  });

  it('holds background roster reads back for a moment after the agent types or clicks', async () => {
    vi.useFakeTimers();
    try {
      const { client } = bind();
      const a = sdkConversation('CHa');
      client.emit('conversationAdded', a);
      // The SDK's burst of announcements holds background reads for 300 ms; a key press at
      // 250 ms holds them until 650 ms.
      await vi.advanceTimersByTimeAsync(250);
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      await vi.advanceTimersByTimeAsync(250);
      expect(a.getParticipants).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(200);
      expect(a.getParticipants).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds batched inbox updates back while the agent types, then applies them', async () => {
    vi.useFakeTimers();
    try {
      const { client } = bind();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      client.emit('conversationAdded', sdkConversation('CHa'));
      await vi.advanceTimersByTimeAsync(300);
      expect(state().conversations.has('CHa')).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      expect(state().conversations.has('CHa')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reads chat users' names in the background, behind the agent's keys, and applies them in one update", async () => {
    vi.useFakeTimers();
    try {
      const { client } = bind();
      const getUser = vi.fn(async (identity: string) => ({ identity, friendlyName: ` ${identity.toUpperCase()} ` }));
      Object.assign(client, { getUser });
      const chat = (sid: string, identity: string) => ({ sid, identity, type: 'chat', attributes: {}, bindings: {}, lastReadMessageIndex: null, conversation: { sid: 'CHa' } });
      let roster: (list: unknown[]) => void = () => {};
      const a = sdkConversation('CHa', { getParticipants: vi.fn(() => new Promise((resolve) => (roster = resolve))) });
      client.emit('conversationAdded', a);
      await vi.advanceTimersByTimeAsync(350);
      expect(a.getParticipants).toHaveBeenCalled();
      // The agent types while the roster is read: the users' reads it brings wait like any background read.
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      roster([chat('MB1', 'ana'), chat('MB2', 'ben')]);
      await vi.advanceTimersByTimeAsync(300);
      expect(getUser).not.toHaveBeenCalled();
      const updates = vi.fn();
      const stop = session().store.subscribe((s, prev) => s.userNames !== prev.userNames && updates());
      await vi.advanceTimersByTimeAsync(1_200);
      stop();
      expect(getUser.mock.calls.map(([identity]) => identity)).toEqual(['ana', 'ben']);
      expect([state().userNames.get('ana'), state().userNames.get('ben')]).toEqual(['ANA', 'BEN']);
      expect(updates).toHaveBeenCalledTimes(1);
      // The SDK's userUpdated goes the same way; an unchanged name changes nothing.
      const before = state().userNames;
      client.emit('userUpdated', { user: { identity: 'ana', friendlyName: 'ANA' } });
      await vi.advanceTimersByTimeAsync(100);
      expect(state().userNames).toBe(before);
      client.emit('userUpdated', { user: { identity: 'ana', friendlyName: 'Ana Lima' } });
      await vi.advanceTimersByTimeAsync(100);
      expect(state().userNames.get('ana')).toBe('Ana Lima');
    } finally {
      vi.useRealTimers();
    }
  });

  it("reads the open conversation's names first, even while the agent types", async () => {
    vi.useFakeTimers();
    try {
      const { client } = bind();
      const getUser = vi.fn(async (identity: string) => ({ identity, friendlyName: identity.toUpperCase() }));
      Object.assign(client, { getUser });
      const chat = (conv: string, sid: string, identity: string) => ({ sid, identity, type: 'chat', attributes: {}, bindings: {}, lastReadMessageIndex: null, conversation: { sid: conv } });
      const rosters: Record<string, (list: unknown[]) => void> = {};
      const conv = (sid: string) => sdkConversation(sid, { getParticipants: vi.fn(() => new Promise((resolve) => (rosters[sid] = resolve))) });
      client.emit('conversationAdded', conv('CHa'));
      client.emit('conversationAdded', conv('CHb'));
      await vi.advanceTimersByTimeAsync(350);
      state().select('CHb');
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      rosters.CHa?.([chat('CHa', 'MB1', 'ana'), chat('CHa', 'MB2', 'ben')]);
      rosters.CHb?.([chat('CHb', 'MB3', 'cy')]);
      await vi.advanceTimersByTimeAsync(300);
      // Only the open conversation's name was read while the keys held the rest back.
      expect(getUser.mock.calls.map(([identity]) => identity)).toEqual(['cy']);
      await vi.advanceTimersByTimeAsync(1_200);
      expect(getUser.mock.calls.map(([identity]) => identity)).toEqual(['cy', 'ana', 'ben']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores conversations the agent has not joined', () => {
    const { client } = bind();
    client.emit('conversationAdded', sdkConversation('CH1', { status: 'notParticipating' }));
    expect(state().conversations.size).toBe(0);
  });

  it('marks live messages read only in the conversation being viewed', async () => {
    const { client } = bind();
    const a = sdkConversation('CH1');
    const b = sdkConversation('CH2');
    client.emit('conversationAdded', a);
    client.emit('conversationAdded', b);
    state().select('CH1');
    client.emit('messageAdded', sdkMessage(a, 0, 'seen'));
    client.emit('messageAdded', sdkMessage(b, 0, 'unseen'));
    // After the frame that shows the message.
    await vi.waitFor(() => expect(a.advanceLastReadMessageIndex).toHaveBeenCalledWith(0));
    expect(b.advanceLastReadMessageIndex).not.toHaveBeenCalled();
    expect(state().conversations.get('CH2')?.lastMessage?.text).toBe('unseen');
  });

  it('removes left conversations from the inbox and the registry', () => {
    const { client } = bind();
    const conv = sdkConversation('CH1');
    client.emit('conversationAdded', conv);
    state().select('CH1');
    client.emit('conversationLeft', conv);
    expect(state().conversations.has('CH1')).toBe(false);
    expect(registry().conversations.has('CH1')).toBe(false);
    expect(state().selectedSid).toBeNull();
  });

  it('teardown removes every listener and ignores late results', async () => {
    let finishRoster: (v: unknown[]) => void = () => undefined;
    const { client, teardown } = bind();
    const conv = sdkConversation('CH1', { getParticipants: vi.fn(() => new Promise((r) => (finishRoster = r))) });
    client.emit('conversationAdded', conv);
    teardown();
    expect(client.listenerCount()).toBe(0);
    finishRoster([{ sid: 'MB1', identity: 'x', type: 'chat', attributes: {}, bindings: {}, lastReadMessageIndex: null, conversation: conv }]);
    await new Promise((r) => setTimeout(r, 10));
    expect(state().participants.has('CH1')).toBe(false);
  });

  it('keys typing by participant SID: two SMS customers do not clear each other', () => {
    const { client } = bind();
    const conv = sdkConversation('CH1');
    client.emit('conversationAdded', conv);
    const sms = (sid: string) => ({ sid, identity: null, type: 'sms', attributes: {}, bindings: {}, lastReadMessageIndex: null, conversation: conv });
    client.emit('typingStarted', sms('MB1'));
    client.emit('typingStarted', sms('MB2'));
    client.emit('typingEnded', sms('MB1'));
    expect(state().conversations.get('CH1')?.typing).toEqual(['MB2']);
    // The typist is in the roster, so the thread can name them.
    expect(state().participants.get('CH1')?.map((p) => p.sid)).toEqual(['MB1', 'MB2']);
  });

  it('removes the listener that waits for the old socket when torn down during a token renewal', async () => {
    let renewed: (token: string) => void = () => {};
    const { client, teardown } = bind({ refreshToken: () => new Promise((resolve) => (renewed = resolve)) });
    client.connectionState = 'disconnecting';
    const before = client.listenerCount();
    client.emit('tokenExpired');
    renewed('fresh-token');
    // The renewal now waits for the socket: one more connectionStateChanged listener.
    await vi.waitFor(() => expect(client.listenerCount()).toBe(before + 1));
    teardown();
    expect(client.listenerCount()).toBe(0);
    client.emit('connectionStateChanged', 'disconnected');
    await new Promise((r) => setTimeout(r, 0));
    expect(client.updateToken).not.toHaveBeenCalled();
  });

  it('keeps no SDK message for previews or for live messages of threads that are not open', async () => {
    const { client } = bind();
    const conv = sdkConversation('CH1', { lastMessage: { index: 4 } });
    conv.getMessages = vi.fn(async () => ({ items: [sdkMessage(conv, 4, 'preview')], hasPrevPage: true }));
    client.emit('conversationAdded', conv);
    await waitFor(() => expect(state().conversations.get('CH1')?.lastMessage?.text).toBe('preview'));
    client.emit('messageAdded', sdkMessage(conv, 5, 'live'));
    expect(state().conversations.get('CH1')?.lastMessage?.text).toBe('live');
    expect(registry().messages.size).toBe(0);
  });

  it('keeps no history in a thread that exists only for its pending sends, and drops the one a live message echoes', async () => {
    const { client } = bind();
    const conv = sdkConversation('CH1');
    client.emit('conversationAdded', conv);
    await waitFor(() => expect(state().conversations.has('CH1')).toBe(true));
    // As the outbox restores queued messages and sends them: a thread with pending rows that nobody opened.
    const sending = { body: 'Customs form attached', attachments: [], status: 'sending' as const, error: null, index: null, createdAt: 0 };
    state().pendingSend('CH1', { type: 'add', pending: { ...sending, localId: 'key-1' } });
    state().pendingSend('CH1', { type: 'add', pending: { ...sending, localId: 'key-2', body: 'Still waiting' } });
    client.emit('messageAdded', sdkMessage(conv, 9, 'Customs form attached', 'alice'));
    const thread = state().threads.get('CH1');
    expect(thread?.pending.map((p) => p.localId)).toEqual(['key-2']);
    // Its history (and the SDK message attachments need) comes with opening it, not piecemeal.
    expect(thread?.items).toEqual([]);
    expect(registry().messages.size).toBe(0);
    expect(state().conversations.get('CH1')?.lastMessage?.text).toBe('Customs form attached');
  });

  it('shows a reaction live without calling the message edited; a body change is an edit', async () => {
    const { client } = bind();
    const conv = sdkConversation('CH1');
    client.emit('conversationAdded', conv);
    await waitFor(() => expect(state().conversations.has('CH1')).toBe(true));
    registry().openThread('CH1');
    const base = sdkMessage(conv, 3, 'Refund please');
    state().threadLoaded('CH1', [{ index: 3, sid: 'IM3', author: 'bob', body: 'Refund please', date: 3000, updated: null, media: [], participantSid: null, delivery: null }], false, null);
    const later = { dateUpdated: new Date(90_000), lastUpdatedBy: 'lee' };
    client.emit('messageUpdated', { message: { ...base, ...later, attributes: { reactions: { heart: ['lee'] } } }, updateReasons: ['attributes'] });
    expect(state().threads.get('CH1')?.items[0]).toMatchObject({ reactions: { heart: ['lee'] }, updated: null });
    client.emit('messageUpdated', { message: { ...base, ...later, body: 'Refund please, order 2001', attributes: { reactions: { heart: ['lee'] } } }, updateReasons: ['body'] });
    expect(state().threads.get('CH1')?.items[0]).toMatchObject({ body: 'Refund please, order 2001', updated: 90_000 });
  });

  it('does nothing once its session has ended, even before teardown', () => {
    const { client } = bind();
    const conv = sdkConversation('CH1');
    client.emit('conversationAdded', conv);
    void session().end();
    client.emit('messageAdded', sdkMessage(conv, 0, 'late'));
    client.emit('connectionStateChanged', 'denied');
    expect(state().connection.status).toBe('connected');
    expect(registry().conversations.size).toBe(0);
  });
});

