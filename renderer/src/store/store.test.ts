import { beforeEach, describe, expect, it } from 'vitest';
import { person, resetAll, snapshot, state } from '../test/fakes';
import { createDeskStore } from './index';
import { selectInboxSids, selectTotalUnread, selectVisiblePending, windowTitle } from './selectors';
import type { MessageSnapshot } from './types';

const fields = (sid: string, p: Partial<ReturnType<typeof snapshot>> = {}) => {
  const { lastMessage: _l, channel: _c, typing: _t, unreadCount: _u, ...rest } = snapshot(sid, p);
  return rest;
};
const msg = (index: number, patch: Partial<MessageSnapshot> = {}): MessageSnapshot => ({
  index,
  sid: `IM${index}`,
  author: 'bob',
  body: `m${index}`,
  date: index * 1000,
  updated: null,
  media: [],
  participantSid: null,
  delivery: null,
  ...patch,
});

beforeEach(resetAll);

describe('conversations', () => {
  it('computes unread from the last message and read horizon', () => {
    state().upsertConversation(fields('CH1', { lastMessageIndex: 9, lastReadIndex: 6 }));
    state().upsertConversation(fields('CH2', { lastMessageIndex: 2, lastReadIndex: null }));
    state().upsertConversation(fields('CH3', { lastMessageIndex: null, lastReadIndex: null }));
    expect(state().conversations.get('CH1')?.unreadCount).toBe(3);
    expect(state().conversations.get('CH2')?.unreadCount).toBe(3);
    expect(state().conversations.get('CH3')?.unreadCount).toBe(0);
    expect(selectTotalUnread(state())).toBe(6);
    expect(windowTitle(selectTotalUnread(state()))).toBe('(6) Conversations Desk');
  });

  it('leaves muted conversations out of the total', () => {
    state().upsertConversation(fields('CH1', { lastMessageIndex: 4, lastReadIndex: 0, notificationLevel: 'muted' }));
    expect(selectTotalUnread(state())).toBe(0);
    expect(windowTitle(0)).toBe('Conversations Desk');
  });

  it('creates a new Map on every update', () => {
    const before = state().conversations;
    state().upsertConversation(fields('CH1'));
    expect(state().conversations).not.toBe(before);
  });

  it('keeps the preview and roster-derived channel across SDK updates', () => {
    state().upsertConversation(fields('CH1', { lastMessageIndex: 0 }));
    state().setParticipants('CH1', [person('MB1', { type: 'sms', address: '+14155550123' })]);
    state().setLastMessagePreview('CH1', { index: 0, text: 'hi', author: '+14155550123', date: 5 });
    state().upsertConversation(fields('CH1', { friendlyName: 'Renamed', lastMessageIndex: 0 }));
    const c = state().conversations.get('CH1');
    expect(c?.friendlyName).toBe('Renamed');
    expect(c?.channel).toBe('sms');
    expect(c?.lastMessage?.text).toBe('hi');
  });

  it('ignores a preview older than the one shown', () => {
    state().upsertConversation(fields('CH1'));
    state().setLastMessagePreview('CH1', { index: 5, text: 'new', author: 'a', date: 5 });
    state().setLastMessagePreview('CH1', { index: 4, text: 'old', author: 'a', date: 4 });
    expect(state().conversations.get('CH1')?.lastMessage?.text).toBe('new');
  });

  it('sorts the inbox by latest activity and filters by name, identity or number', () => {
    state().upsertConversation(fields('CH1', { friendlyName: 'Acme order', dateUpdated: 100 }));
    state().upsertConversation(fields('CH2', { friendlyName: 'Billing', dateUpdated: 50 }));
    state().upsertConversation(fields('CH3', { friendlyName: 'Zed', dateUpdated: 10 }));
    state().setLastMessagePreview('CH3', { index: 0, text: 'latest', author: 'x', date: 500 });
    expect(selectInboxSids(state())).toEqual(['CH3', 'CH1', 'CH2']);

    state().setParticipants('CH2', [person('MB1', { type: 'sms', address: '+14155550123' }), person('MB2', { identity: 'carol' })]);
    state().setSearchQuery('acme');
    expect(selectInboxSids(state())).toEqual(['CH1']);
    state().setSearchQuery('(415) 555');
    expect(selectInboxSids(state())).toEqual(['CH2']);
    state().setSearchQuery('CAROL');
    expect(selectInboxSids(state())).toEqual(['CH2']);
  });

  it('gives the inbox the same list while an update leaves it unchanged, searching or not', () => {
    state().upsertConversation(fields('CH1', { friendlyName: 'Acme order', dateUpdated: 100 }));
    state().upsertConversation(fields('CH2', { friendlyName: 'Acme billing', dateUpdated: 50 }));
    for (const query of ['', 'acme']) {
      state().setSearchQuery(query);
      const before = selectInboxSids(state());
      state().setTyping('CH1', 'bob', true);
      state().setParticipants('CH2', [person('MB1', { identity: 'carol' })]);
      state().upsertConversation(fields('CH2', { friendlyName: 'Acme billing', dateUpdated: 50, lastReadIndex: 3 }));
      expect(selectInboxSids(state())).toBe(before);
      state().upsertConversation(fields('CH2', { friendlyName: 'Acme billing', dateUpdated: 200 }));
      expect(selectInboxSids(state())).toEqual(['CH2', 'CH1']);
      state().upsertConversation(fields('CH2', { friendlyName: 'Acme billing', dateUpdated: 50 }));
    }
  });

  it('tracks who is typing without duplicates', () => {
    state().upsertConversation(fields('CH1'));
    state().setTyping('CH1', 'bob', true);
    state().setTyping('CH1', 'bob', true);
    state().setTyping('CH1', 'carol', true);
    state().setTyping('CH1', 'bob', false);
    expect(state().conversations.get('CH1')?.typing).toEqual(['carol']);
  });
});

describe('participants', () => {
  it('derives the channel badge from the roster', () => {
    state().upsertConversation(fields('CH1'));
    state().upsertParticipant('CH1', person('MB1', { identity: 'alice' }));
    expect(state().conversations.get('CH1')?.channel).toBe('chat');
    state().upsertParticipant('CH1', person('MB2', { type: 'whatsapp' }));
    expect(state().conversations.get('CH1')?.channel).toBe('whatsapp');
    state().upsertParticipant('CH1', person('MB3', { type: 'sms' }));
    expect(state().conversations.get('CH1')?.channel).toBe('mixed');
    state().removeParticipant('CH1', 'MB2');
    expect(state().conversations.get('CH1')?.channel).toBe('sms');
  });
});

describe('threads', () => {
  it('merges live messages that arrived while the first page loaded', () => {
    state().threadLoading('CH1', 'initial');
    state().putMessage('CH1', msg(12));
    state().threadLoaded('CH1', [msg(10), msg(11)], true, 10);
    expect(state().threads.get('CH1')?.items.map((m) => m.index)).toEqual([10, 11, 12]);
  });

  it('prepends older pages and moves firstItemIndex by the number of new messages', () => {
    state().threadLoaded('CH1', [msg(3), msg(4)], true, null);
    const first = state().threads.get('CH1')!.firstItemIndex;
    state().olderLoaded('CH1', [msg(1), msg(2), msg(3)], false);
    const t = state().threads.get('CH1')!;
    expect(t.items.map((m) => m.index)).toEqual([1, 2, 3, 4]);
    expect(t.firstItemIndex).toBe(first - 2);
    expect(t.hasOlder).toBe(false);
  });

  it('hides a pending send once its echo is in the thread, whichever arrives first', () => {
    state().threadLoaded('CH1', [], false, null);
    const pending = { localId: 'l1', body: 'hi', attachments: [], status: 'sending' as const, error: null, index: null, createdAt: 0 };
    state().pendingSend('CH1', { type: 'add', pending });
    state().pendingSend('CH1', { type: 'add', pending: { ...pending, localId: 'l2' } });
    state().putMessage('CH1', msg(0));
    state().pendingSend('CH1', { type: 'sent', localId: 'l1', index: 0 });
    state().pendingSend('CH1', { type: 'sent', localId: 'l2', index: 1 });
    expect(selectVisiblePending(state(), 'CH1').map((p) => p.localId)).toEqual(['l2']);
    state().putMessage('CH1', msg(1));
    expect(selectVisiblePending(state(), 'CH1')).toEqual([]);
  });

  it('hides an own message still sending when the service announces it before the send returns', () => {
    state().setSession({ profileId: 'local', identity: 'agent', kind: 'local', emulatorUrl: null });
    state().threadLoaded('CH1', [], false, null);
    state().pendingSend('CH1', { type: 'add', pending: { localId: 'l1', body: 'On its way', attachments: [], status: 'sending', error: null, index: null, createdAt: 0 } });
    // Someone else saying the same words is not the echo.
    state().putMessage('CH1', msg(0, { author: 'bob', body: 'On its way' }));
    expect(selectVisiblePending(state(), 'CH1').map((p) => p.localId)).toEqual(['l1']);
    state().putMessage('CH1', msg(1, { author: 'agent', body: 'On its way' }));
    expect(selectVisiblePending(state(), 'CH1')).toEqual([]);
    // The send resolving afterwards changes nothing.
    state().pendingSend('CH1', { type: 'sent', localId: 'l1', index: 1 });
    expect(selectVisiblePending(state(), 'CH1')).toEqual([]);
    expect(state().threads.get('CH1')?.items.map((m) => m.index)).toEqual([0, 1]);
  });

  it('keeps failed sends until discarded', () => {
    state().pendingSend('CH1', { type: 'add', pending: { localId: 'l1', body: 'hi', attachments: [], status: 'sending', error: null, index: null, createdAt: 0 } });
    state().pendingSend('CH1', { type: 'failed', localId: 'l1', error: 'Conversation not found' });
    expect(selectVisiblePending(state(), 'CH1')[0]).toMatchObject({ status: 'failed', error: 'Conversation not found' });
    state().pendingSend('CH1', { type: 'cancel', localId: 'l1' });
    expect(selectVisiblePending(state(), 'CH1')).toEqual([]);
  });

  it('ignores live messages for threads never opened', () => {
    state().putMessage('CH9', msg(0));
    expect(state().threads.has('CH9')).toBe(false);
  });
});

describe('drafts', () => {
  it('keeps a draft per conversation, and leaves none of one account to the next (main keeps them per profile)', () => {
    state().setDraft('CH1', 'Hello there');
    state().setDraft('CH2', 'Second');
    state().setDraft('CH2', '');
    expect(state().drafts).toEqual(new Map([['CH1', 'Hello there']]));
    expect(globalThis.localStorage.length).toBe(0);
    state().upsertConversation(fields('CH1'));
    const next = createDeskStore().store.getState();
    expect(next.conversations.size).toBe(0);
    expect(next.drafts.size).toBe(0);
  });
});

describe('one store per session', () => {
  it('takes no writes once closed, from actions or setState', () => {
    const { store: closed, close } = createDeskStore();
    closed.getState().upsertConversation(fields('CH1'));
    close();
    closed.getState().upsertConversation(fields('CH2'));
    closed.getState().threadLoaded('CH1', [msg(0)], false, null);
    closed.setState({ selectedSid: 'CH1' });
    expect([...closed.getState().conversations.keys()]).toEqual(['CH1']);
    expect(closed.getState().threads.size).toBe(0);
    expect(closed.getState().selectedSid).toBeNull();
  });

  it("keeps each store's inbox order to itself", () => {
    const a = createDeskStore().store;
    const b = createDeskStore().store;
    a.getState().upsertConversation(fields('CH1', { dateUpdated: 2 }));
    a.getState().upsertConversation(fields('CH2', { dateUpdated: 1 }));
    b.getState().upsertConversation(fields('CH3', { dateUpdated: 1 }));
    expect(selectInboxSids(a.getState())).toEqual(['CH1', 'CH2']);
    expect(selectInboxSids(b.getState())).toEqual(['CH3']);
    expect(a.getState().memo).not.toBe(b.getState().memo);
    expect(selectInboxSids(a.getState())).toBe(selectInboxSids(a.getState()));
  });
});
