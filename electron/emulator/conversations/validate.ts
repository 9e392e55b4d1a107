import { TwilioError, badRequest } from '../util/errors';
import { ATTRIBUTES_BYTES, CODES, LIMITS, type AttributesOwner } from './limits';
import type { ParticipantType } from './records';

/**
 * Pure checks of client input against Twilio's limits (see limits.ts for the sources). They read
 * nothing and change nothing, so the service runs all of them before it touches any record.
 */

const SID_OF_CONVERSATION = /^CH[0-9a-fA-F]{32}$/;

/** Attributes as stored: JSON object text, `{}` when absent. */
export function checkAttributes(attributes: string | undefined, what: AttributesOwner): string {
  if (attributes === undefined || attributes === '') return '{}';
  const limit = ATTRIBUTES_BYTES[what];
  const bytes = Buffer.byteLength(attributes, 'utf8');
  if (bytes > limit) {
    throw badRequest(`${what} attributes are ${bytes} bytes; the limit is ${limit} bytes`, CODES.attributesTooLong);
  }
  try {
    const parsed: unknown = JSON.parse(attributes);
    if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
  } catch {
    throw badRequest(`${what} attributes must be a JSON object, got ${JSON.stringify(attributes.slice(0, 60))}`, CODES.attributesInvalid);
  }
  return attributes;
}

/** A friendly name (conversation or user): empty means none. */
export function checkFriendlyName(name: string | null | undefined): string | null {
  if (!name) return null;
  if (name.length > LIMITS.friendlyNameChars) {
    throw badRequest(`FriendlyName is ${name.length} characters; the limit is ${LIMITS.friendlyNameChars}`, CODES.friendlyNameTooLong);
  }
  return name;
}

export function checkUniqueName(name: string | null | undefined): string | null {
  if (!name) return null;
  if (name.length > LIMITS.uniqueNameChars) {
    throw badRequest(`UniqueName is ${name.length} characters; the limit is ${LIMITS.uniqueNameChars}`, CODES.uniqueNameTooLong);
  }
  // A unique name stands in for the SID in URLs, so one shaped like a SID would be ambiguous.
  if (SID_OF_CONVERSATION.test(name)) throw badRequest(`UniqueName "${name}" must not look like a conversation SID`, CODES.uniqueNameLooksLikeSid);
  return name;
}

/** A chat identity, trimmed. */
export function checkIdentity(raw: string): string {
  const identity = raw.trim();
  if (!identity) throw badRequest('Identity must not be empty', CODES.invalidParameter);
  if (identity.length > LIMITS.identityChars) {
    throw badRequest(`Identity is ${identity.length} characters; the limit is ${LIMITS.identityChars}`, CODES.identityTooLong);
  }
  return identity;
}

export function checkAddressLength(raw: string, field: string): void {
  if (raw.length > LIMITS.addressChars) {
    throw new TwilioError(400, CODES.invalidAddress, `${field} is ${raw.length} characters; the limit is ${LIMITS.addressChars}`);
  }
}

/** A message body for a conversation whose participants use `channels`. */
export function checkBody(body: string | null, channels: ReadonlySet<ParticipantType>): void {
  if (body === null) return;
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > LIMITS.bodyBytes) throw badRequest(`Message body is ${bytes} bytes; the limit is ${LIMITS.bodyBytes}`, CODES.bodyTooLong);
  if (!channels.has('sms') && !channels.has('whatsapp')) return;
  // Characters, not UTF-16 units: an emoji is one character to the customer.
  const chars = body.length > LIMITS.smsBodyChars ? [...body].length : body.length;
  if (chars > LIMITS.smsBodyChars) {
    throw badRequest(`Message body is ${chars} characters; SMS and WhatsApp carry at most ${LIMITS.smsBodyChars}`, CODES.bodyTooLong);
  }
}
