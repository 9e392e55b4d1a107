/**
 * What analytics keeps of one conversation: its dates, state and desk keys, and of its messages
 * only what the charts count (times in and out, the first response, campaign sends). Small, so
 * 10,000 conversations' facts are a few megabytes in the encrypted cache and fold in one pass.
 * Pure: no I/O here; analytics-reader.ts feeds it Twilio's REST resources.
 */
import { campaignOfMessage } from '../../../shared/domain/campaign-attributes';
import type { AnalyticsChannel } from '../../../shared/ipc/analytics-schema';
import { parseAttributes } from '../team/desk-attributes';

export type SendStatus = 'sent' | 'delivered' | 'failed';

/** One message a campaign sent (its attributes carry `campaign`). */
export interface CampaignSend {
  id: string;
  name: string;
  sid: string;
  index: number;
  at: number;
  status: SendStatus;
  /** Twilio's error code of a failed send, once its receipts were read; 0 when Twilio gave none. */
  code?: number;
  /** The customer wrote in this conversation after it (a higher message index: dates are whole seconds). */
  replied?: boolean;
}

export interface ConversationFacts {
  sid: string;
  created: number;
  /** Twilio's dateUpdated: the watermark a refresh compares. */
  updated: number;
  state: 'active' | 'inactive' | 'closed';
  /** When it was closed: a closed conversation takes no more changes, so its dateUpdated. */
  closedAt: number | null;
  channel: AnalyticsChannel;
  assignee: string | null;
  assignedAt: number | null;
  snoozedUntil: number | null;
  /** Highest message index read (-1: none yet). */
  lastIndex: number;
  /** Times of the customer's messages, ascending. */
  inbound: number[];
  /** Times of everyone else's messages (agents, campaigns, `system`), ascending. */
  outbound: number[];
  firstResponse: { at: number; by: string } | null;
  campaigns: CampaignSend[];
}

/** A conversation as twilio-node lists it (the fields used). */
export interface RestConversation {
  sid: string;
  state: string;
  dateCreated: Date;
  dateUpdated: Date;
  attributes: string;
}

/** A message as twilio-node lists it (the fields used). */
export interface RestMessage {
  sid: string;
  index: number;
  author: string | null;
  attributes: string | null;
  dateCreated: Date;
  delivery: Record<string, unknown> | null;
}

/** The author Twilio gives REST messages sent without one (automations, some campaigns). */
export const SYSTEM_AUTHOR = 'system';
const ADDRESS = /^(\+\d|whatsapp:|sms:|messenger:)/i;

/** The channel an address or identity speaks on: Twilio names SMS and WhatsApp authors by their address. */
export function channelOfAddress(address: string): AnalyticsChannel {
  if (/^whatsapp:/i.test(address)) return 'whatsapp';
  if (/^(\+\d|sms:)/i.test(address)) return 'sms';
  if (/^messenger:/i.test(address)) return 'unknown';
  return 'chat';
}

/** A customer writes as their address, or as a chat identity that is not one of the service's agents. */
export function isCustomerAuthor(author: string | null, isAgent: (identity: string) => boolean): boolean {
  if (!author || author === SYSTEM_AUTHOR) return false;
  return ADDRESS.test(author) || !isAgent(author);
}

const time = (iso: unknown): number | null => {
  if (typeof iso !== 'string') return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

/** The conversation's own fields, keeping what earlier reads learnt of its messages. */
export function conversationFacts(c: RestConversation, before?: ConversationFacts): ConversationFacts {
  const { desk } = parseAttributes(c.attributes);
  const state = c.state === 'closed' ? 'closed' : c.state === 'inactive' ? 'inactive' : 'active';
  const updated = c.dateUpdated.getTime();
  return {
    sid: c.sid,
    created: c.dateCreated.getTime(),
    updated,
    state,
    closedAt: state === 'closed' ? updated : null,
    channel: before?.channel ?? 'unknown',
    assignee: desk.assignee ?? null,
    assignedAt: desk.assignee ? time(desk.assignedAt) : null,
    snoozedUntil: state === 'inactive' ? time(desk.snoozedUntil) : null,
    lastIndex: before?.lastIndex ?? -1,
    inbound: before?.inbound ?? [],
    outbound: before?.outbound ?? [],
    firstResponse: before?.firstResponse ?? null,
    campaigns: before?.campaigns ?? [],
  };
}

/** Twilio's delivery summary ("all"/"some"/"none" per status) as one status. */
export function sendStatus(delivery: Record<string, unknown> | null): SendStatus {
  if (!delivery) return 'sent';
  const any = (key: string) => delivery[key] === 'all' || delivery[key] === 'some';
  if (any('failed') || any('undelivered')) return 'failed';
  if (any('delivered') || any('read')) return 'delivered';
  return 'sent';
}

/**
 * Folds messages into the facts. `messages` may repeat ones already read (a refresh reads the
 * newest page again for delivery updates): those only update their campaign send's status.
 */
export function addMessages(facts: ConversationFacts, messages: readonly RestMessage[], isAgent: (identity: string) => boolean): ConversationFacts {
  const sorted = [...messages].sort((a, b) => a.index - b.index);
  const inbound = [...facts.inbound];
  const outbound = [...facts.outbound];
  const campaigns = [...facts.campaigns];
  let { lastIndex, firstResponse, channel } = facts;
  for (const m of sorted) {
    const mark = campaignOfMessage(m.attributes);
    if (m.index <= lastIndex) {
      if (mark) {
        const i = campaigns.findIndex((s) => s.sid === m.sid);
        const status = sendStatus(m.delivery);
        if (i >= 0 && campaigns[i]!.status !== status) campaigns[i] = { ...campaigns[i]!, status, code: undefined };
      }
      continue;
    }
    lastIndex = m.index;
    const at = m.dateCreated.getTime();
    if (isCustomerAuthor(m.author, isAgent)) {
      inbound.push(at);
      for (const [i, send] of campaigns.entries()) if (!send.replied && send.index < m.index) campaigns[i] = { ...send, replied: true };
      if (channel === 'unknown' && m.author) channel = channelOfAddress(m.author);
      continue;
    }
    outbound.push(at);
    if (mark) {
      campaigns.push({ id: mark.id, name: mark.name, sid: m.sid, index: m.index, at, status: sendStatus(m.delivery) });
      if (channel === 'unknown') channel = channelOfAddress(mark.recipient);
    }
    // The first answer: a person (not `system`, not a campaign) after the customer's first message.
    if (!firstResponse && inbound.length > 0 && !mark && m.author && m.author !== SYSTEM_AUTHOR) firstResponse = { at, by: m.author };
  }
  inbound.sort((a, b) => a - b);
  outbound.sort((a, b) => a - b);
  return { ...facts, lastIndex, firstResponse, channel, inbound, outbound, campaigns };
}
