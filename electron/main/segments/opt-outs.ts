/**
 * Who opted out, derived from what Twilio shows, since Twilio offers no list of opted-out numbers:
 * - an inbound message whose whole body is one of Twilio's default opt-out keywords (any case,
 *   spaces around it ignored; "STOP PLEASE" is not one) opts its author out; an opt-in keyword
 *   opts them back in (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out: "STOP,
 *   UNSUBSCRIBE, END, QUIT, STOPALL, REVOKE, OPTOUT, and CANCEL"; START, YES, UNSTOP opt back in);
 * - a delivery receipt failed with 21610 ("Attempt to send to unsubscribed recipient",
 *   https://www.twilio.com/docs/api/errors/21610) says Twilio itself holds the customer opted out.
 * For each address the newest of these events wins. Campaigns reuse this module to skip them.
 */
import type { RestClient } from '../rest/rest-client';

export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP'] as const;
export const UNSUBSCRIBED_CODE = 21610;

export type OptEvent = { address: string; optedOut: boolean; at: number; index: number };

/** What a whole inbound body means for opting out: true (out), false (back in), null (nothing). */
export function optOutKeyword(body: string | null | undefined): boolean | null {
  const word = body?.trim().toUpperCase();
  if (!word) return null;
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return true;
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return false;
  return null;
}

/** The fields of a twilio-node MessageInstance read here. */
export interface MessageLike {
  sid: string;
  index: number;
  author: string | null;
  body: string | null;
  dateCreated: Date | string | null;
  delivery?: { failed?: string; undelivered?: string } | null;
}

const ms = (value: Date | string | null): number => (value instanceof Date ? value.getTime() : value ? Date.parse(value) || 0 : 0);

/** Newest event wins (by time, then by message order within a conversation). */
export const newer = (a: OptEvent, b: OptEvent): boolean => a.at > b.at || (a.at === b.at && a.index > b.index);

/** Folds events into each address's newest state: the set of addresses that are opted out now. */
export function optedOutAddresses(events: Iterable<OptEvent>): Set<string> {
  const newest = new Map<string, OptEvent>();
  for (const e of events) {
    const before = newest.get(e.address);
    if (!before || newer(e, before)) newest.set(e.address, e);
  }
  return new Set([...newest.values()].filter((e) => e.optedOut).map((e) => e.address));
}

/**
 * The opt-out events of one conversation's messages: keyword messages written by one of the
 * customer `addresses`, and (through `failedCodes`) messages to them whose receipts failed with 21610.
 */
export function eventsOf(messages: readonly MessageLike[], addresses: ReadonlySet<string>, failedCodes: ReadonlyMap<string, number[]>): OptEvent[] {
  const events: OptEvent[] = [];
  for (const m of messages) {
    const at = ms(m.dateCreated);
    if (m.author && addresses.has(m.author)) {
      const keyword = optOutKeyword(m.body);
      if (keyword !== null) events.push({ address: m.author, optedOut: keyword, at, index: m.index });
      continue;
    }
    if ((failedCodes.get(m.sid) ?? []).includes(UNSUBSCRIBED_CODE)) {
      for (const address of addresses) events.push({ address, optedOut: true, at, index: m.index });
    }
  }
  return events;
}

/** Whether a message's aggregate delivery says some receipt failed (only those have receipts worth reading). */
export const someFailed = (m: MessageLike): boolean =>
  (m.delivery?.failed !== undefined && m.delivery.failed !== 'none') || (m.delivery?.undelivered !== undefined && m.delivery.undelivered !== 'none');

/** The error codes of a message's failed receipts, read over REST at background priority. */
export async function failedReceiptCodes(rest: RestClient, conversationSid: string, messageSid: string): Promise<number[]> {
  const receipts = (await rest.withPriority('background', () =>
    rest.twilio.conversations.v1.services(rest.serviceSid).conversations(conversationSid).messages(messageSid).deliveryReceipts.list({ pageSize: 50, limit: 50 }),
  )) as unknown as { status: string; errorCode: number | null }[];
  return receipts.filter((r) => r.status === 'failed' || r.status === 'undelivered').map((r) => Number(r.errorCode ?? 0));
}
