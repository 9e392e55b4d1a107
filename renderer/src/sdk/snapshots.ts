/** SDK object → plain snapshot. The only place that knows the SDK's getters. */
import type { AggregatedDeliveryReceipt, Conversation, Message, Participant } from '@twilio/conversations';
import type { ConversationFields } from '../store/conversations-slice';
import type { DeliverySummary, LastMessagePreview, MessageSnapshot, ParticipantSnapshot } from '../store/types';
import { record } from './json-object';
import { readReactions } from './reactions';

const time = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);

export function conversationFields(c: Conversation): ConversationFields {
  return {
    sid: c.sid,
    friendlyName: c.friendlyName,
    uniqueName: c.uniqueName,
    dateUpdated: time(c.dateUpdated) ?? time(c.dateCreated),
    lastMessageIndex: c.lastMessage?.index ?? null,
    lastReadIndex: c.lastReadMessageIndex,
    notificationLevel: c.notificationLevel,
    attributes: c.attributes,
    state: c.state?.current ?? null,
  };
}

/**
 * One word for the aggregated receipt. Any failure wins, because the agent must act on it;
 * "read" only when every recipient read it (WhatsApp blue ticks).
 */
export function summarizeDelivery(r: AggregatedDeliveryReceipt | null): DeliverySummary {
  if (!r || r.total === 0) return null;
  if (r.failed !== 'none' || r.undelivered !== 'none') return 'failed';
  if (r.read === 'all') return 'read';
  if (r.delivered === 'all' || r.read === 'some' || r.delivered === 'some') return 'delivered';
  if (r.sent !== 'none') return 'sent';
  return 'sending';
}

export function messageSnapshot(m: Message): MessageSnapshot {
  const reactions = readReactions(m.attributes);
  return {
    index: m.index,
    sid: m.sid,
    author: m.author,
    body: m.body,
    date: time(m.dateCreated),
    // Edited: someone updated it (lastUpdatedBy), or it changed well after it was sent. An edit
    // within the first second has only the former to go by. A reaction updates the message too
    // (its attributes), and Twilio does not say which part changed: a message someone reacted to
    // counts as edited only when a live update said its body changed (binding/message-events).
    updated:
      !hasReactionsKey(m.attributes) &&
      m.dateUpdated &&
      m.dateCreated &&
      ((m.lastUpdatedBy ?? null) !== null || m.dateUpdated.getTime() - m.dateCreated.getTime() > 1000)
        ? time(m.dateUpdated)
        : null,
    media: (m.attachedMedia ?? []).map((x) => ({ sid: x.sid, filename: x.filename, contentType: x.contentType, size: x.size })),
    participantSid: m.participantSid,
    delivery: summarizeDelivery(m.aggregatedDeliveryReceipt),
    ...(reactions ? { reactions } : {}),
    ...(m.contentSid ? { contentSid: m.contentSid } : {}),
  };
}

const hasReactionsKey = (attributes: unknown): boolean => record(attributes)?.reactions !== undefined;

/** The time of a live body edit, for message-events: the snapshot alone cannot tell a reaction from an edit. */
export const editedAt = (m: Pick<Message, 'dateUpdated'>): number | null => time(m.dateUpdated);

export function previewOf(m: MessageSnapshot): LastMessagePreview {
  const text = m.body?.trim() ?? '';
  const first = m.media[0];
  const media =
    text === '' && first
      ? { kind: first.contentType.startsWith('image/') ? ('photo' as const) : ('file' as const), name: first.filename ?? null, count: m.media.length }
      : null;
  return { index: m.index, text, media, author: m.author, date: m.date, ...(m.delivery === 'failed' ? { failed: true } : {}) };
}

/**
 * The SDK exposes no SMS/WhatsApp address on Participant (3.0.1 roster items carry only email
 * bindings). We look in two public places: any `bindings.<channel>.address` the service sends,
 * then the participant attributes this app writes when it adds a number ({address, proxyAddress}).
 */
export function participantSnapshot(p: Participant): ParticipantSnapshot {
  const { address, proxy } = readAddress(p);
  return {
    sid: p.sid,
    identity: p.identity,
    type: p.type,
    address,
    proxy,
    lastReadIndex: p.lastReadMessageIndex,
    name: nameOf(p.attributes),
    profileVersion: str(record(record(p.attributes)?.profile)?.updatedAt),
  };
}

/**
 * Participant attributes may carry a display name: the customer profile's (`profile.name`, which
 * the desk keeps in step across the customer's conversations) wins over {"name": "Jack Wilson"}
 * (the seed, Flex, Studio).
 */
export function nameOf(attributes: unknown): string | null {
  const attrs = record(attributes);
  return str(record(attrs?.profile)?.name)?.trim() || str(attrs?.name)?.trim() || str(attrs?.friendlyName)?.trim() || str(attrs?.friendly_name)?.trim() || null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function readAddress(p: Pick<Participant, 'type' | 'bindings' | 'attributes'>): { address: string | null; proxy: string | null } {
  if (p.type === 'chat') return { address: null, proxy: null };
  const binding = record(record(p.bindings)?.[p.type]);
  const attrs = record(p.attributes);
  return {
    address: str(binding?.address) ?? str(attrs?.address),
    proxy: str(binding?.proxy_address) ?? str(binding?.projected_address) ?? str(attrs?.proxyAddress),
  };
}
