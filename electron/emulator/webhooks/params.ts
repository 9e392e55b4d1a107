import type { ConversationRecord, MessageRecord, ParticipantRecord, UserRecord } from '../conversations/records';
import type { DomainEvent } from '../conversations/service';
import type { PostEvent } from './config-store';

/** One webhook to send: its event name, the queue it is ordered in, and its form parameters. */
export interface WebhookEvent {
  eventType: PostEvent;
  /** Events with the same key are delivered in order (a conversation, or a user). */
  orderKey: string;
  params: Record<string, string>;
}

export interface AccountIds {
  accountSid: string;
  serviceSid: string;
}

const EVENT_TYPES: Record<Exclude<DomainEvent['type'], 'typing'>, PostEvent> = {
  conversationAdded: 'onConversationAdded',
  conversationUpdated: 'onConversationUpdated',
  conversationRemoved: 'onConversationRemoved',
  participantAdded: 'onParticipantAdded',
  participantUpdated: 'onParticipantUpdated',
  participantRemoved: 'onParticipantRemoved',
  messageAdded: 'onMessageAdded',
  messageUpdated: 'onMessageUpdated',
  messageRemoved: 'onMessageRemoved',
  userUpdated: 'onUserUpdated',
};

/**
 * Twilio's post-event parameters for a domain event, built when the event happens: records are
 * mutated in place later, and a webhook describes the state the event produced. Null values are
 * left out, as Twilio leaves them out.
 */
export function webhookEventFor(e: DomainEvent, ids: AccountIds, nowIso: () => string = () => new Date().toISOString()): WebhookEvent | null {
  if (e.type === 'typing') return null;
  const eventType = EVENT_TYPES[e.type];
  const p: Record<string, string | number | null | undefined> = {
    AccountSid: ids.accountSid,
    ChatServiceSid: ids.serviceSid,
    EventType: eventType,
  };
  if (e.type === 'userUpdated') {
    Object.assign(p, userParams(e.user));
    return { eventType, orderKey: `user:${e.user.identity}`, params: compact(p) };
  }
  p.Source = e.source;
  if (e.identity) p.ClientIdentity = e.identity;
  const removedAt = e.type.endsWith('Removed') ? nowIso() : null;
  if ('message' in e) Object.assign(p, messageParams(e.conversation, e.message));
  else if ('participant' in e) Object.assign(p, participantParams(e.participant));
  else Object.assign(p, conversationParams(e.conversation));
  p.DateRemoved = removedAt;
  return { eventType, orderKey: e.conversation.sid, params: compact(p) };
}

function conversationParams(c: ConversationRecord): Record<string, string | null> {
  return {
    ConversationSid: c.sid,
    MessagingServiceSid: c.messagingServiceSid,
    FriendlyName: c.friendlyName,
    UniqueName: c.uniqueName,
    Attributes: c.attributes,
    State: c.state,
    DateCreated: c.dateCreated,
    DateUpdated: c.dateUpdated,
  };
}

function participantParams(x: ParticipantRecord): Record<string, string | number | null> {
  return {
    ConversationSid: x.conversationSid,
    ParticipantSid: x.sid,
    Identity: x.identity,
    RoleSid: x.roleSid,
    Attributes: x.attributes,
    DateCreated: x.dateCreated,
    DateUpdated: x.dateUpdated,
    LastReadMessageIndex: x.lastReadIndex,
    'MessagingBinding.Type': x.type === 'chat' ? null : x.type.toUpperCase(),
    'MessagingBinding.Address': x.address,
    'MessagingBinding.ProxyAddress': x.proxyAddress,
  };
}

function messageParams(c: ConversationRecord, m: MessageRecord): Record<string, string | number | null> {
  const media = m.media.map((x) => ({ Sid: x.sid, Filename: x.filename, ContentType: x.contentType, Size: x.size, Category: x.category }));
  return {
    ConversationSid: m.conversationSid,
    MessagingServiceSid: c.messagingServiceSid,
    MessageSid: m.sid,
    Index: m.index,
    Author: m.author,
    ParticipantSid: m.participantSid,
    Body: m.body,
    Subject: m.subject,
    Attributes: m.attributes,
    ContentSid: m.contentSid,
    Media: media.length ? JSON.stringify(media) : null,
    DateCreated: m.dateCreated,
    DateUpdated: m.dateUpdated,
  };
}

function userParams(u: UserRecord): Record<string, string | null> {
  return {
    UserSid: u.sid,
    Identity: u.identity,
    FriendlyName: u.friendlyName,
    Attributes: u.attributes,
    RoleSid: u.roleSid,
    IsOnline: String(u.online),
    DateCreated: u.dateCreated,
    DateUpdated: u.dateUpdated,
  };
}

function compact(p: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}
