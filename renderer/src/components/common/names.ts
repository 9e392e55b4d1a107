/**
 * People by name, not by address: "Jack Wilson", not "+61 491 570 156" or "visitor-e07b3b".
 * Order of preference: the participant's attributes name, the chat user's friendly name, the
 * conversation's name when the person is its only customer, then the identity or phone number.
 */
import { formatPhoneNumber } from '../../../../shared/domain/address';
import { i18n } from '../../i18n';
import type { DeskState } from '../../store';
import { conversationTitle } from '../../store/selectors';
import type { ConversationSnapshot, ParticipantSnapshot } from '../../store/types';

type Roster = readonly ParticipantSnapshot[];
type Names = ReadonlyMap<string, string>;

const isPhoneAddress = (s: string) => s.startsWith('+') || s.startsWith('whatsapp:');
const isCustomer = (p: ParticipantSnapshot) => p.type === 'sms' || p.type === 'whatsapp';

/** The conversation's name stands for a customer who is its only phone participant. */
function loneCustomerName(p: ParticipantSnapshot, roster: Roster, conversation: Pick<ConversationSnapshot, 'friendlyName'> | undefined): string | null {
  if (!isCustomer(p) || !conversation?.friendlyName?.trim()) return null;
  return roster.filter(isCustomer).length === 1 ? conversation.friendlyName.trim() : null;
}

export function personName(p: ParticipantSnapshot, userNames: Names, roster: Roster = [], conversation?: Pick<ConversationSnapshot, 'friendlyName'>): string {
  if (p.name) return p.name;
  if (p.identity) return userNames.get(p.identity) ?? p.identity;
  const lone = loneCustomerName(p, roster, conversation);
  if (lone) return lone;
  if (p.address) return formatPhoneNumber(p.address);
  return p.type === 'whatsapp' ? i18n.t('participants.whatsappCustomer') : p.type === 'sms' ? i18n.t('participants.smsCustomer') : p.sid;
}

/** The participant who wrote a message: by participant SID, else by identity or address. */
export function findAuthor(roster: Roster, author: string | null, participantSid: string | null): ParticipantSnapshot | undefined {
  return (
    (participantSid ? roster.find((p) => p.sid === participantSid) : undefined) ??
    (author ? roster.find((p) => p.identity === author || (p.address !== null && p.address === author)) : undefined)
  );
}

/** A message author as the thread shows it; "You" for the signed-in agent. */
export function authorName(s: DeskState, sid: string, author: string | null, participantSid: string | null): string {
  if (author === null) return i18n.t('common.system');
  if (author === s.session?.identity) return i18n.t('common.you');
  const roster = s.participants.get(sid) ?? [];
  const p = findAuthor(roster, author, participantSid);
  if (p) return personName(p, s.userNames, roster, s.conversations.get(sid));
  const user = s.userNames.get(author);
  if (user) return user;
  return isPhoneAddress(author) ? formatPhoneNumber(author) : author;
}

/** Someone named by identity ("Seen by"): the roster's name for them if known. */
export function identityName(s: DeskState, sid: string, who: string): string {
  const roster = s.participants.get(sid) ?? [];
  const p = roster.find((x) => x.identity === who);
  if (p) return personName(p, s.userNames, roster, s.conversations.get(sid));
  return s.userNames.get(who) ?? who;
}

/** Someone typing, by participant SID (typing is keyed by SID: two SMS customers share a label). */
export function typistName(s: DeskState, sid: string, participantSid: string): string {
  const roster = s.participants.get(sid) ?? [];
  const p = roster.find((x) => x.sid === participantSid);
  return p ? personName(p, s.userNames, roster, s.conversations.get(sid)) : i18n.t('participants.someone');
}

/**
 * The name the agent gave a conversation's customer (their participant attributes' "name"), or
 * null: never the conversation's own name, which is often a ticket's ("Order #2001 – Ana Lima").
 */
export function customerName(s: Pick<DeskState, 'participants'>, sid: string): string | null {
  return (s.participants.get(sid) ?? []).find((p) => isCustomer(p) && p.name)?.name ?? null;
}

/** A conversation name that is only a phone number (what inbound auto-creation and many integrations set). */
const PHONE_LIKE = /^(whatsapp:)?\+?[\d\s().-]{7,}$/;

/** No name, or one that is only a phone number: the customer's name says more. */
export const namedByNumber = (name: string | null | undefined): boolean => !name?.trim() || PHONE_LIKE.test(name.trim());

/**
 * A conversation as the desk names it (inbox row, thread header, notifications): its own name,
 * unless it has none or it is just the customer's number; then the customer's name when known
 * (their profile's, kept in their participant attributes).
 */
export function conversationLabel(s: Pick<DeskState, 'participants'>, c: Pick<ConversationSnapshot, 'sid' | 'friendlyName' | 'uniqueName'>): string {
  const own = c.friendlyName?.trim() || c.uniqueName?.trim() || '';
  if (namedByNumber(own)) {
    const name = customerName(s, c.sid);
    if (name) return name;
  }
  return conversationTitle(c);
}
