import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../shared/ipc/contract';
import { FakeClient, sdkConversation, sdkMessage } from '../test/fake-client';
import { fakeDesk, resetAll } from '../test/fakes';
import { createSessionHost, type SessionHost } from './session';

const session = (profileId: string, identity: string): Session => ({
  profileId,
  kind: 'local',
  identity,
  token: `token-${profileId}`,
  clientOptions: { Twilsock: { uri: 'ws://127.0.0.1:1' } },
  emulatorUrl: 'http://127.0.0.1:1',
});

let host: SessionHost | null = null;
let clients: FakeClient[] = [];
const factory = vi.fn((_t: string, _o: Record<string, unknown>) => {
  clients.push(new FakeClient());
  return clients.at(-1)!.asClient();
});
const newHost = () => (host = createSessionHost({ factory, binding: { refreshToken: async () => 'fresh', isViewing: () => true } }));
const shown = () => host!.current().store.getState();

beforeEach(async () => {
  await host?.stop();
  host = null;
  clients = [];
  factory.mockClear();
  resetAll();
});

describe('session host', () => {
  it('starts the client for the current profile', async () => {
    const desk = fakeDesk({ currentSession: vi.fn(async () => ({ ok: true as const, value: session('local', 'alice') })) });
    await newHost().start();
    expect(factory).toHaveBeenCalledWith('token-local', { Twilsock: { uri: 'ws://127.0.0.1:1' } });
    expect(shown().session?.identity).toBe('alice');
    expect(desk.onSessionChanged).toHaveBeenCalled();
    await vi.waitFor(() => expect(shown().workspace?.agents).toEqual(['bob', 'carol']));
  });

  it('switches profiles cleanly: old client shut down, a new session with its own store and registry', async () => {
    fakeDesk({ currentSession: vi.fn(async () => ({ ok: true as const, value: session('a', 'alice') })) });
    const h = newHost();
    await h.start();
    const first = h.current();
    first.store.getState().upsertConversation({ sid: 'CH1', friendlyName: 'old', uniqueName: null, dateUpdated: 0, lastMessageIndex: null, lastReadIndex: null, notificationLevel: 'default', attributes: {} });
    const seen = vi.fn();
    h.subscribe(seen);

    await h.switchTo(session('b', 'bob'));
    expect(seen).toHaveBeenCalled();
    expect(h.current()).not.toBe(first);
    expect(first.isLive()).toBe(false);
    expect(clients[0]!.shutdown).toHaveBeenCalled();
    expect(clients[0]!.listenerCount()).toBe(0);
    expect(shown().conversations.size).toBe(0);
    expect(shown().session?.identity).toBe('bob');
    expect(h.current().registry.client).toBe(clients[1]!.asClient());
    expect(clients[1]!.listenerCount()).toBeGreaterThan(0);

    await h.switchTo(session('b', 'bob'));
    expect(clients).toHaveLength(2);
  });

  it("lands a page load that finishes after a switch nowhere: not in the new account, not in the old one's registry", async () => {
    fakeDesk({ currentSession: vi.fn(async () => ({ ok: true as const, value: session('a', 'alice') })) });
    const h = newHost();
    await h.start();
    const old = h.current();
    let finishPage: (page: { items: unknown[]; hasPrevPage: boolean }) => void = () => {};
    const conv = sdkConversation('CH1', { getMessages: vi.fn(() => new Promise((resolve) => (finishPage = resolve))) });
    clients[0]!.emit('conversationAdded', conv);
    await vi.waitFor(() => expect(old.store.getState().conversations.has('CH1')).toBe(true));
    const opening = old.actions.openConversation('CH1');

    await h.switchTo(session('b', 'bob'));
    // The new account happens to have a conversation with the same SID.
    const fresh = h.current();
    fresh.store.getState().upsertConversation({ sid: 'CH1', friendlyName: 'bob’s', uniqueName: null, dateUpdated: 0, lastMessageIndex: null, lastReadIndex: null, notificationLevel: 'default', attributes: {} });
    finishPage({ items: [sdkMessage(conv, 0, 'alice’s secret')], hasPrevPage: false });
    await opening;

    expect(fresh.store.getState().threads.has('CH1')).toBe(false);
    expect(old.store.getState().threads.get('CH1')?.items ?? []).toEqual([]);
    expect(old.registry.messages.size).toBe(0);
    expect(old.registry.pages.size).toBe(0);
  });

  it('shows the profile’s queued messages and drafts from main at once, and switching profiles leaves them behind', async () => {
    const CH = `CH${'e'.repeat(32)}`;
    const desk = fakeDesk({
      currentSession: vi.fn(async () => ({ ok: true as const, value: session('a', 'alice') })),
      loadOutbox: vi.fn(async () => ({
        ok: true as const,
        value: {
          profileId: 'a',
          identity: 'alice',
          entries: [{ key: 'key-00000001', conversationSid: CH, body: 'Queued last time', attachments: [], createdAt: 1, attempts: 0 }],
          drafts: [[CH, 'Draft from last time']] as [string, string][],
        },
      })),
    });
    const h = newHost();
    await h.start();
    const first = h.current();
    await vi.waitFor(() => expect(shown().drafts.get(CH)).toBe('Draft from last time'));
    expect(shown().threads.get(CH)?.pending).toEqual([expect.objectContaining({ localId: 'key-00000001', body: 'Queued last time', status: 'queued' })]);

    let loadedForB = false;
    vi.mocked(desk.loadOutbox).mockImplementation(async () => {
      loadedForB = true;
      return { ok: true, value: { profileId: 'b', identity: 'bob', entries: [], drafts: [] } };
    });
    await h.switchTo(session('b', 'bob'));
    await vi.waitFor(() => expect(loadedForB).toBe(true));
    expect(h.current().outbox()).not.toBeNull();
    expect(first.outbox()).toBeNull();
    expect(shown().threads.size).toBe(0);
    expect(shown().drafts.size).toBe(0);
    // Nothing of profile a was written while b is active.
    expect(vi.mocked(desk.saveDrafts).mock.calls.every(([r]) => r.profileId === 'a')).toBe(true);
  });

  it('lands a send of the old profile that finishes after a switch nowhere: no outbox write, no row, no retry', async () => {
    const desk = fakeDesk({ currentSession: vi.fn(async () => ({ ok: true as const, value: session('a', 'alice') })) });
    const h = newHost();
    await h.start();
    const old = h.current();
    let finishSend: (index: number) => void = () => {};
    const sendMessage = vi.fn((_body: string, _attributes: unknown) => new Promise<number>((resolve) => (finishSend = resolve)));
    clients[0]!.emit('conversationAdded', sdkConversation('CH1', { sendMessage }));
    clients[0]!.emit('connectionStateChanged', 'connected');
    await vi.waitFor(() => expect(old.store.getState().conversations.has('CH1')).toBe(true));
    const outbox = old.outbox()!;
    expect(old.actions.sendMessage('CH1', 'Sent by alice').ok).toBe(true);
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledOnce());
    await vi.waitFor(() => expect(desk.putOutboxEntry).toHaveBeenCalledOnce());

    await h.switchTo(session('b', 'bob'));
    const fresh = h.current();
    finishSend(0);
    await outbox.idle();

    // Still in main's store for profile a: its next session looks for the key before sending again.
    expect(desk.removeOutboxEntry).not.toHaveBeenCalled();
    expect(fresh.store.getState().threads.has('CH1')).toBe(false);
    // An ended session's actions reach no outbox.
    expect(old.actions.sendMessage('CH1', 'Too late').ok).toBe(false);
    expect(sendMessage).toHaveBeenCalledOnce();
  });

  it('shows the kept outbox while main prepares the session, and the conversation opened meanwhile stays open', async () => {
    const CH = `CH${'f'.repeat(32)}`;
    let answer: (r: { ok: true; value: Session }) => void = () => {};
    const desk = fakeDesk({
      currentSession: vi.fn(() => new Promise<{ ok: true; value: Session }>((resolve) => (answer = resolve))),
      loadOutbox: vi.fn(async () => ({
        ok: true as const,
        value: {
          profileId: 'local',
          identity: 'alice',
          entries: [{ key: 'key-00000001', conversationSid: CH, body: 'Queued last time', attachments: [], createdAt: 1, attempts: 0 }],
          drafts: [] as [string, string][],
        },
      })),
    });
    const h = newHost();
    const starting = h.start();
    const waiting = h.current();
    expect(waiting.profile).toBeNull();
    await vi.waitFor(() => expect(waiting.store.getState().threads.get(CH)?.pending).toEqual([expect.objectContaining({ localId: 'key-00000001', status: 'queued' })]));
    // The agent can already change it; it is written for the active profile.
    waiting.actions.editQueued(CH, 'key-00000001', 'Edited while waiting');
    await vi.waitFor(() => expect(desk.putOutboxEntry).toHaveBeenCalledWith({ profileId: 'local', entry: expect.objectContaining({ key: 'key-00000001', body: 'Edited while waiting' }) }));
    waiting.store.getState().select(CH);

    answer({ ok: true, value: session('local', 'alice') });
    await starting;
    expect(h.current()).not.toBe(waiting);
    expect(waiting.outbox()).toBeNull();
    expect(h.current().outbox()).not.toBeNull();
    expect(shown().selectedSid).toBe(CH);
    await vi.waitFor(() => expect(shown().threads.get(CH)?.pending).toEqual([expect.objectContaining({ localId: 'key-00000001', status: 'queued' })]));
  });

  it('shows a denied session with its message', async () => {
    fakeDesk({ currentSession: vi.fn(async () => ({ ok: false as const, error: { code: 'denied' as const, message: 'Keys were revoked' } })) });
    await newHost().restart();
    expect(shown().connection).toEqual({ status: 'denied', message: 'Keys were revoked' });
  });
});
