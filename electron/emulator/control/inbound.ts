import { formatPhoneNumber } from '../../../shared/domain/address';
import { CODES, LIMITS, formatMb } from '../conversations/limits';
import type { MediaRecord, ParticipantType } from '../conversations/records';
import { parseAddress, type ConversationsService } from '../conversations/service';
import { checkBody } from '../conversations/validate';
import { badRequest } from '../util/errors';
import type { EmulatorSettings } from './settings';

/** Twilio's own error codes for the carrier-side checks, so clients can branch on them. */
export const INBOUND_CODES = {
  invalidTo: 21211,
  invalidFrom: 21212,
  bodyRequired: 21602,
  mediaUrlUnsupported: 21620,
  tooManyMedia: 21623,
} as const;

/** Inline media slots, as Twilio numbers MediaUrl0..MediaUrl9 on its webhooks. */
const MEDIA_SLOTS = 10;

export interface InboundMedia {
  filename: string | null;
  contentType: string;
  bytes: Buffer;
}

export interface InboundMessage {
  channel: Exclude<ParticipantType, 'chat'>;
  /** Customer address as stored on the participant (`whatsapp:+44…` for WhatsApp). */
  from: string;
  /** The business number the customer wrote to, same channel prefix as `from`. */
  to: string;
  body: string | null;
  media: InboundMedia[];
}

export interface InboundResult {
  conversation_sid: string;
  message_sid: string;
  participant_sid: string;
  created: boolean;
}

export interface InboundDeps {
  service: ConversationsService;
  settings: EmulatorSettings;
  storeMedia(input: { bytes: Buffer; contentType: string; filename: string | null; author: string | null }): MediaRecord;
}

const first = (form: Map<string, string[]>, key: string): string | undefined => form.get(key)?.[0];

function address(raw: string | undefined, field: 'From' | 'To', whatsapp: boolean): string {
  const code = field === 'From' ? INBOUND_CODES.invalidFrom : INBOUND_CODES.invalidTo;
  if (!raw?.trim()) throw badRequest(`${field} is required: the ${field === 'From' ? "customer's" : 'business'} number in E.164, e.g. +14155550123`, code);
  const bare = raw.trim().replace(/^whatsapp:/i, '');
  try {
    return parseAddress(whatsapp ? `whatsapp:${bare}` : bare).address;
  } catch {
    throw badRequest(`${field} ${JSON.stringify(raw)} is not an E.164 number: use +<country><number>, e.g. +14155550123${whatsapp ? ' (optionally after "whatsapp:")' : ''}`, code);
  }
}

function decodeBase64(value: string, slot: number): Buffer {
  const compact = value.replace(/\s+/g, '');
  // Buffer.from silently skips junk, so check the alphabet first; a typo must not become bytes.
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) throw badRequest(`MediaBase64_${slot} is not valid base64`, CODES.invalidParameter);
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length === 0) throw badRequest(`MediaBase64_${slot} is empty`, CODES.invalidParameter);
  return bytes;
}

function parseMedia(form: Map<string, string[]>): InboundMedia[] {
  for (const key of form.keys()) {
    if (/^MediaUrl\d+$/.test(key)) {
      throw badRequest(`${key} cannot be fetched offline: send the file inline as MediaBase64_N with MediaContentTypeN (and optionally MediaFilenameN)`, INBOUND_CODES.mediaUrlUnsupported);
    }
    const slot = /^(?:MediaFilename|MediaContentType|MediaBase64_)(\d+)$/.exec(key)?.[1];
    if (slot !== undefined && Number(slot) >= MEDIA_SLOTS) {
      throw badRequest(`${key}: media slots are numbered 0..${MEDIA_SLOTS - 1}`, INBOUND_CODES.tooManyMedia);
    }
  }
  const media: InboundMedia[] = [];
  for (let n = 0; n < MEDIA_SLOTS; n++) {
    const data = first(form, `MediaBase64_${n}`);
    const contentType = first(form, `MediaContentType${n}`)?.trim();
    const filename = first(form, `MediaFilename${n}`)?.trim() || null;
    if (data === undefined) {
      if (contentType || filename) throw badRequest(`MediaContentType${n}/MediaFilename${n} given without MediaBase64_${n}`, CODES.invalidParameter);
      continue;
    }
    if (!contentType || !/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) {
      throw badRequest(`MediaContentType${n} is required with MediaBase64_${n}, e.g. image/png`, CODES.invalidParameter);
    }
    media.push({ filename, contentType, bytes: decodeBase64(data, n) });
  }
  return media;
}

/** Reads and checks a form-encoded inbound message; throws a 400 naming the offending field. */
export function parseInbound(form: Map<string, string[]>): InboundMessage {
  const fromRaw = first(form, 'From');
  const toRaw = first(form, 'To');
  const whatsapp = [fromRaw, toRaw].some((x) => x?.trim().toLowerCase().startsWith('whatsapp:'));
  const from = address(fromRaw, 'From', whatsapp);
  const to = address(toRaw, 'To', whatsapp);
  if (from === to) throw badRequest('From and To are the same number: From is the customer, To your business number', INBOUND_CODES.invalidTo);
  const body = first(form, 'Body') || null;
  const media = parseMedia(form);
  const declared = first(form, 'NumMedia');
  if (declared !== undefined && Number(declared) !== media.length) {
    throw badRequest(`NumMedia is ${declared} but ${media.length} MediaBase64_N field(s) were sent`, CODES.invalidParameter);
  }
  if (!body && media.length === 0) throw badRequest('Body or media (MediaBase64_0 …) is required', INBOUND_CODES.bodyRequired);
  // The same rule the conversation applies to its SMS/WhatsApp participants' messages, checked
  // here so that a refused body cannot leave a conversation created for it behind.
  checkBody(body, new Set([whatsapp ? 'whatsapp' : 'sms']));

  // The carrier's limits apply before anything reaches Conversations.
  if (whatsapp) {
    if (media.length > LIMITS.whatsappMediaPerMessage) {
      throw badRequest(`WhatsApp messages carry at most ${LIMITS.whatsappMediaPerMessage} attachment (got ${media.length})`, INBOUND_CODES.tooManyMedia);
    }
    const big = media.find((m) => m.bytes.length > LIMITS.whatsappFileBytes);
    if (big) throw badRequest(`WhatsApp attachments are at most ${formatMb(LIMITS.whatsappFileBytes)}; ${big.filename ?? 'MediaBase64_0'} is ${formatMb(big.bytes.length)}`, CODES.carrierMediaTooLarge);
  } else {
    const total = media.reduce((n, m) => n + m.bytes.length, 0);
    if (total > LIMITS.mmsTotalBytes) throw badRequest(`MMS attachments total at most ${formatMb(LIMITS.mmsTotalBytes)} (got ${formatMb(total)})`, CODES.carrierMediaTooLarge);
  }
  return { channel: whatsapp ? 'whatsapp' : 'sms', from, to, body, media };
}

/**
 * What Twilio does with a message from a customer's phone: it goes into the conversation where
 * that customer already talks to that number, or, like an Address Configuration with
 * autocreation, into a new conversation the auto-join agents are added to.
 */
export function deliverInbound(deps: InboundDeps, msg: InboundMessage): InboundResult {
  const { service } = deps;
  const actor = { identity: null, source: msg.channel === 'whatsapp' ? ('WHATSAPP' as const) : ('SMS' as const) };
  let participant = service.findByBinding(msg.from, msg.to);
  const created = !participant;
  if (!participant) {
    const conversation = service.createConversation(
      {
        friendlyName: formatPhoneNumber(msg.from),
        attributes: JSON.stringify({ channel: msg.channel, customerAddress: msg.from, proxyAddress: msg.to, autoCreated: true }),
      },
      actor,
    );
    participant = service.addParticipant(conversation.sid, { address: msg.from, proxyAddress: msg.to }, actor);
    for (const identity of deps.settings.get().autoJoinIdentities) {
      // An agent already in as many open conversations as Twilio allows cannot join: the
      // customer's message still arrives, as it would on Twilio with an autocreation webhook
      // whose participant add failed, and shows in the service-wide queue.
      if (!service.canJoin(identity)) continue;
      service.addParticipant(conversation.sid, { identity }, { identity: null, source: 'API' });
    }
  }
  const mediaSids = msg.media.map((m) => deps.storeMedia({ bytes: m.bytes, contentType: m.contentType, filename: m.filename, author: msg.from }).sid);
  const message = service.sendMessage(participant.conversationSid, { author: msg.from, body: msg.body, mediaSids }, actor);
  return { conversation_sid: participant.conversationSid, message_sid: message.sid, participant_sid: participant.sid, created };
}
