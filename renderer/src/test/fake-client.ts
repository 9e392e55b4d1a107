/** A hand-written stand-in for the SDK Client: emits events, records token updates and shutdown. */
import { vi } from 'vitest';
import type { Client } from '@twilio/conversations';

type Listener = (...args: unknown[]) => void;

export class FakeClient {
  private listeners = new Map<string, Set<Listener>>();
  connectionState = 'connected';
  updateToken = vi.fn(async (_token: string) => this as unknown as Client);
  shutdown = vi.fn(async () => undefined);
  createConversation = vi.fn();
  private listingDone: () => void = () => {};
  private readonly listing = new Promise<void>((resolve) => (this.listingDone = resolve));
  /** Like the SDK: settles once every conversation of the account has been announced. */
  getSubscribedConversations = vi.fn(async () => {
    await this.listing;
    return { items: [], hasNextPage: false, hasPrevPage: false };
  });

  /** The client initialized and has announced everything (its getSubscribedConversations() settles). */
  finishListing(): void {
    this.emit('stateChanged', 'initialized');
    this.listingDone();
  }

  on(event: string, fn: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(fn);
    return this;
  }
  removeListener(event: string, fn: Listener) {
    this.listeners.get(event)?.delete(fn);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    this.listeners.get(event)?.forEach((fn) => fn(...args));
  }
  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
  asClient(): Client {
    return this as unknown as Client;
  }
}

/** Minimal SDK Conversation for binding tests. */
export function sdkConversation(sid: string, patch: Record<string, unknown> = {}) {
  return {
    sid,
    status: 'joined',
    friendlyName: sid,
    uniqueName: null,
    dateUpdated: new Date(1000),
    dateCreated: new Date(1000),
    lastMessage: undefined as { index?: number } | undefined,
    lastReadMessageIndex: null,
    notificationLevel: 'default',
    attributes: {},
    getParticipants: vi.fn(async () => []),
    getMessages: vi.fn(async (): Promise<{ items: unknown[]; hasPrevPage: boolean }> => ({ items: [], hasPrevPage: false })),
    advanceLastReadMessageIndex: vi.fn(async () => 0),
    ...patch,
  };
}

export function sdkMessage(conversation: { sid: string }, index: number, body: string, author = 'bob') {
  return {
    conversation,
    index,
    sid: `IM${index}`,
    author,
    body,
    dateCreated: new Date(index * 1000),
    dateUpdated: new Date(index * 1000),
    attachedMedia: [],
    participantSid: null,
    aggregatedDeliveryReceipt: null,
  };
}
