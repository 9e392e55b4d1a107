import { LIMITS } from '../conversations/limits';
import type { Actor, ConversationsService } from '../conversations/service';
import { AGENT_ROLE, DEMO_AGENT_IDENTITY, DEMO_SECOND_AGENT_IDENTITY, DEMO_SMS_NUMBER, DEMO_WHATSAPP_NUMBER } from './demo';

/** A synthetic agent-scale workspace for benchmarks: many conversations, optionally one huge thread. */
export interface LoadSeedOptions {
  /** Conversations the agent takes part in (the big thread and the shared one included). */
  conversations: number;
  /** Messages in each ordinary conversation (customer and agent alternating). */
  messagesPerConversation: number;
  /** Messages in one extra conversation named "Big thread" (0 for none). */
  bigThread?: number;
  /** The agent every conversation includes; the demo agent by default. */
  agent?: string;
  /** A second agent who shares one conversation ("Two agents") with the first. */
  secondAgent?: string;
}

export interface LoadSeedSummary {
  conversations: number;
  messages: number;
  bigThreadSid: string | null;
  sharedSid: string;
}

const API: Actor = { identity: null, source: 'API' };
const MINUTE = 60_000;
/**
 * Ordinary conversations left open: a chat identity can be in at most 1,000 active or inactive
 * conversations on Twilio, so a bigger workspace is, as a real one would be, mostly resolved
 * (closed) history. Room is left for the big thread, the shared one and a few a test adds.
 */
const OPEN_ORDINARY = LIMITS.conversationsPerIdentity - 10;
const SURNAMES = ['Smith', 'Garcia', 'Nguyen', 'Okafor', 'Rossi', 'Müller', 'Tanaka', 'Silva', 'Kowalski', 'Haddad'];
const LINES = [
  'Hi, where is my order?',
  'Let me check that for you.',
  'It should arrive tomorrow.',
  'Thanks, that helps!',
  'Can I change the delivery address?',
  'Done: the courier has the new address.',
];

/** Name of ordinary conversation `i`, deterministic so a bench can search for it. */
export const loadConversationName = (i: number): string => `Customer ${String(i).padStart(5, '0')} ${SURNAMES[i % SURNAMES.length]}`;

/**
 * Writes straight through the service (no HTTP): a 10,000-conversation workspace takes seconds.
 * Conversations are dated a minute apart, newest last, so the inbox order is known; the big
 * thread and the shared conversation are the newest two.
 */
export function seedLoad(service: ConversationsService, options: LoadSeedOptions, now = Date.now()): LoadSeedSummary {
  const agent = options.agent ?? DEMO_AGENT_IDENTITY;
  const second = options.secondAgent ?? DEMO_SECOND_AGENT_IDENTITY;
  for (const identity of [agent, second]) service.updateUser(identity, { roleSid: AGENT_ROLE });
  const base = Math.floor(now / MINUTE) * MINUTE - (options.conversations + 10) * MINUTE;
  const at = (t: number) => new Date(t).toISOString();
  let messages = 0;

  const ordinary = Math.max(0, options.conversations - (options.bigThread ? 2 : 1));
  for (let i = 0; i < ordinary; i++) {
    const opened = base + i * MINUTE;
    const channel = i % 3 === 0 ? 'sms' : i % 3 === 1 ? 'whatsapp' : 'chat';
    const c = service.createConversation({ friendlyName: loadConversationName(i), attributes: JSON.stringify({ channel }), dateCreated: at(opened) }, API);
    const number = `+1415${String(i).padStart(7, '0')}`;
    const customer =
      channel === 'chat'
        ? service.addParticipant(c.sid, { identity: `customer-${i}@example.com`, dateCreated: at(opened) }, API).identity
        : service.addParticipant(
            c.sid,
            {
              address: channel === 'whatsapp' ? `whatsapp:${number}` : number,
              proxyAddress: channel === 'whatsapp' ? DEMO_WHATSAPP_NUMBER : DEMO_SMS_NUMBER,
              dateCreated: at(opened),
            },
            API,
          ).address;
    service.addParticipant(c.sid, { identity: agent, dateCreated: at(opened) }, API);
    for (let k = 0; k < options.messagesPerConversation; k++) {
      const fromCustomer = k % 2 === 0;
      service.sendMessage(
        c.sid,
        { author: fromCustomer ? customer : agent, body: LINES[(i + k) % LINES.length] ?? 'Hello', dateCreated: at(opened + k * 1000) },
        fromCustomer ? { identity: channel === 'chat' ? customer : null, source: channel === 'chat' ? 'SDK' : channel === 'sms' ? 'SMS' : 'WHATSAPP' } : { identity: agent, source: 'SDK' },
      );
      messages++;
    }
    // Resolved when its last message was written, so the inbox order stays the seeded one.
    if (i < ordinary - OPEN_ORDINARY) {
      const last = opened + Math.max(0, options.messagesPerConversation - 1) * 1000;
      service.updateConversation(c.sid, { state: 'closed', dateUpdated: at(last) }, API);
    }
  }

  let bigThreadSid: string | null = null;
  if (options.bigThread) {
    const opened = base + (ordinary + 1) * MINUTE;
    const c = service.createConversation({ friendlyName: 'Big thread', dateCreated: at(opened) }, API);
    service.addParticipant(c.sid, { identity: 'big-customer@example.com', dateCreated: at(opened) }, API);
    service.addParticipant(c.sid, { identity: agent, dateCreated: at(opened) }, API);
    for (let k = 0; k < options.bigThread; k++) {
      const fromCustomer = k % 2 === 0;
      const author = fromCustomer ? 'big-customer@example.com' : agent;
      service.sendMessage(c.sid, { author, body: `#${k} ${LINES[k % LINES.length] ?? ''}`, dateCreated: at(opened + k * 10) }, { identity: author, source: 'SDK' });
    }
    messages += options.bigThread;
    bigThreadSid = c.sid;
  }

  const opened = base + (ordinary + 8) * MINUTE;
  const shared = service.createConversation({ friendlyName: 'Two agents', dateCreated: at(opened) }, API);
  service.addParticipant(shared.sid, { identity: agent, dateCreated: at(opened) }, API);
  service.addParticipant(shared.sid, { identity: second, dateCreated: at(opened) }, API);
  service.sendMessage(shared.sid, { author: second, body: 'Shall we split the queue?', dateCreated: at(opened) }, { identity: second, source: 'SDK' });
  messages++;
  service.setReadHorizon(shared.sid, agent, 0);
  return { conversations: ordinary + (bigThreadSid ? 2 : 1), messages, bigThreadSid, sharedSid: shared.sid };
}
