/**
 * Test doubles: a fake DeskBridge and fake SDK objects with just the surface our actions use.
 * They are cast to SDK types at the registry boundary only.
 */
import { vi } from 'vitest';
import type { Conversation } from '@twilio/conversations';
import type { DeskBridge } from '../../../shared/ipc/contract';
import { setDeskForTests } from '../platform/desk';
import { startOutbox } from '../sdk/outbox-session';
import { registry } from '../sdk/registry';
import { useDeskStore } from '../store';
import type { ConversationSnapshot, ParticipantSnapshot } from '../store/types';

let stopTestOutbox: (() => void) | null = null;

export function resetAll(): void {
  stopTestOutbox?.();
  stopTestOutbox = null;
  localStorage.clear();
  registry.clear();
  useDeskStore.setState({ ...useDeskStore.getInitialState(), drafts: new Map() }, true);
  setDeskForTests(null);
}

export function fakeDesk(overrides: Partial<DeskBridge> = {}): DeskBridge {
  const desk: DeskBridge = {
    platform: 'linux',
    listProfiles: vi.fn(async () => ({ ok: true as const, value: [] })),
    saveProfile: vi.fn(),
    testProfile: vi.fn(),
    removeProfile: vi.fn(),
    activateProfile: vi.fn(),
    currentSession: vi.fn(),
    refreshToken: vi.fn(async () => ({ ok: true as const, value: { token: 'fresh' } })),
    workspaceInfo: vi.fn(async () => ({
      ok: true as const,
      value: { proxyNumbers: { sms: '+15555550100', whatsapp: '+15555550111' }, agents: ['bob', 'carol'] },
    })),
    simulateInbound: vi.fn(),
    onSessionChanged: vi.fn(() => () => undefined),
    loadInboxCache: vi.fn(async () => ({ ok: true as const, value: null })),
    saveInboxCache: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    loadOutbox: vi.fn(async () => ({ ok: true as const, value: { profileId: 'local', entries: [], drafts: [] } })),
    putOutboxEntry: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    removeOutboxEntry: vi.fn(async () => ({ ok: true as const, value: { removed: true } })),
    saveDrafts: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    ...overrides,
  } as DeskBridge;
  setDeskForTests(desk);
  return desk;
}

export type FakeConversation = ReturnType<typeof fakeConversation>;

export function fakeConversation(sid: string) {
  const builder = {
    setBody: vi.fn(() => builder),
    setAttributes: vi.fn(() => builder),
    addMedia: vi.fn(() => builder),
    build: vi.fn(() => ({ send: vi.fn(async () => 7) })),
  };
  return {
    sid,
    getMessages: vi.fn(async () => ({ items: [], hasPrevPage: false, hasNextPage: false, prevPage: vi.fn(), nextPage: vi.fn() })),
    sendMessage: vi.fn(async () => 1),
    prepareMessage: vi.fn(() => builder),
    builder,
    setAllMessagesRead: vi.fn(async () => 0),
    advanceLastReadMessageIndex: vi.fn(async () => 0),
    typing: vi.fn(async () => undefined),
    add: vi.fn(async () => ({})),
    addNonChatParticipant: vi.fn(async () => ({})),
    removeParticipant: vi.fn(async () => undefined),
  };
}

export function snapshot(sid: string, patch: Partial<ConversationSnapshot> = {}): ConversationSnapshot {
  return {
    sid,
    friendlyName: sid,
    uniqueName: null,
    dateUpdated: 0,
    lastMessage: null,
    lastMessageIndex: null,
    lastReadIndex: null,
    unreadCount: 0,
    channel: 'chat',
    typing: [],
    notificationLevel: 'default',
    attributes: {},
    ...patch,
  };
}

export function person(sid: string, patch: Partial<ParticipantSnapshot> = {}): ParticipantSnapshot {
  return { sid, identity: null, type: 'chat', address: null, proxy: null, lastReadIndex: null, name: null, ...patch };
}

/** Puts a conversation in the store and its fake SDK object in the registry. */
export function seedConversation(sid: string, patch: Partial<ConversationSnapshot> = {}, roster: ParticipantSnapshot[] = []) {
  const conv = fakeConversation(sid);
  registry.conversations.set(sid, conv as unknown as Conversation);
  useDeskStore.setState((s) => ({ conversations: new Map(s.conversations).set(sid, snapshot(sid, patch)) }));
  useDeskStore.getState().setParticipants(sid, roster);
  return conv;
}

export function signIn(identity = 'alice', kind: 'local' | 'twilio' = 'local') {
  useDeskStore.getState().setSession({ profileId: kind, identity, kind, emulatorUrl: null });
  useDeskStore.getState().setConnection('connected');
}

/** The session's outbox (and drafts) on the fake desk given, as session.ts starts it. */
export function startTestOutbox(desk: DeskBridge, identity = 'alice', profileId = 'local'): void {
  stopTestOutbox?.();
  stopTestOutbox = startOutbox({ store: useDeskStore, registry, desk, profileId, identity });
}
