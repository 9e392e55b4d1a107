/**
 * Live SDK objects, kept out of the store because they are mutable, evented and not serialisable.
 * The store holds snapshots keyed the same way; actions look objects up here to act on them.
 */
import type { Client, Conversation, Message, Paginator, Participant } from '@twilio/conversations';

export interface PendingPayload {
  body: string;
  files: File[];
}

class SdkRegistry {
  client: Client | null = null;
  readonly conversations = new Map<string, Conversation>();
  /** conversation SID → message index → Message */
  readonly messages = new Map<string, Map<number, Message>>();
  /** conversation SID → participant SID → Participant */
  readonly participants = new Map<string, Map<string, Participant>>();
  /** Oldest loaded page per conversation; prevPage() on it loads older history. */
  readonly pages = new Map<string, Paginator<Message>>();
  /** What a failed send needs for Retry (Files can't live in the store). */
  readonly pendingPayloads = new Map<string, PendingPayload>();
  /** Set by the binding: loads a conversation's last-message preview once a row shows it. */
  previewLoader: ((sid: string) => void) | null = null;
  /**
   * Whether the SDK has announced every conversation of the account. Until then a conversation
   * the inbox shows (from the cached copy, or a deep link) may simply not be announced yet.
   */
  private listed = true;
  private readonly waiting = new Map<string, Array<(conversation: Conversation | undefined) => void>>();

  /** The binding tracks a conversation: anyone waiting for it gets it. */
  addConversation(conversation: Conversation): void {
    this.conversations.set(conversation.sid, conversation);
    const waiters = this.waiting.get(conversation.sid);
    this.waiting.delete(conversation.sid);
    waiters?.forEach((resolve) => resolve(conversation));
  }

  /** A client starts announcing conversations. */
  beginListing(): void {
    this.listed = false;
  }

  /** Every conversation is announced: those still awaited don't exist (any more) for this agent. */
  markListed(): void {
    this.listed = true;
    this.releaseWaiting();
  }

  /**
   * The SDK object for `sid`, waiting while the SDK is still announcing conversations; undefined
   * once it has announced all of them without this one.
   */
  awaitConversation(sid: string): Promise<Conversation | undefined> {
    const known = this.conversations.get(sid);
    if (known || this.listed) return Promise.resolve(known);
    return new Promise((resolve) => {
      const list = this.waiting.get(sid) ?? [];
      list.push(resolve);
      this.waiting.set(sid, list);
    });
  }

  private releaseWaiting(): void {
    const all = [...this.waiting.entries()];
    this.waiting.clear();
    for (const [sid, waiters] of all) waiters.forEach((resolve) => resolve(this.conversations.get(sid)));
  }

  /** An inbox row is on screen: its preview is wanted now (previews load lazily). */
  wantPreview(sid: string): void {
    this.previewLoader?.(sid);
  }

  rememberMessage(message: Message): void {
    const sid = message.conversation.sid;
    let byIndex = this.messages.get(sid);
    if (!byIndex) this.messages.set(sid, (byIndex = new Map()));
    byIndex.set(message.index, message);
  }

  forgetMessage(conversationSid: string, index: number): void {
    this.messages.get(conversationSid)?.delete(index);
  }

  rememberParticipant(participant: Participant): void {
    const sid = participant.conversation.sid;
    let bySid = this.participants.get(sid);
    if (!bySid) this.participants.set(sid, (bySid = new Map()));
    bySid.set(participant.sid, participant);
  }

  forgetConversation(sid: string): void {
    this.conversations.delete(sid);
    this.messages.delete(sid);
    this.participants.delete(sid);
    this.pages.delete(sid);
  }

  clear(): void {
    this.client = null;
    this.conversations.clear();
    this.messages.clear();
    this.participants.clear();
    this.pages.clear();
    this.pendingPayloads.clear();
    this.previewLoader = null;
    this.listed = true;
    this.releaseWaiting();
  }
}

export const registry = new SdkRegistry();
export type { SdkRegistry };
