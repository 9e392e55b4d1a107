/**
 * `{{customer.name}}` and friends in canned responses, filled from what the desk knows about the
 * conversation. A variable the desk cannot fill stays in the text as written, so the agent sees it
 * and the composer warns before it could reach a customer.
 */
import { formatPhoneNumber, stripChannelPrefix } from '../../../../shared/domain/address';
import type { DeskState } from '../../store';
import type { ParticipantSnapshot } from '../../store/types';

export const CANNED_VARIABLES = ['customer.name', 'customer.phone', 'agent.name', 'agent.identity', 'conversation.name'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
export type CannedValues = Partial<Record<CannedVariable, string>>;

const VARIABLE = /\{\{\s*([\w.-]+)\s*\}\}/g;

/**
 * The customer is the conversation's participant who is not an agent: its SMS or WhatsApp
 * participant, else (web chat) a chat identity other than the signed-in agent's.
 */
export function customerOf(roster: readonly ParticipantSnapshot[], me: string | null): ParticipantSnapshot | undefined {
  return roster.find((p) => p.type === 'sms' || p.type === 'whatsapp') ?? roster.find((p) => p.type === 'chat' && p.identity !== null && p.identity !== me);
}

/** What the desk knows now; a variable it does not know is left out. */
export function cannedValues(s: DeskState, sid: string): CannedValues {
  const me = s.session?.identity ?? null;
  const conversation = s.conversations.get(sid);
  const customer = customerOf(s.participants.get(sid) ?? [], me);
  const values: CannedValues = {};
  const set = (key: CannedVariable, value: string | null | undefined) => {
    if (value?.trim()) values[key] = value.trim();
  };
  if (customer) {
    const phone = customer.address ? formatPhoneNumber(stripChannelPrefix(customer.address)) : null;
    // A name the participant's attributes carry, else how the desk addresses them.
    set('customer.name', customer.name ?? (customer.identity ? (s.userNames.get(customer.identity) ?? customer.identity) : phone));
    set('customer.phone', phone);
  }
  if (me) {
    set('agent.name', s.userNames.get(me) ?? me);
    set('agent.identity', me);
  }
  set('conversation.name', conversation?.friendlyName ?? conversation?.uniqueName);
  return values;
}

export function fillVariables(body: string, values: CannedValues): string {
  return body.replace(VARIABLE, (whole, key: string) => values[key as CannedVariable] ?? whole);
}

/** The `{{…}}` still in a text, each once, in order. */
export function unfilledVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[0]))];
}

/** Where the first `{{…}}` is, so the composer can select it for the agent to type over. */
export function firstUnfilled(text: string, from = 0): { start: number; end: number } | null {
  for (const m of text.matchAll(VARIABLE)) {
    if (m.index >= from) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}
