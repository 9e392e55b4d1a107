/**
 * Test doubles: a fake DeskBridge and fake SDK objects with just the surface our actions use.
 * They are cast to SDK types at the registry boundary only.
 */
import { vi } from 'vitest';
import type { Conversation } from '@twilio/conversations';
import type { DeskBridge } from '../../../shared/ipc/contract';
import { setDeskForTests } from '../platform/desk';
import type { Outbox } from '../sdk/outbox';
import { createSessionHost, type SessionHost } from '../sdk/session';
import type { DeskSession } from '../session/desk-session';
import type { ConversationSnapshot, ParticipantSnapshot } from '../store/types';
import { FakeClient } from './fake-client';

const clients: FakeClient[] = [];
const newHost = () =>
  createSessionHost({
    factory: () => {
      clients.push(new FakeClient());
      return clients.at(-1)!.asClient();
    },
    binding: { refreshToken: async () => 'fresh-token', isViewing: () => true },
  });
/** The fake SDK client the test host started last. */
export const lastClient = (): FakeClient | undefined => clients.at(-1);
let host: SessionHost = newHost();

/**
 * A fresh window for the next test: a session host whose first session (no profile yet) is the
 * test's. The previous test's session ends, so its late results land nowhere.
 */
export function resetAll(): DeskSession {
  localStorage.clear();
  void host.stop();
  host = newHost();
  setDeskForTests(null);
  return host.current();
}

/** The session on screen (what the app's context provides). */
export const session = (): DeskSession => host.current();
export const store = () => host.current().store;
export const state = () => host.current().store.getState();
export const registry = () => host.current().registry;
export const hostForTests = (): SessionHost => host;
export const app = () => host.app;

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
    loadColdInbox: vi.fn(async () => ({ ok: true as const, value: null })),
    saveInboxCache: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    acknowledgeLink: vi.fn(async () => ({ ok: true as const, value: null })),
    loadOutbox: vi.fn(async () => ({ ok: true as const, value: { profileId: 'local', identity: 'alice', entries: [], drafts: [] } })),
    putOutboxEntry: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    removeOutboxEntry: vi.fn(async () => ({ ok: true as const, value: { removed: true } })),
    saveDrafts: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
    listCannedResponses: vi.fn(async () => ({ ok: true as const, value: { items: [] } })),
    indexMessages: vi.fn(async () => ({ ok: true as const, value: { indexed: 0 } })),
    searchMessages: vi.fn(async () => ({ ok: true as const, value: { hits: [] } })),
    teamQueue: vi.fn(async () => ({ ok: true as const, value: { rows: [], version: 0, complete: true, refreshedAt: null } })),
    refreshTeamQueue: vi.fn(async () => ({ ok: true as const, value: null })),
    onTeamQueueChanged: vi.fn(() => () => undefined),
    teamAgents: vi.fn(async () => ({ ok: true as const, value: { identities: [] } })),
    customerProfile: vi.fn(async ({ address }: { address: string }) => ({
      ok: true as const,
      value: { address, fields: { name: '', email: '', company: '', tags: [], notes: '' }, addresses: [address], conversations: [], updatedAt: null, updatedBy: null },
    })),
    accountNumbers: vi.fn(async () => ({ ok: true as const, value: { sms: [], whatsapp: [] } })),
    templateApprovals: vi.fn(async () => ({ ok: true as const, value: { items: [] } })),
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
    updateLastReadMessageIndex: vi.fn(async () => 1),
    setAllMessagesUnread: vi.fn(async () => 1),
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
  session().registry.conversations.set(sid, conv as unknown as Conversation);
  session().store.setState((s) => ({ conversations: new Map(s.conversations).set(sid, snapshot(sid, patch)) }));
  session().store.getState().setParticipants(sid, roster);
  return conv;
}

export function signIn(identity = 'alice', kind: 'local' | 'twilio' = 'local') {
  session().store.getState().setSession({ profileId: kind, identity, kind, emulatorUrl: null });
  session().store.getState().setConnection('connected');
}

/**
 * Starts the test session's outbox (and drafts) on the fake desk given, as the session host does
 * for a signed-in profile; the next resetAll() ends the session and stops it.
 */
export function startTestOutbox(desk: DeskBridge, identity = 'alice', profileId = 'local'): Outbox {
  const outbox = session().startOutbox({ bridge: desk, profileId, identity });
  if (!outbox) throw new Error('startTestOutbox: the test session has ended');
  return outbox;
}
