import type { Collection, Db } from '../store/db';

/**
 * WhatsApp's customer service window: 24 hours from the customer's latest message to the
 * business sender. Inside it any message may be sent; outside it only an approved template
 * (a message with a `ContentSid`). A free-form message outside it fails with 63016, "Outside
 * messaging window. For WhatsApp, use a Message Template instead"
 * (https://www.twilio.com/docs/api/errors/63016: "You sent a free-form WhatsApp message more
 * than 24 hours after the user's last inbound message").
 */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;
export const OUTSIDE_WINDOW_CODE = 63016;

interface WindowRecord {
  /** `whatsapp:+…` of the customer. */
  customer: string;
  /** `whatsapp:+…` of the business sender the customer wrote to. */
  sender: string;
  /** ISO time of the customer's latest message to that sender. */
  lastInbound: string;
}

/**
 * The last inbound time per (customer, sender), persisted with the rest of the state so that a
 * restarted emulator keeps windows open or closed as they were. Times are the messages' own dates
 * on the emulator clock, so moving the clock (`POST /emulator/clock`) closes a window.
 */
export class WhatsAppWindows {
  private readonly records: Collection<WindowRecord>;

  constructor(db: Db) {
    this.records = db.collection('whatsappWindows');
  }

  /** A customer's message opens (or extends) the window; an older date never shortens it. */
  noteInbound(customer: string, sender: string, atIso: string): void {
    const key = keyOf(customer, sender);
    const current = this.records.get(key);
    if (current && Date.parse(current.lastInbound) >= Date.parse(atIso)) return;
    this.records.put(key, { customer, sender, lastInbound: atIso });
  }

  lastInbound(customer: string, sender: string): string | null {
    return this.records.get(keyOf(customer, sender))?.lastInbound ?? null;
  }

  isOpen(customer: string, sender: string, atMs: number): boolean {
    const last = this.lastInbound(customer, sender);
    if (!last) return false;
    return atMs < Date.parse(last) + WHATSAPP_WINDOW_MS;
  }
}

const keyOf = (customer: string, sender: string): string => `${customer}|${sender}`;
