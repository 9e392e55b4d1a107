import type { JsonObject } from '../sync/types';
import type { ConversationRecord, MessageRecord, ParticipantRecord, ReceiptRecord } from './records';

/** Data of the conversation's Sync document; it must name the messages list and roster map. */
export function conversationDocument(c: ConversationRecord): JsonObject {
  return {
    messages: c.messagesListSid,
    roster: c.rosterMapSid,
    friendlyName: c.friendlyName,
    uniqueName: c.uniqueName,
    attributes: c.attributes,
    createdBy: c.createdBy,
    dateCreated: c.dateCreated,
    dateUpdated: c.dateUpdated,
    // The SDK compares this object to tell a state change ('state' in updateReasons) from any other.
    state: { current: c.state, dateUpdated: c.stateUpdated ?? c.dateCreated },
    bindings: {},
    ...(c.lastMessage ? { lastMessage: c.lastMessage } : {}),
  };
}

/** A user's my-conversations map item: per-user state lives here, not in the shared document. */
export function myConversationItem(c: ConversationRecord, p: ParticipantRecord): JsonObject {
  return {
    channel: c.documentSid,
    messages: c.messagesListSid,
    roster: c.rosterMapSid,
    status: 'joined',
    lastConsumedMessageIndex: p.lastReadIndex,
    notificationLevel: p.notificationLevel,
  };
}

export function rosterItem(p: ParticipantRecord, userInfoMapSid: string | null): JsonObject {
  return {
    identity: p.identity,
    type: p.type,
    attributes: p.attributes,
    roleSid: p.roleSid,
    dateCreated: p.dateCreated,
    dateUpdated: p.dateUpdated,
    lastConsumedMessageIndex: p.lastReadIndex,
    lastConsumptionTimestamp: p.lastReadTimestamp,
    ...(userInfoMapSid ? { userInfo: userInfoMapSid } : {}),
    // The SDK passes bindings through as `participant.bindings[type]`; the desk shows the number.
    bindings: p.type === 'chat' ? {} : { [p.type]: { address: p.address, proxy_address: p.proxyAddress } },
  };
}

type Level = 'none' | 'some' | 'all';

/** Aggregated receipt as the SDK reads it: each status is none, some or all of the receipts. */
export function aggregateDelivery(receipts: ReceiptRecord[]): JsonObject | null {
  if (receipts.length === 0) return null;
  const level = (pred: (r: ReceiptRecord) => boolean): Level => {
    const n = receipts.filter(pred).length;
    return n === 0 ? 'none' : n === receipts.length ? 'all' : 'some';
  };
  // A delivered (or read) message has been sent too; receipts only move forward.
  return {
    total: receipts.length,
    sent: level((r) => r.status === 'sent' || r.status === 'delivered' || r.status === 'read'),
    delivered: level((r) => r.status === 'delivered' || r.status === 'read'),
    read: level((r) => r.status === 'read'),
    undelivered: level((r) => r.status === 'undelivered'),
    failed: level((r) => r.status === 'failed'),
  };
}

export function messageItem(m: MessageRecord, receipts: ReceiptRecord[]): JsonObject {
  const delivery = aggregateDelivery(receipts);
  return {
    sid: m.sid,
    text: m.body,
    type: m.media.length > 0 ? 'media' : 'text',
    author: m.author,
    memberSid: m.participantSid,
    attributes: m.attributes,
    timestamp: m.dateCreated,
    dateUpdated: m.dateUpdated,
    lastUpdatedBy: m.lastUpdatedBy,
    subject: m.subject,
    contentSid: m.contentSid,
    medias: m.media.map((x) => ({ sid: x.sid, category: x.category, filename: x.filename, contentType: x.contentType, size: x.size })),
    ...(delivery ? { delivery } : {}),
  };
}
