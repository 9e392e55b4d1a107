/** Adding and removing people. Validation happens before any request so errors stay inline. */
import type { Conversation, JSONValue } from '@twilio/conversations';
import {
  findDuplicateIdentity,
  findDuplicatePhone,
  regionOf,
  toChannelAddress,
  validatePhoneNumber,
  type PhoneChannel,
} from '../../../../shared/domain/address';
import { i18n } from '../../i18n';
import type { SessionScope } from '../../session/scope';
import type { ParticipantSnapshot } from '../../store/types';
import { errorText, fail, OK, type ActionResult } from './result';

export type NewParticipant =
  | { kind: 'chat'; identity: string }
  /** `name`: what the desk calls the customer, kept in the participant's attributes ({"name": …}). */
  | { kind: PhoneChannel; address: string; proxy: string; name?: string };

/** Local workspace numbers are fictional (+1 555 …), so only real Twilio gets strict checks. */
export const phoneRules = (s: SessionScope): PhoneRules => ({ strict: s.store.getState().session?.kind !== 'local' });

export interface PhoneRules {
  strict: boolean;
}

/** A name is a label, not a document: long enough for any real name, far inside the 4 KB below. */
export const MAX_CUSTOMER_NAME = 200;
/** Twilio's limit on a participant's attributes (JSON, UTF-8 bytes). */
const MAX_PARTICIPANT_ATTRIBUTES = 4096;

export type Validated =
  | { ok: true; kind: 'chat'; identity: string }
  | { ok: true; kind: PhoneChannel; address: string; proxy: string; name: string | null }
  | { ok: false; message: string; field: string };

/** Pure enough to run before a conversation exists (the new-conversation dialog). */
export function validateNewParticipant(input: NewParticipant, roster: readonly ParticipantSnapshot[], rules: PhoneRules): Validated {
  if (input.kind === 'chat') {
    const identity = input.identity.trim();
    if (identity === '') return { ok: false, message: i18n.t('errors.identityRequired'), field: 'identity' };
    const dup = findDuplicateIdentity(roster, identity, i18n.t);
    return dup ? { ok: false, message: dup, field: 'identity' } : { ok: true, kind: 'chat', identity };
  }
  // A number typed without "+" is read as one of the business number's country.
  const address = validatePhoneNumber(input.address, { ...rules, region: regionOf(input.proxy) }, i18n.t);
  if (!address.ok) return { ok: false, message: address.message, field: 'address' };
  if (input.proxy.trim() === '') return { ok: false, message: i18n.t('errors.proxyRequired'), field: 'proxy' };
  const proxy = validatePhoneNumber(input.proxy, { strict: false }, i18n.t);
  if (!proxy.ok) return { ok: false, message: proxy.message, field: 'proxy' };
  const dup = findDuplicatePhone(roster, address.e164, input.kind, i18n.t);
  if (dup) return { ok: false, message: dup, field: 'address' };
  const name = input.name?.trim() || null;
  if (name && name.length > MAX_CUSTOMER_NAME) return { ok: false, message: i18n.t('errors.customerNameTooLong', { max: MAX_CUSTOMER_NAME }), field: 'customerName' };
  return { ok: true, kind: input.kind, address: address.e164, proxy: proxy.e164, name };
}

/** What a participant carries so it can be put back as it was (undo of a removal). */
export interface Restorable {
  kind: 'chat' | PhoneChannel;
  identity: string | null;
  address: string | null;
  proxy: string | null;
  attributes: JSONValue;
}

const byteLength = (v: JSONValue) => new TextEncoder().encode(JSON.stringify(v)).length;

export async function addValidated(conv: Conversation, v: Extract<Validated, { ok: true }>): Promise<ActionResult> {
  try {
    if (v.kind === 'chat') {
      await conv.add(v.identity);
    } else {
      const address = toChannelAddress(v.address, v.kind);
      const proxyAddress = toChannelAddress(v.proxy, v.kind);
      // Attributes carry the numbers because the SDK doesn't expose a participant's address,
      // and the customer's name because the conversation's name is often a ticket's.
      const attributes = { address, proxyAddress, ...(v.name ? { name: v.name } : {}) };
      if (byteLength(attributes) > MAX_PARTICIPANT_ATTRIBUTES) return fail(i18n.t('errors.customerNameTooLong', { max: MAX_CUSTOMER_NAME }), 'customerName');
      await conv.addNonChatParticipant(proxyAddress, address, attributes);
    }
    return OK;
  } catch (e) {
    return fail(i18n.t('errors.addParticipantFailed', { reason: errorText(e) }));
  }
}

export async function addParticipant(s: SessionScope, sid: string, input: NewParticipant): Promise<ActionResult> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail(i18n.t('errors.conversationGone'));
  const v = validateNewParticipant(input, s.store.getState().participants.get(sid) ?? [], phoneRules(s));
  if (!v.ok) return fail(v.message, v.field);
  return addValidated(conv, v);
}

/** Resolves with what was removed, so the panel can offer to put it back. */
export async function removeParticipant(s: SessionScope, sid: string, participantSid: string): Promise<ActionResult & { removed?: Restorable }> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail(i18n.t('errors.conversationGone'));
  const participant = s.registry.participants.get(sid)?.get(participantSid);
  const snapshot = (s.store.getState().participants.get(sid) ?? []).find((p) => p.sid === participantSid);
  const removed: Restorable | undefined = snapshot && {
    kind: snapshot.type === 'sms' || snapshot.type === 'whatsapp' ? snapshot.type : 'chat',
    identity: snapshot.identity,
    address: snapshot.address,
    proxy: snapshot.proxy,
    attributes: participant?.attributes ?? {},
  };
  try {
    await (participant ? participant.remove() : conv.removeParticipant(participantSid));
    return removed ? { ...OK, removed } : OK;
  } catch (e) {
    return fail(i18n.t('errors.removeParticipantFailed', { reason: errorText(e) }));
  }
}

/** Undo of a removal: the same identity or numbers, with the same attributes (name included). */
export async function restoreParticipant(s: SessionScope, sid: string, p: Restorable): Promise<ActionResult> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail(i18n.t('errors.conversationGone'));
  try {
    if (p.kind === 'chat') {
      if (!p.identity) return fail(i18n.t('errors.restoreParticipantFailed', { reason: i18n.t('errors.unknown') }));
      await conv.add(p.identity, p.attributes);
    } else {
      if (!p.address || !p.proxy) return fail(i18n.t('errors.restoreParticipantFailed', { reason: i18n.t('errors.unknown') }));
      await conv.addNonChatParticipant(p.proxy, p.address, p.attributes);
    }
    return OK;
  } catch (e) {
    return fail(i18n.t('errors.restoreParticipantFailed', { reason: errorText(e) }));
  }
}
