/** Adding and removing people. Validation happens before any request so errors stay inline. */
import type { Conversation } from '@twilio/conversations';
import {
  findDuplicateIdentity,
  findDuplicatePhone,
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
  | { kind: PhoneChannel; address: string; proxy: string };

/** Local workspace numbers are fictional (+1 555 …), so only real Twilio gets strict checks. */
export const phoneRules = (s: SessionScope): PhoneRules => ({ strict: s.store.getState().session?.kind !== 'local' });

export interface PhoneRules {
  strict: boolean;
}

export type Validated =
  | { ok: true; kind: 'chat'; identity: string }
  | { ok: true; kind: PhoneChannel; address: string; proxy: string }
  | { ok: false; message: string; field: string };

/** Pure enough to run before a conversation exists (the new-conversation dialog). */
export function validateNewParticipant(input: NewParticipant, roster: readonly ParticipantSnapshot[], rules: PhoneRules): Validated {
  if (input.kind === 'chat') {
    const identity = input.identity.trim();
    if (identity === '') return { ok: false, message: i18n.t('errors.identityRequired'), field: 'identity' };
    const dup = findDuplicateIdentity(roster, identity, i18n.t);
    return dup ? { ok: false, message: dup, field: 'identity' } : { ok: true, kind: 'chat', identity };
  }
  const address = validatePhoneNumber(input.address, rules, i18n.t);
  if (!address.ok) return { ok: false, message: address.message, field: 'address' };
  if (input.proxy.trim() === '') return { ok: false, message: i18n.t('errors.proxyRequired'), field: 'proxy' };
  const proxy = validatePhoneNumber(input.proxy, { strict: false }, i18n.t);
  if (!proxy.ok) return { ok: false, message: proxy.message, field: 'proxy' };
  const dup = findDuplicatePhone(roster, address.e164, input.kind, i18n.t);
  if (dup) return { ok: false, message: dup, field: 'address' };
  return { ok: true, kind: input.kind, address: address.e164, proxy: proxy.e164 };
}

export async function addValidated(conv: Conversation, v: Extract<Validated, { ok: true }>): Promise<ActionResult> {
  try {
    if (v.kind === 'chat') {
      await conv.add(v.identity);
    } else {
      const address = toChannelAddress(v.address, v.kind);
      const proxyAddress = toChannelAddress(v.proxy, v.kind);
      // Attributes carry the numbers because the SDK doesn't expose a participant's address.
      await conv.addNonChatParticipant(proxyAddress, address, { address, proxyAddress });
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

export async function removeParticipant(s: SessionScope, sid: string, participantSid: string): Promise<ActionResult> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail(i18n.t('errors.conversationGone'));
  try {
    const participant = s.registry.participants.get(sid)?.get(participantSid);
    await (participant ? participant.remove() : conv.removeParticipant(participantSid));
    return OK;
  } catch (e) {
    return fail(i18n.t('errors.removeParticipantFailed', { reason: errorText(e) }));
  }
}
