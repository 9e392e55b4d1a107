/**
 * Live SDK objects, kept out of the store because they are mutable, evented and not serialisable.
 * The store holds snapshots keyed the same way; actions look objects up here to act on them.
 * One registry per session (see session/desk-session); once cleared it stays empty, so a late
 * page load or event of an ended session has nowhere to put its objects.
 */
import type { Client, Conversation, Message, Paginator, Participant } from '@twilio/conversations';

/**
 * Threads whose SDK messages are kept (for edit, delete and attachment downloads). Only open
 * threads need them: previews and live messages of unopened conversations are snapshots only.
 * Opening one more evicts the least recently opened thread's messages and page.
 */
export const KEPT_THREADS = 8;

export class SdkRegistry {
  client: Client | null = null;
  private cleared = false;
  /** Conversation SIDs of open threads, least recently opened first. */
  private readonly openThreads: string[] = [];
  readonly conversations = new Map<string, Conversation>();
  /** conversation SID → message index → Message */
  readonly messages = new Map<string, Map<number, Message>>();
  /** conversation SID → participant SID → Participant */
  readonly participants = new Map<string, Map<string, Participant>>();
  /** Oldest loaded page per conversation; prevPage() on it loads older history. */
  readonly pages = new Map<string, Paginator<Message>>();
  /** Thread opens in flight: the row's click and the thread pane share one load. */
  readonly opening = new Map<string, Promise<void>>();
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
    if (this.cleared) return;
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

  /**
   * A thread is being opened: its messages are kept from now on. Returns the conversations whose
   * threads were evicted to make room (their messages and page are already forgotten here).
   */
  openThread(sid: string, keep = KEPT_THREADS): string[] {
    if (this.cleared) return [];
    const at = this.openThreads.indexOf(sid);
    if (at !== -1) this.openThreads.splice(at, 1);
    this.openThreads.push(sid);
    const evicted = this.openThreads.splice(0, Math.max(0, this.openThreads.length - keep));
    evicted.forEach((e) => this.closeThread(e));
    return evicted;
  }

  isThreadOpen(sid: string): boolean {
    return this.openThreads.includes(sid);
  }

  /** The thread is gone from view for good: drop its SDK messages and its page. */
  closeThread(sid: string): void {
    const at = this.openThreads.indexOf(sid);
    if (at !== -1) this.openThreads.splice(at, 1);
    this.messages.delete(sid);
    this.pages.delete(sid);
  }

  /** The oldest loaded page of an open thread (a page of a closed thread is not kept). */
  rememberPage(sid: string, page: Paginator<Message>): void {
    if (!this.isThreadOpen(sid)) return;
    this.pages.set(sid, page);
    page.items.forEach((m) => this.rememberMessage(m));
  }

  /** Kept only while its thread is open; anything else needs no SDK object. */
  rememberMessage(message: Message): void {
    const sid = message.conversation.sid;
    if (this.cleared || !this.isThreadOpen(sid)) return;
    let byIndex = this.messages.get(sid);
    if (!byIndex) this.messages.set(sid, (byIndex = new Map()));
    byIndex.set(message.index, message);
  }

  forgetMessage(conversationSid: string, index: number): void {
    this.messages.get(conversationSid)?.delete(index);
  }

  rememberParticipant(participant: Participant): void {
    if (this.cleared) return;
    const sid = participant.conversation.sid;
    let bySid = this.participants.get(sid);
    if (!bySid) this.participants.set(sid, (bySid = new Map()));
    bySid.set(participant.sid, participant);
  }

  forgetConversation(sid: string): void {
    this.closeThread(sid);
    this.conversations.delete(sid);
    this.participants.delete(sid);
  }

  /** The session ended: everything goes, and nothing is taken in from now on. */
  clear(): void {
    this.cleared = true;
    this.openThreads.length = 0;
    this.client = null;
    this.conversations.clear();
    this.messages.clear();
    this.participants.clear();
    this.pages.clear();
    this.opening.clear();
    this.previewLoader = null;
    this.listed = true;
    this.releaseWaiting();
  }
}
