import { randomBytes } from 'node:crypto';

/** Twilio-style SID: two-letter prefix + 32 lowercase hex characters. */
export const newSid = (prefix: string): string => prefix + randomBytes(16).toString('hex');

export const SID_PATTERN = (prefix: string): RegExp => new RegExp(`^${prefix}[0-9a-f]{32}$`);
