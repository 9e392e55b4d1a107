import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../shared/ipc/contract';
import { useDeskStore } from '../store';
import { FakeClient } from '../test/fake-client';
import { fakeDesk, resetAll } from '../test/fakes';
import { restartSession, startSession, stopSession, switchSession } from './session';

const session = (profileId: string, identity: string): Session => ({
  profileId,
  kind: 'local',
  identity,
  token: `token-${profileId}`,
  clientOptions: { Twilsock: { uri: 'ws://127.0.0.1:1' } },
  emulatorUrl: 'http://127.0.0.1:1',
});

beforeEach(async () => {
  await stopSession();
  resetAll();
});

describe('session', () => {
  it('starts the client for the current profile', async () => {
    const desk = fakeDesk({ currentSession: vi.fn(async () => ({ ok: true as const, value: session('local', 'alice') })) });
    const clients: FakeClient[] = [];
    const factory = vi.fn((_t: string, _o: Record<string, unknown>) => {
      clients.push(new FakeClient());
      return clients.at(-1)!.asClient();
    });
    await startSession(useDeskStore, factory);
    expect(factory).toHaveBeenCalledWith('token-local', { Twilsock: { uri: 'ws://127.0.0.1:1' } });
    expect(useDeskStore.getState().session?.identity).toBe('alice');
    expect(desk.onSessionChanged).toHaveBeenCalled();
    await vi.waitFor(() => expect(useDeskStore.getState().workspace?.agents).toEqual(['bob', 'carol']));
  });

  it('switches profiles cleanly: old client shut down, store reset, new client bound', async () => {
    fakeDesk({ currentSession: vi.fn(async () => ({ ok: true as const, value: session('a', 'alice') })) });
    const clients: FakeClient[] = [];
    const factory = () => {
      clients.push(new FakeClient());
      return clients.at(-1)!.asClient();
    };
    await startSession(useDeskStore, factory);
    useDeskStore.getState().upsertConversation({ sid: 'CH1', friendlyName: 'old', uniqueName: null, dateUpdated: 0, lastMessageIndex: null, lastReadIndex: null, notificationLevel: 'default', attributes: {} });

    await switchSession(session('b', 'bob'), useDeskStore, factory);
    expect(clients[0]!.shutdown).toHaveBeenCalled();
    expect(clients[0]!.listenerCount()).toBe(0);
    expect(useDeskStore.getState().conversations.size).toBe(0);
    expect(useDeskStore.getState().session?.identity).toBe('bob');
    expect(clients[1]!.listenerCount()).toBeGreaterThan(0);

    await switchSession(session('b', 'bob'), useDeskStore, factory);
    expect(clients).toHaveLength(2);
  });

  it('shows the profile’s queued messages and drafts from main at once, and switching profiles leaves them behind', async () => {
    const CH = `CH${'e'.repeat(32)}`;
    const desk = fakeDesk({
      currentSession: vi.fn(async () => ({ ok: true as const, value: session('a', 'alice') })),
      loadOutbox: vi.fn(async () => ({
        ok: true as const,
        value: {
          profileId: 'a',
          entries: [{ key: 'key-00000001', conversationSid: CH, body: 'Queued last time', attachments: [], createdAt: 1, attempts: 0 }],
          drafts: [[CH, 'Draft from last time']] as [string, string][],
        },
      })),
    });
    await startSession(useDeskStore, () => new FakeClient().asClient());
    await vi.waitFor(() => expect(useDeskStore.getState().drafts.get(CH)).toBe('Draft from last time'));
    expect(useDeskStore.getState().threads.get(CH)?.pending).toEqual([expect.objectContaining({ localId: 'key-00000001', body: 'Queued last time', status: 'queued' })]);

    vi.mocked(desk.loadOutbox).mockResolvedValue({ ok: true, value: { profileId: 'b', entries: [], drafts: [] } });
    await switchSession(session('b', 'bob'), useDeskStore, () => new FakeClient().asClient());
    await vi.waitFor(() => expect(desk.loadOutbox).toHaveBeenCalledTimes(2));
    expect(useDeskStore.getState().threads.size).toBe(0);
    expect(useDeskStore.getState().drafts.size).toBe(0);
    // Nothing of profile a was written while b is active.
    expect(vi.mocked(desk.saveDrafts).mock.calls.every(([r]) => r.profileId === 'a')).toBe(true);
  });

  it('shows a denied session with its message', async () => {
    fakeDesk({ currentSession: vi.fn(async () => ({ ok: false as const, error: { code: 'denied' as const, message: 'Keys were revoked' } })) });
    await restartSession(useDeskStore, () => new FakeClient().asClient());
    expect(useDeskStore.getState().connection).toEqual({ status: 'denied', message: 'Keys were revoked' });
  });
});
