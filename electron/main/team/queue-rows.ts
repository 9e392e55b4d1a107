import type { QueueChannel, QueueRow } from '../../../shared/ipc/team-schema';
import { parseAttributes } from './desk-attributes';

/** The fields of a twilio-node ConversationInstance the queue reads. */
export interface ConversationLike {
  sid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  attributes: string | null;
  state: string;
  dateCreated: Date | string | null;
  dateUpdated: Date | string | null;
}

/** The fields of a twilio-node ParticipantInstance the queue reads. */
export interface ParticipantLike {
  sid: string;
  identity: string | null;
  attributes?: string | null;
  messagingBinding?: { type?: string; address?: string; proxy_address?: string } | null;
}

export interface Audience {
  channel: QueueChannel;
  customer: string | null;
}

const ms = (value: Date | string | null): number => {
  if (value instanceof Date) return value.getTime();
  const parsed = value ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? 0 : parsed;
};

const STATES = new Set(['active', 'inactive', 'closed']);

/** A conversation as a queue row; channel and customer come from `audience` (unknown until participants are read). */
export function toQueueRow(c: ConversationLike, audience: Audience = { channel: 'unknown', customer: null }): QueueRow {
  const { desk } = parseAttributes(c.attributes);
  const snoozed = desk.snoozedUntil ? Date.parse(desk.snoozedUntil) : NaN;
  return {
    sid: c.sid,
    friendlyName: c.friendlyName?.slice(0, 512) ?? null,
    uniqueName: c.uniqueName?.slice(0, 512) ?? null,
    state: (STATES.has(c.state) ? c.state : 'active') as QueueRow['state'],
    dateCreated: ms(c.dateCreated),
    dateUpdated: ms(c.dateUpdated),
    assignee: desk.assignee ?? null,
    snoozedUntil: Number.isNaN(snoozed) ? null : snoozed,
    channel: audience.channel,
    customer: audience.customer,
    previous: desk.previous ?? [],
    campaign: desk.campaign?.name ?? null,
  };
}

/** Channel and customer from a conversation's participants: bindings name SMS/WhatsApp customers; chat-only ones are non-agents. */
export function audienceOf(participants: readonly ParticipantLike[], isAgent: (identity: string) => boolean): Audience {
  const kinds = new Set<'sms' | 'whatsapp'>();
  let customer: string | null = null;
  for (const p of participants) {
    const address = p.messagingBinding?.address;
    if (!address) continue;
    const kind = address.startsWith('whatsapp:') || p.messagingBinding?.type === 'whatsapp' ? 'whatsapp' : 'sms';
    kinds.add(kind);
    customer ??= address;
  }
  if (kinds.size > 1) return { channel: 'mixed', customer };
  const only = [...kinds][0];
  if (only) return { channel: only, customer };
  const chatCustomer = participants.find((p) => p.identity && !isAgent(p.identity))?.identity ?? null;
  return { channel: 'chat', customer: chatCustomer?.slice(0, 256) ?? null };
}

/** How many earlier conversations a row links to (the schema's cap). */
export const MAX_PREVIOUS = 20;

/**
 * A customer's conversations linked to each other: for each, the others, newest first, at most
 * MAX_PREVIOUS. A customer who writes after a resolve gets a new conversation (closed is final on
 * Twilio), so this is how the agent finds what was said before.
 */
export function linkCustomer(members: readonly QueueRow[]): Map<string, string[]> {
  const ordered = [...members].sort((a, b) => b.dateCreated - a.dateCreated || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0));
  const links = new Map<string, string[]>();
  for (const row of ordered) {
    const previous: string[] = [];
    for (const other of ordered) {
      if (other.sid === row.sid) continue;
      previous.push(other.sid);
      if (previous.length === MAX_PREVIOUS) break;
    }
    links.set(row.sid, previous);
  }
  return links;
}

export const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Field-by-field equality, so a refresh publishes only rows that really changed. */
export function sameRow(a: QueueRow, b: QueueRow): boolean {
  return (
    a.friendlyName === b.friendlyName &&
    a.uniqueName === b.uniqueName &&
    a.state === b.state &&
    a.dateCreated === b.dateCreated &&
    a.dateUpdated === b.dateUpdated &&
    a.assignee === b.assignee &&
    a.snoozedUntil === b.snoozedUntil &&
    a.channel === b.channel &&
    a.customer === b.customer &&
    (a.campaign ?? null) === (b.campaign ?? null) &&
    sameList(a.previous, b.previous)
  );
}
