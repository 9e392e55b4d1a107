import type { ConversationsService } from '../conversations/service';
import type { ConversationRecord, MessageRecord, ParticipantRecord } from '../conversations/records';

/** Base URLs the Configuration response hands the SDK (tunnelled labels except media). */
export interface ClientUrls {
  aim: string;
  service: string;
  media: string;
}

export function clientUrls(serviceSid: string, mediaOrigin: string): ClientUrls {
  const aim = 'https://aim.us1.twilio.com';
  return { aim, service: `${aim}/Client/v2/Services/${serviceSid}`, media: `${mediaOrigin}/v1/Services/${serviceSid}` };
}

export function conversationJson(svc: ConversationsService, urls: ClientUrls, c: ConversationRecord, identity: string | null): Record<string, unknown> {
  const self = `${urls.service}/Conversations/${c.sid}`;
  const p = identity ? svc.participantOfIdentity(c.sid, identity) : undefined;
  return {
    sid: c.sid,
    conversation_sid: c.sid,
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    messaging_service_sid: c.messagingServiceSid,
    friendly_name: c.friendlyName,
    unique_name: c.uniqueName,
    attributes: c.attributes,
    date_created: c.dateCreated,
    date_updated: c.dateUpdated,
    created_by: c.createdBy,
    state: c.state,
    status: p ? 'joined' : 'notParticipating',
    notification_level: p?.notificationLevel ?? 'default',
    last_read_message_index: p?.lastReadIndex ?? null,
    unread_messages_count: p ? svc.unreadCount(c, p) : null,
    participants_count: [...svc.roster(c.sid)].length,
    messages_count: svc.messageCount(c.sid),
    last_message: c.lastMessage,
    url: self,
    links: { participants: `${self}/Participants`, messages: `${self}/Messages` },
    sync_objects: { conversation: c.documentSid, messages: c.messagesListSid, participants: c.rosterMapSid },
  };
}

export function participantJson(svc: ConversationsService, urls: ClientUrls, p: ParticipantRecord): Record<string, unknown> {
  const conv = `${urls.service}/Conversations/${p.conversationSid}`;
  return {
    sid: p.sid,
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    conversation_sid: p.conversationSid,
    role_sid: p.roleSid,
    attributes: p.attributes,
    date_created: p.dateCreated,
    date_updated: p.dateUpdated,
    identity: p.identity,
    messaging_binding: p.type === 'chat' ? null : { type: p.type, address: p.address, proxy_address: p.proxyAddress },
    url: `${conv}/Participants/${p.sid}`,
    links: { conversation: conv },
  };
}

export function messageJson(svc: ConversationsService, urls: ClientUrls, m: MessageRecord): Record<string, unknown> {
  const conv = `${urls.service}/Conversations/${m.conversationSid}`;
  return {
    sid: m.sid,
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    conversation_sid: m.conversationSid,
    index: m.index,
    author: m.author,
    participant_sid: m.participantSid,
    body: m.body,
    subject: m.subject,
    attributes: m.attributes,
    date_created: m.dateCreated,
    date_updated: m.dateUpdated,
    media: m.media.length ? m.media.map((x) => ({ sid: x.sid, size: x.size, content_type: x.contentType, filename: x.filename, category: x.category })) : null,
    url: `${conv}/Messages/${m.sid}`,
    links: { conversation: conv, messages_receipts: `${conv}/Messages/${m.sid}/Receipts` },
  };
}
