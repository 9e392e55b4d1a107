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
  }
}

export const registry = new SdkRegistry();
export type { SdkRegistry };
