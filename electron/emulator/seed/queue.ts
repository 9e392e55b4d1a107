import type { ConversationState } from '../conversations/records';
import type { Actor, ConversationsService } from '../conversations/service';
import { AGENT_ROLE, DEMO_AGENT_IDENTITY, DEMO_SECOND_AGENT_IDENTITY, DEMO_SMS_NUMBER, DEMO_WHATSAPP_NUMBER } from './demo';

/**
 * A synthetic team backlog for benchmarks: a service full of customer conversations the agents
 * mostly take no part in, as the team queue reads them service-wide over REST. Twilio lets an
 * identity be in at most 1,000 active or inactive conversations, so only the assigned ones have
 * their agent as a participant.
 */
export interface QueueSeedOptions {
  /** Conversations in the service. */
  conversations: number;
  /** How many of them are assigned (`attributes.desk.assignee`, the agent also a participant), spread over `agents` in turn. */
  assigned?: number;
  /** The agents assignments go to; the demo's two agents by default. */
  agents?: readonly string[];
  /** Every `closedEvery`-th conversation is resolved (closed); 0 for none. */
  closedEvery?: number;
  /** Every `snoozedEvery`-th conversation is snoozed (inactive, with `desk.snoozedUntil`); 0 for none. */
  snoozedEvery?: number;
}

export interface QueueSeedSummary {
  conversations: number;
  messages: number;
  assigned: number;
}

export const QUEUE_DEFAULTS = { assigned: 600, closedEvery: 25, snoozedEvery: 40 } as const;

const API: Actor = { identity: null, source: 'API' };
const MINUTE = 60_000;
const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eitan', 'Fatima', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Luis'];
const SURNAMES = ['Lima', 'Smith', 'Garcia', 'Nguyen', 'Okafor', 'Rossi', 'Müller', 'Tanaka', 'Silva', 'Kowalski', 'Haddad'];
const OPENERS = ['Hi, where is my order?', 'Can I change my delivery address?', 'My parcel arrived damaged.', 'How do I return an item?', 'Is the blue one back in stock?'];
const FOLLOW_UPS = ['Order number is in my last email.', 'Thanks in advance!', 'It is quite urgent, sorry.'];

/** Name of queue conversation `i`, deterministic so a bench can search for it. */
export const queueConversationName = (i: number): string =>
  `Order #${String(10_000 + i)} – ${FIRST_NAMES[i % FIRST_NAMES.length]} ${SURNAMES[Math.floor(i / FIRST_NAMES.length) % SURNAMES.length]}`;

/** Customer number of queue conversation `i`: unique per conversation, so no two share a binding. */
export const queueCustomerNumber = (i: number): string => `+1628${String(i).padStart(7, '0')}`;

/**
 * Writes straight through the service (no HTTP), so every index, Sync projection and journal line
 * is the one a real request would make; `checkpoint` (the store's commit) is called once, at the end. Conversations are dated a minute apart, oldest first;
 * each has one SMS or WhatsApp customer and one or two messages from them.
 */
export function seedQueue(service: ConversationsService, options: QueueSeedOptions, now = Date.now(), checkpoint?: () => void): QueueSeedSummary {
  const agents = options.agents?.length ? options.agents : [DEMO_AGENT_IDENTITY, DEMO_SECOND_AGENT_IDENTITY];
  for (const agent of agents) service.updateUser(agent, { roleSid: AGENT_ROLE });
  const assigned = Math.min(options.assigned ?? QUEUE_DEFAULTS.assigned, options.conversations);
  const closedEvery = options.closedEvery ?? QUEUE_DEFAULTS.closedEvery;
  const snoozedEvery = options.snoozedEvery ?? QUEUE_DEFAULTS.snoozedEvery;
  // Assignments spread evenly through the backlog, not bunched at its start.
  const assignEvery = assigned > 0 ? Math.floor(options.conversations / assigned) : 0;
  const base = Math.floor(now / MINUTE) * MINUTE - (options.conversations + 10) * MINUTE;
  const at = (t: number) => new Date(t).toISOString();
  let messages = 0;
  let assignedSoFar = 0;

  for (let i = 0; i < options.conversations; i++) {
    const opened = base + i * MINUTE;
    const whatsapp = i % 3 === 1;
    const state: ConversationState = closedEvery && i % closedEvery === closedEvery - 1 ? 'closed' : snoozedEvery && i % snoozedEvery === snoozedEvery - 1 ? 'inactive' : 'active';
    const assignee = assignEvery && i % assignEvery === 0 && assignedSoFar < assigned && state !== 'closed' ? (agents[assignedSoFar++ % agents.length] as string) : null;
    const desk = {
      ...(assignee ? { assignee, assignedAt: at(opened + 2 * MINUTE) } : {}),
      ...(state === 'inactive' ? { snoozedUntil: at(now + ((i % 48) + 1) * 60 * MINUTE) } : {}),
    };
    const name = queueConversationName(i);
    const attributes = JSON.stringify({ channel: whatsapp ? 'whatsapp' : 'sms', customerName: name.slice(name.indexOf('– ') + 2), ...(Object.keys(desk).length ? { desk } : {}) });
    const c = service.createConversation({ friendlyName: name, attributes, dateCreated: at(opened) }, API);
    const number = queueCustomerNumber(i);
    const address = whatsapp ? `whatsapp:${number}` : number;
    service.addParticipant(c.sid, { address, proxyAddress: whatsapp ? DEMO_WHATSAPP_NUMBER : DEMO_SMS_NUMBER, dateCreated: at(opened) }, API);
    if (assignee) service.addParticipant(c.sid, { identity: assignee, dateCreated: at(opened + 2 * MINUTE) }, API);
    const customer: Actor = { identity: null, source: whatsapp ? 'WHATSAPP' : 'SMS' };
    service.sendMessage(c.sid, { author: address, body: OPENERS[i % OPENERS.length] ?? 'Hello', dateCreated: at(opened) }, customer);
    messages++;
    if (i % 2 === 0) {
      service.sendMessage(c.sid, { author: address, body: FOLLOW_UPS[i % FOLLOW_UPS.length] ?? 'Thanks', dateCreated: at(opened + 20_000) }, customer);
      messages++;
    }
    if (state !== 'active') service.updateConversation(c.sid, { state }, API);
  }
  // One commit for the whole backlog: the store writes a change this big as a new snapshot
  // (store/db.ts), once, rather than as journal lines that compaction would rewrite again and again.
  checkpoint?.();
  return { conversations: options.conversations, messages, assigned: assignedSoFar };
}
