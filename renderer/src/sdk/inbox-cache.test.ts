import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../shared/ipc/contract';
import { INBOX_CACHE_VERSION, type CachedConversation, type InboxCache } from '../../../shared/ipc/inbox-cache-schema';
import { selectInboxSids } from '../store/selectors';
import { FakeClient, sdkConversation } from '../test/fake-client';
import { fakeDesk, person, registry, resetAll, session as testSession, signIn, state, store } from '../test/fakes';
import { openConversation } from './actions/thread-actions';
import { bindClient } from './binding';
import { askEarlyForFirstScreen, takeEarlyFirstScreen } from './early-inbox';
import { keepInboxCached } from './inbox-cache';
import { createSessionHost, type ClientFactory, type SessionHost } from './session';

const cachedConversation = (sid: string, patch: Partial<CachedConversation> = {}): CachedConversation => ({
  sid,
  friendlyName: sid,
  uniqueName: null,
  dateUpdated: 1000,
  lastMessage: { index: 3, text: `last words in ${sid}`, author: 'bob', date: 1000 },
  lastMessageIndex: 3,
  lastReadIndex: 1,
  channel: 'sms',
  notificationLevel: 'default',
  ...patch,
});
const inboxCache = (conversations: CachedConversation[]): InboxCache => ({
  version: INBOX_CACHE_VERSION,
  savedAt: 1,
  conversations,
  rosters: conversations.map((c) => [c.sid, [person('MB1', { type: 'sms', address: '+15551230001' })]]),
  userNames: [['lee@desk.local', 'Lee Park']],
});

const hosts: SessionHost[] = [];
beforeEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
  resetAll();
});
/** A window of its own whose clients come from `factory`. */
function startHost(factory: ClientFactory): SessionHost {
  const host = createSessionHost({ factory, binding: { refreshToken: async () => 'fresh', isViewing: () => true } });
  hosts.push(host);
  return host;
}

const bound: Array<() => void> = [];
afterEach(() => bound.splice(0).forEach((teardown) => teardown()));
function bind() {
  const client = new FakeClient();
  bound.push(bindClient(client.asClient(), testSession(), { refreshToken: async () => 'fresh', isViewing: () => true }));
  return client;
}

describe('warm start from the cached inbox', () => {
  it('shows the cached inbox, with unread counts, search and names, before the SDK announces anything', () => {
    signIn('alice');
    state().hydrateInbox(inboxCache([cachedConversation('CHa'), cachedConversation('CHb', { dateUpdated: 2000, lastMessage: null, lastMessageIndex: null })]));
    expect(state().inboxSource).toBe('cache');
    expect(selectInboxSids(state())).toEqual(['CHb', 'CHa']);
    expect(state().conversations.get('CHa')).toMatchObject({ unreadCount: 2, typing: [], channel: 'sms' });
    state().setSearchQuery('1230001');
    expect(selectInboxSids(state())).toHaveLength(2);
    expect(state().userNames.get('lee@desk.local')).toBe('Lee Park');
  });

  it('lets live data win, and drops what only the copy knew once the SDK has announced everything', async () => {
    signIn('alice');
    const client = bind();
    state().hydrateInbox(inboxCache([cachedConversation('CHkept', { friendlyName: 'Old name' }), cachedConversation('CHgone')]));
    client.emit('conversationAdded', sdkConversation('CHkept', { friendlyName: 'New name' }));
    await waitFor(() => expect(state().conversations.get('CHkept')?.friendlyName).toBe('New name'));
    expect(state().conversations.has('CHgone')).toBe(true);

    client.finishListing();
    await waitFor(() => expect(state().inboxSource).toBe('live'));
    expect([...state().conversations.keys()]).toEqual(['CHkept']);
    expect(state().participants.has('CHgone')).toBe(false);
    // A copy that arrives late (slow disk) can't bring the dropped conversation back.
    state().hydrateInbox(inboxCache([cachedConversation('CHgone')]));
    expect(state().conversations.has('CHgone')).toBe(false);
  });

  it('opens a cached conversation as soon as the SDK announces it', async () => {
    signIn('alice');
    const client = bind();
    state().hydrateInbox(inboxCache([cachedConversation('CHa')]));
    const opening = openConversation(testSession(), 'CHa');
    await waitFor(() => expect(state().threads.get('CHa')?.loading).toBe('initial'));
    expect(state().selectedSid).toBe('CHa');

    const conv = sdkConversation('CHa', {
      lastMessage: { index: 3 },
      getMessages: vi.fn(async () => ({ items: [], hasPrevPage: false })),
      setAllMessagesRead: vi.fn(async () => 3),
    });
    client.emit('conversationAdded', conv);
    await opening;
    expect(conv.getMessages).toHaveBeenCalledWith(30);
    expect(state().threads.get('CHa')?.loading).toBe('idle');
  });

  it('says a cached conversation is gone when the SDK finishes without it', async () => {
    signIn('alice');
    const client = bind();
    state().hydrateInbox(inboxCache([cachedConversation('CHa'), cachedConversation('CHleft')]));
    const opening = openConversation(testSession(), 'CHleft');
    client.emit('conversationAdded', sdkConversation('CHa'));
    client.finishListing();
    await opening;
    expect(state().selectedSid).toBeNull();
    expect(state().conversations.has('CHleft')).toBe(false);
    expect(registry().conversations.has('CHleft')).toBe(false);
  });
});

describe('keeping the cache', () => {
  afterEach(() => vi.useRealTimers());

  it('saves only a complete, live inbox, for the profile it belongs to, once changes settle', async () => {
    vi.useFakeTimers();
    signIn('alice');
    const desk = fakeDesk();
    const stop = keepInboxCached(store(), 'local', desk);
    state().hydrateInbox(inboxCache([cachedConversation('CHa')]));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(desk.saveInboxCache).not.toHaveBeenCalled();

    state().settleInbox(() => true);
    state().setLastMessagePreview('CHa', { index: 4, text: 'x'.repeat(5000), author: 'bob', date: 2000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(desk.saveInboxCache).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(desk.saveInboxCache).toHaveBeenCalledTimes(1);
    const [{ profileId, cache }] = vi.mocked(desk.saveInboxCache).mock.calls[0]! as [{ profileId: string; cache: InboxCache }];
    expect(profileId).toBe('local');
    expect(cache.conversations).toEqual([expect.objectContaining({ sid: 'CHa', lastMessageIndex: 4 })]);
    // Previews are cut to what a row can show.
    expect(cache.conversations[0]!.lastMessage!.text.length).toBeLessThanOrEqual(280);
    expect(cache.rosters[0]![0]).toBe('CHa');

    // Nothing changed: nothing more is written.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(desk.saveInboxCache).toHaveBeenCalledTimes(1);
    stop();
  });

  it('saves a busy inbox at least every 20 seconds, and nothing after stopping', async () => {
    vi.useFakeTimers();
    signIn('alice');
    const desk = fakeDesk();
    const stop = keepInboxCached(store(), 'local', desk);
    state().hydrateInbox(inboxCache([cachedConversation('CHa')]));
    state().settleInbox(() => true);
    for (let i = 0; i < 25; i++) {
      state().setLastMessagePreview('CHa', { index: 4 + i, text: `m${i}`, author: 'bob', date: 2000 + i });
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(desk.saveInboxCache).toHaveBeenCalledTimes(1);
    stop();
    state().setLastMessagePreview('CHa', { index: 100, text: 'late', author: 'bob', date: 9999 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(desk.saveInboxCache).toHaveBeenCalledTimes(1);
  });
});

describe('saved only once main confirms', () => {
  afterEach(() => vi.useRealTimers());

  it('tries a refused or failed save again later, and stops once main has it', async () => {
    vi.useFakeTimers();
    signIn('alice');
    const answers = [
      async () => ({ ok: true as const, value: { saved: false } }),
      async () => Promise.reject(new Error('main went away')),
      async () => ({ ok: true as const, value: { saved: true } }),
    ];
    const desk = fakeDesk({ saveInboxCache: vi.fn(() => answers.shift()!()) });
    const stop = keepInboxCached(store(), 'local', desk);
    state().hydrateInbox(inboxCache([cachedConversation('CHa')]));
    state().settleInbox(() => true);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(desk.saveInboxCache).toHaveBeenCalledTimes(1);
    // Refused: nothing changed in the inbox, yet the copy is still unsaved and is offered again.
    await vi.advanceTimersByTimeAsync(21_000);
    expect(desk.saveInboxCache).toHaveBeenCalledTimes(2);
    // Failed twice: the next try waits longer.
    await vi.advanceTimersByTimeAsync(21_000);
    expect(desk.saveInboxCache).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(desk.saveInboxCache).toHaveBeenCalledTimes(3);
    // Saved: nothing more to do.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(desk.saveInboxCache).toHaveBeenCalledTimes(3);
    stop();
  });
});

describe('session start', () => {
  const session = (profileId: string): Session => ({
    profileId,
    kind: 'local',
    identity: 'alice',
    token: `token-${profileId}`,
    clientOptions: {},
    emulatorUrl: null,
  });

  it('paints the newest cached conversations, then the rest, while the client is still starting', async () => {
    const desk = fakeDesk({
      currentSession: vi.fn(async () => ({ ok: true as const, value: session('local') })),
      loadInboxCache: vi.fn(async ({ part }: { part: 'first-screen' | 'all' }) => ({
        ok: true as const,
        value: { profileId: 'local', cache: inboxCache(part === 'all' ? [cachedConversation('CHa'), cachedConversation('CHb')] : [cachedConversation('CHa')]) },
      })),
    });
    // A client that takes its time (the SDK loads on demand): the cached rows don't wait for it.
    let release: () => void = () => {};
    const clientReady = new Promise<void>((resolve) => (release = resolve));
    const factory = vi.fn(async () => {
      await clientReady;
      return new FakeClient().asClient();
    });
    const host = startHost(factory);
    const starting = host.restart();
    const shown = () => host.current().store.getState();
    await waitFor(() => expect(shown().conversations.has('CHb')).toBe(true));
    expect(shown().inboxSource).toBe('cache');
    expect(vi.mocked(desk.loadInboxCache).mock.calls.map(([r]) => r.part)).toEqual(['first-screen', 'all']);
    // A kept copy needs no REST read.
    expect(desk.loadColdInbox).not.toHaveBeenCalled();
    release();
    await starting;
  });

  it('takes the first screen the entry script asked for before the app loaded, and asks main again on a later restart', async () => {
    const desk = fakeDesk({
      currentSession: vi.fn(async () => ({ ok: true as const, value: session('local') })),
      loadInboxCache: vi.fn(async ({ part }: { part: 'first-screen' | 'all' }) => ({
        ok: true as const,
        value: { profileId: 'local', cache: inboxCache(part === 'all' ? [cachedConversation('CHa'), cachedConversation('CHb')] : [cachedConversation('CHa')]) },
      })),
    });
    askEarlyForFirstScreen();
    expect(vi.mocked(desk.loadInboxCache).mock.calls.map(([r]) => r.part)).toEqual(['first-screen']);
    const host = startHost(async () => new FakeClient().asClient());
    await host.restart();
    const shown = () => host.current().store.getState();
    await waitFor(() => expect(vi.mocked(desk.loadInboxCache).mock.calls.map(([r]) => r.part)).toEqual(['first-screen', 'all']));
    expect(shown().conversations.has('CHa')).toBe(true);
    // Handed out once: Retry reads the copy anew.
    expect(takeEarlyFirstScreen()).toBeNull();
    await host.restart();
    await waitFor(() => expect(vi.mocked(desk.loadInboxCache).mock.calls.filter(([r]) => r.part === 'first-screen')).toHaveLength(2));
  });

  it('with no copy kept, paints main’s REST page (with its unread counts) while the client is still starting, and asks for nothing more', async () => {
    const desk = fakeDesk({
      currentSession: vi.fn(async () => ({ ok: true as const, value: session('local') })),
      loadColdInbox: vi.fn(async () => ({
        ok: true as const,
        value: { profileId: 'local', cache: inboxCache([cachedConversation('CHa', { lastMessage: null, lastMessageIndex: 5, lastReadIndex: 3 })]) },
      })),
    });
    let release: () => void = () => {};
    const clientReady = new Promise<void>((resolve) => (release = resolve));
    const host = startHost(async () => {
      await clientReady;
      return new FakeClient().asClient();
    });
    const starting = host.restart();
    const shown = () => host.current().store.getState();
    await waitFor(() => expect(shown().conversations.get('CHa')?.unreadCount).toBe(2));
    expect(shown().inboxSource).toBe('cache');
    expect(shown().connection.status).toBe('connecting');
    expect(vi.mocked(desk.loadInboxCache).mock.calls.map(([r]) => r.part)).toEqual(['first-screen']);
    expect(desk.loadColdInbox).toHaveBeenCalledTimes(1);
    release();
    await starting;
  });

  it('never paints another profile’s copy', async () => {
    fakeDesk({
      currentSession: vi.fn(async () => ({ ok: true as const, value: session('p2') })),
      loadInboxCache: vi.fn(async () => ({ ok: true as const, value: { profileId: 'p1', cache: inboxCache([cachedConversation('CHa')]) } })),
    });
    const host = startHost(() => new FakeClient().asClient());
    await host.restart();
    expect(host.current().store.getState().session?.profileId).toBe('p2');
    expect(host.current().store.getState().conversations.has('CHa')).toBe(false);
  });
});
