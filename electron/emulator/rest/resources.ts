import type { ConversationRecord, MessageRecord, ParticipantRecord, ReceiptRecord, ReceiptStatus, UserRecord } from '../conversations/records';
import { timersOf, type ConversationsService } from '../conversations/service';
import type { WebhookConfig } from '../webhooks/config-store';

/**
 * Conversations v1 resources as Twilio's REST API returns them (snake_case, attributes as a JSON
 * string, `url` and `links` under the base the client addressed: `{origin}/v1` or
 * `{origin}/v1/Services/{IS}`).
 */

/** Twilio's REST timestamps carry whole seconds: `2024-05-01T10:00:00Z`. */
export const restDate = (iso: string | null): string | null => (iso ? iso.replace(/\.\d+Z$/, 'Z') : null);

export function conversationResource(svc: ConversationsService, base: string, c: ConversationRecord): Record<string, unknown> {
  const self = `${base}/Conversations/${c.sid}`;
  return {
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    messaging_service_sid: c.messagingServiceSid,
    sid: c.sid,
    friendly_name: c.friendlyName,
    unique_name: c.uniqueName,
    attributes: c.attributes,
    state: c.state,
    date_created: restDate(c.dateCreated),
    date_updated: restDate(c.dateUpdated),
    timers: timersResource(c),
    bindings: null,
    url: self,
    links: { participants: `${self}/Participants`, messages: `${self}/Messages`, webhooks: `${self}/Webhooks` },
  };
}

/** Twilio's `timers`: when each set timer falls due; `{}` when none is set. */
function timersResource(c: ConversationRecord): Record<string, string | null> {
  const t = timersOf(c);
  return {
    ...(t.inactive?.due ? { date_inactive: restDate(t.inactive.due) } : {}),
    ...(t.closed?.due ? { date_closed: restDate(t.closed.due) } : {}),
  };
}

export function participantResource(svc: ConversationsService, base: string, p: ParticipantRecord): Record<string, unknown> {
  return {
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    conversation_sid: p.conversationSid,
    sid: p.sid,
    identity: p.identity,
    attributes: p.attributes,
    messaging_binding: p.type === 'chat' ? null : { type: p.type, address: p.address, proxy_address: p.proxyAddress },
    role_sid: p.roleSid,
    date_created: restDate(p.dateCreated),
    date_updated: restDate(p.dateUpdated),
    last_read_message_index: p.lastReadIndex,
    last_read_timestamp: restDate(p.lastReadTimestamp),
    url: `${base}/Conversations/${p.conversationSid}/Participants/${p.sid}`,
  };
}

export function messageResource(svc: ConversationsService, base: string, m: MessageRecord): Record<string, unknown> {
  const self = `${base}/Conversations/${m.conversationSid}/Messages/${m.sid}`;
  return {
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    conversation_sid: m.conversationSid,
    sid: m.sid,
    index: m.index,
    author: m.author,
    body: m.body,
    media: m.media.length ? m.media.map((x) => ({ sid: x.sid, size: x.size, content_type: x.contentType, filename: x.filename, category: x.category })) : null,
    attributes: m.attributes,
    participant_sid: m.participantSid,
    date_created: restDate(m.dateCreated),
    date_updated: restDate(m.dateUpdated),
    delivery: deliverySummary(svc.receiptsFor(m.sid)),
    content_sid: m.contentSid,
    url: self,
    links: { delivery_receipts: `${self}/Receipts`, channel_metadata: `${self}/ChannelMetadata` },
  };
}

/** Twilio's aggregate: how many receipts, and whether none, some or all reached each status. */
function deliverySummary(receipts: ReceiptRecord[]): Record<string, unknown> | null {
  if (receipts.length === 0) return null;
  const share = (pred: (s: ReceiptStatus) => boolean): string => {
    const n = receipts.filter((r) => pred(r.status)).length;
    return n === 0 ? 'none' : n === receipts.length ? 'all' : 'some';
  };
  return {
    total: receipts.length,
    sent: share((s) => s === 'sent' || s === 'delivered' || s === 'read'),
    delivered: share((s) => s === 'delivered' || s === 'read'),
    read: share((s) => s === 'read'),
    failed: share((s) => s === 'failed'),
    undelivered: share((s) => s === 'undelivered'),
  };
}

/**
 * A delivery receipt (twilio-oai's conversation_message_receipt): `error_code` is 0 unless failed,
 * and only the service-scoped resource (`/v1/Services/{IS}/…`) names its `chat_service_sid`.
 */
export function receiptResource(svc: ConversationsService, base: string, r: ReceiptRecord): Record<string, unknown> {
  return {
    account_sid: svc.ids.accountSid,
    ...(base.includes('/Services/') ? { chat_service_sid: svc.ids.serviceSid } : {}),
    conversation_sid: r.conversationSid,
    message_sid: r.messageSid,
    sid: r.sid,
    channel_message_sid: r.channelMessageSid,
    participant_sid: r.participantSid,
    status: r.status,
    error_code: r.errorCode ?? 0,
    date_created: restDate(r.dateCreated),
    date_updated: restDate(r.dateUpdated),
    url: `${base}/Conversations/${r.conversationSid}/Messages/${r.messageSid}/Receipts/${r.sid}`,
  };
}

export function userResource(svc: ConversationsService, base: string, u: UserRecord): Record<string, unknown> {
  const self = `${base}/Users/${u.sid}`;
  return {
    sid: u.sid,
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    role_sid: u.roleSid,
    identity: u.identity,
    friendly_name: u.friendlyName,
    attributes: u.attributes,
    is_online: u.online,
    is_notifiable: null,
    date_created: restDate(u.dateCreated),
    date_updated: restDate(u.dateUpdated),
    url: self,
    links: { user_conversations: `${self}/Conversations` },
  };
}

export function webhookConfigResource(accountSid: string, url: string, config: WebhookConfig, serviceSid: string | null): Record<string, unknown> {
  return {
    account_sid: accountSid,
    ...(serviceSid ? { chat_service_sid: serviceSid } : { target: config.target }),
    method: config.method,
    filters: config.filters,
    pre_webhook_url: config.preWebhookUrl,
    post_webhook_url: config.postWebhookUrl,
    url,
  };
}
