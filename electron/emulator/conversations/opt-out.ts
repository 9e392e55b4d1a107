import type { Collection, Db } from '../store/db';

/**
 * Twilio's default SMS opt-out handling ("SMS STOP filtering"), as its support article "Twilio
 * support for opt-out keywords" and the Advanced Opt-Out guide
 * (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out) describe it:
 * - an inbound SMS that is exactly one opt-out keyword (any case; "STOP PLEASE" is not) blocks
 *   further messages to that customer; the message itself still reaches the application;
 * - an opt-in keyword lifts the block;
 * - Twilio answers both with a standard reply of its own, which never enters the conversation;
 * - while blocked, a send fails with 21610, "Attempt to send to unsubscribed recipient"
 *   (https://www.twilio.com/docs/api/errors/21610).
 *
 * Scope: a number that belongs to a Messaging Service opts the customer out of the whole service
 * ("When a user opts out of a phone number that belongs to a Messaging Service, the user is also
 * opted out to receiving all messages sent from that particular Messaging Service"). Conversations
 * always sends through the conversation's Messaging Service, so the block is kept per (customer,
 * Messaging Service); the emulator has one service, so in effect per customer number.
 */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP'] as const;
export const UNSUBSCRIBED_CODE = 21610;

/** Twilio's default replies to the keywords (long codes), sent from the number the customer wrote to. */
export const OPT_OUT_REPLY = 'You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.';
export const OPT_IN_REPLY = 'You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.';

export type Keyword = 'opt-out' | 'opt-in';

/** What a whole inbound SMS body means to the opt-out filter, if anything. */
export function keywordOf(body: string | null): Keyword | null {
  const word = body?.trim().toUpperCase();
  if (!word) return null;
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return 'opt-out';
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return 'opt-in';
  return null;
}

interface OptOutRecord {
  customer: string;
  messagingServiceSid: string;
  /** The business number the keyword was sent to. */
  via: string;
  dateCreated: string;
}

/** The persisted block list: one record per opted-out (customer, Messaging Service). */
export class OptOuts {
  private readonly records: Collection<OptOutRecord>;

  constructor(db: Db) {
    this.records = db.collection('smsOptOuts');
  }

  optOut(customer: string, messagingServiceSid: string, via: string, atIso: string): void {
    const key = keyOf(customer, messagingServiceSid);
    if (!this.records.has(key)) this.records.put(key, { customer, messagingServiceSid, via, dateCreated: atIso });
  }

  optIn(customer: string, messagingServiceSid: string): void {
    this.records.delete(keyOf(customer, messagingServiceSid));
  }

  isOptedOut(customer: string, messagingServiceSid: string): boolean {
    return this.records.has(keyOf(customer, messagingServiceSid));
  }
}

const keyOf = (customer: string, messagingServiceSid: string): string => `${customer}|${messagingServiceSid}`;
