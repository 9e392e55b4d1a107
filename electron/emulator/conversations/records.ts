/** Persisted Conversations entities. Attributes are JSON strings, as Twilio stores them. */
import type { ContentButton, MessageContent } from '../content/records';
import type { ConversationTimers } from './state-timers';

export type ParticipantType = 'chat' | 'sms' | 'whatsapp';
export type ConversationState = 'active' | 'inactive' | 'closed';
export type NotificationLevel = 'default' | 'muted';
export type ReceiptStatus = 'sent' | 'delivered' | 'failed' | 'undelivered' | 'read' | 'queued';

export interface UserRecord {
  sid: string;
  identity: string;
  friendlyName: string | null;
  attributes: string;
  roleSid: string;
  infoMapSid: string;
  conversationsMapSid: string;
  online: boolean;
  dateCreated: string;
  dateUpdated: string;
}

export interface ConversationRecord {
  sid: string;
  uniqueName: string | null;
  friendlyName: string | null;
  attributes: string;
  createdBy: string;
  messagingServiceSid: string;
  state: ConversationState;
  /** When `state` last changed (absent in state saved before states changed: `dateCreated`). */
  stateUpdated?: string;
  /** Timers.Inactive / Timers.Closed (absent in state saved before timers existed: none). */
  timers?: ConversationTimers;
  dateCreated: string;
  dateUpdated: string;
  documentSid: string;
  messagesListSid: string;
  rosterMapSid: string;
  lastMessage: { index: number; timestamp: string } | null;
}

export interface ParticipantRecord {
  sid: string;
  conversationSid: string;
  identity: string | null;
  type: ParticipantType;
  /** Customer address for SMS/WhatsApp (`whatsapp:+1…` for WhatsApp). */
  address: string | null;
  /** The business number the customer talks to. */
  proxyAddress: string | null;
  attributes: string;
  roleSid: string;
  notificationLevel: NotificationLevel;
  lastReadIndex: number | null;
  lastReadTimestamp: string | null;
  dateCreated: string;
  dateUpdated: string;
}

export interface MessageMedia {
  sid: string;
  category: 'media' | 'body' | 'history';
  filename: string | null;
  contentType: string;
  size: number;
}

export interface MessageRecord {
  sid: string;
  conversationSid: string;
  index: number;
  author: string | null;
  participantSid: string | null;
  body: string | null;
  subject: string | null;
  attributes: string;
  media: MessageMedia[];
  contentSid: string | null;
  /** The template rendered when the message was sent (template messages only). */
  content?: MessageContent;
  dateCreated: string;
  dateUpdated: string;
  lastUpdatedBy: string | null;
}

export interface ReceiptRecord {
  sid: string;
  conversationSid: string;
  messageSid: string;
  participantSid: string;
  channelMessageSid: string;
  status: ReceiptStatus;
  errorCode: number | null;
  dateCreated: string;
  dateUpdated: string;
}

export interface MediaRecord {
  sid: string;
  serviceSid: string;
  conversationSid: string | null;
  messageSid: string | null;
  size: number;
  contentType: string;
  filename: string | null;
  category: 'media' | 'body' | 'history';
  author: string | null;
  dateCreated: string;
}

/** A message delivered to a customer's phone, for `GET /emulator/outbound`. */
export interface OutboundRecord {
  sid: string;
  to: string;
  from: string;
  body: string | null;
  mediaSids: string[];
  conversationSid: string;
  /** Null for Twilio's own replies (opt-out/opt-in confirmations), which are no conversation message. */
  messageSid: string | null;
  status: ReceiptStatus;
  errorCode: number | null;
  dateCreated: string;
  /** A template message as this phone's channel shows it (template messages only). */
  content?: { sid: string; type: string; buttons: ContentButton[]; mediaUrls: string[] };
}
