import type { ConversationRecord, ParticipantRecord, UserRecord } from '../conversations/records';
import type { ConversationsService } from '../conversations/service';
import { conversationResource, restDate } from './resources';

/**
 * The two "whose conversations" resources, shaped as twilio_conversations_v1.json defines them
 * (schemas `conversations.v1.user.user_conversation` and `conversations.v1.participant_conversation`
 * and their examples in twilio/twilio-oai).
 */

/**
 * https://www.twilio.com/docs/conversations/api/user-conversation-resource: "UnreadMessageCount
 * returns a maximum value of 1000".
 */
export const MAX_UNREAD_COUNT = 1000;

/** Both resources link to the participant and its conversation under the base the client addressed. */
function links(base: string, c: ConversationRecord, p: ParticipantRecord): Record<string, string> {
  const conversation = `${base}/Conversations/${c.sid}`;
  return { participant: `${conversation}/Participants/${p.sid}`, conversation };
}

/** Timers as the Conversation resource reports them, so both always agree. */
const timersOf = (svc: ConversationsService, base: string, c: ConversationRecord): unknown => conversationResource(svc, base, c).timers;

export function userConversationResource(svc: ConversationsService, base: string, u: UserRecord, c: ConversationRecord, p: ParticipantRecord): Record<string, unknown> {
  const unread = svc.unreadCount(c, p);
  return {
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    conversation_sid: c.sid,
    // Messages after the participant's read horizon; null until one is set, as the SDK reports it.
    unread_messages_count: unread === null ? null : Math.min(unread, MAX_UNREAD_COUNT),
    last_read_message_index: p.lastReadIndex,
    participant_sid: p.sid,
    user_sid: u.sid,
    friendly_name: c.friendlyName,
    conversation_state: c.state,
    timers: timersOf(svc, base, c),
    attributes: c.attributes,
    date_created: restDate(c.dateCreated),
    date_updated: restDate(c.dateUpdated),
    created_by: c.createdBy,
    notification_level: p.notificationLevel,
    unique_name: c.uniqueName,
    url: `${base}/Users/${u.sid}/Conversations/${c.sid}`,
    links: links(base, c, p),
  };
}

export function participantConversationResource(svc: ConversationsService, base: string, c: ConversationRecord, p: ParticipantRecord): Record<string, unknown> {
  return {
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    participant_sid: p.sid,
    participant_user_sid: p.identity === null ? null : (svc.findUser(p.identity)?.sid ?? null),
    participant_identity: p.identity,
    // The spec's example: type, address and proxy_address, and null for what the emulator has no
    // notion of (group MMS `projected_address`, `level`, `name`).
    participant_messaging_binding:
      p.type === 'chat' ? null : { address: p.address, proxy_address: p.proxyAddress, type: p.type, level: null, name: null, projected_address: null },
    conversation_sid: c.sid,
    conversation_unique_name: c.uniqueName,
    conversation_friendly_name: c.friendlyName,
    conversation_attributes: c.attributes,
    conversation_date_created: restDate(c.dateCreated),
    conversation_date_updated: restDate(c.dateUpdated),
    conversation_created_by: c.createdBy,
    conversation_state: c.state,
    conversation_timers: timersOf(svc, base, c),
    links: links(base, c, p),
  };
}
