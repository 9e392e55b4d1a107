/** Plain, serialisable snapshots of SDK state. SDK objects never enter the store (see sdk/registry). */
import type { ChannelBadge } from '../../../shared/domain/channel';

export type ConnectionStatus =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'refreshing-token'
  | 'denied'
  | 'disconnected'
  | 'error';

export interface ConversationSnapshot {
  sid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  /** Milliseconds; used for "latest activity" sorting when there is no message yet. */
  dateUpdated: number | null;
  lastMessage: LastMessagePreview | null;
  lastMessageIndex: number | null;
  lastReadIndex: number | null;
  unreadCount: number;
  channel: ChannelBadge;
  /** Participant SIDs of whoever is typing (names come from the roster when shown). */
  typing: string[];
  notificationLevel: 'default' | 'muted';
  attributes: unknown;
  /** Twilio's conversation state as the SDK reports it; absent in copies from the inbox cache. */
  state?: 'active' | 'inactive' | 'closed' | null;
}

export interface PreviewMedia {
  kind: 'photo' | 'file';
  /** The first attachment's file name, if it has one. */
  name: string | null;
  count: number;
}

export interface LastMessagePreview {
  index: number;
  /** The body; empty when the message is only attachments (then `media` says what to show). */
  text: string;
  /**
   * What a message without text carries, kept as a kind rather than words ("Photo: x.png") so the
   * inbox and its encrypted cache show it in the language of the moment (`previewText`).
   */
  media?: PreviewMedia | null;
  author: string | null;
  /** Milliseconds since epoch. */
  date: number | null;
  /** Twilio could not deliver it to a customer's phone (the inbox row is marked). */
  failed?: boolean;
}

export interface MediaSnapshot {
  sid: string;
  filename: string | null;
  contentType: string;
  size: number;
}

/** Collapsed aggregated delivery receipt; null when the channel has none (chat). */
export type DeliverySummary = 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | null;

/** The reactions of Twilio's demo app, by the names it stores them under (sdk/reactions.ts). */
export type ReactionKey = 'heart' | 'thumbs_up' | 'laugh' | 'sad' | 'pouting' | 'thumbs_down';
/** Who reacted with what (identities); only reactions someone holds. */
export type Reactions = Partial<Record<ReactionKey, readonly string[]>>;

export interface MessageSnapshot {
  index: number;
  sid: string;
  author: string | null;
  body: string | null;
  date: number | null;
  updated: number | null;
  media: MediaSnapshot[];
  participantSid: string | null;
  delivery: DeliverySummary;
  /** Emoji reactions from the message's attributes (sdk/reactions.ts); absent when there are none. */
  reactions?: Reactions;
  /** A template message (Twilio Content API): its HX… SID; absent or null for free text. */
  contentSid?: string | null;
}

export interface PendingAttachment {
  name: string;
  type: string;
  size: number;
}

/**
 * A send the agent started that the service has not echoed back yet. Never silently dropped.
 * 'queued': waiting in the outbox for the connection (or for Twilio to take requests again).
 * Its life is one reducer: store/pending-send.ts.
 */
export interface PendingMessage {
  /** Also the outbox key: the idempotency key the message carries in its attributes. */
  localId: string;
  body: string;
  attachments: PendingAttachment[];
  status: 'sending' | 'queued' | 'failed' | 'sent';
  /** Queued: why it waits, and failed: why it was not sent; either one of the outbox's reason codes (sdk/outbox-reasons.ts, shown translated) or the service's own message. */
  error: string | null;
  /** Index the service assigned; the pending entry hides once that message is in the thread. */
  index: number | null;
  createdAt: number;
}

export interface ThreadState {
  items: MessageSnapshot[];
  pending: PendingMessage[];
  hasOlder: boolean;
  loading: 'idle' | 'initial' | 'older';
  error: string | null;
  /** react-virtuoso firstItemIndex: decreases by the count of prepended items. */
  firstItemIndex: number;
  /** Read horizon when the thread was opened: the "New messages" line sits after it. */
  readHorizon: number | null;
}

export interface ParticipantSnapshot {
  sid: string;
  identity: string | null;
  type: string;
  address: string | null;
  proxy: string | null;
  lastReadIndex: number | null;
  /** A display name from the participant's attributes ({"name": …}), if any. */
  name: string | null;
  /** The customer profile's `updatedAt` in the attributes: a teammate's save changes it, so the open profile reads again. */
  profileVersion?: string | null;
}

export interface SessionInfo {
  profileId: string;
  identity: string;
  kind: 'local' | 'twilio';
  emulatorUrl: string | null;
}
