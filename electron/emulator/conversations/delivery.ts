import { isApprovedTemplateMessage, outboundOf } from '../content/template-messages';
import type { Collection, Db } from '../store/db';
import { newSid } from '../util/ids';
import { OPT_IN_REPLY, OPT_OUT_REPLY, OptOuts, UNSUBSCRIBED_CODE, keywordOf } from './opt-out';
import type { MessageRecord, OutboundRecord, ParticipantRecord, ReceiptRecord, ReceiptStatus } from './records';
import type { ConversationsService } from './service';
import { OUTSIDE_WINDOW_CODE, WhatsAppWindows } from './whatsapp-window';

/**
 * Twilio's magic test numbers that cannot receive messages, with the error a real send gets.
 * Anything else is delivered.
 */
export const UNDELIVERABLE: Record<string, number> = {
  '+15005550001': 21211, // invalid number
  '+15005550002': 21612, // cannot route
  '+15005550003': 21408, // no permission for the region
  '+15005550004': 21610, // recipient unsubscribed
  '+15005550009': 21614, // not a mobile number
};

const bareNumber = (address: string): string => address.replace(/^whatsapp:/, '');

/**
 * How many messages to customers' phones `GET /emulator/outbound` remembers; the oldest go
 * first. Tests and scripts read the last few; a workspace left running must not grow forever.
 */
export const OUTBOUND_LIMIT = 5000;

/**
 * The carrier side: a message in a conversation with SMS or WhatsApp participants is "sent" to
 * each of their phones, recorded in an outbox, then delivered (or failed) a moment later, with
 * receipts the SDK shows as the message's delivery state.
 *
 * Twilio's sending rules apply first: a free-form message to a WhatsApp customer outside the
 * 24-hour window (63016) and any message to an SMS customer who opted out (21610) never leave:
 * the message stays in the conversation, and that customer's receipt is `failed` at once with
 * the code. Customers' messages are read on the way in: a WhatsApp message opens the window, an
 * SMS opt-out or opt-in keyword changes the block list and gets Twilio's standard reply.
 */
export class Delivery {
  readonly outbox: Collection<OutboundRecord>;
  readonly windows: WhatsAppWindows;
  readonly optOuts: OptOuts;
  /** Outbox sids, oldest first (a Map keeps insertion order and deletes in O(1)). */
  private readonly age = new Map<string, OutboundRecord['conversationSid']>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Set while history is written: receipts are dated with the message and settle at once. */
  private backdating = false;

  constructor(
    db: Db,
    private readonly service: ConversationsService,
    private readonly delayMs = 250,
    private readonly outboundLimit = OUTBOUND_LIMIT,
  ) {
    this.outbox = db.collection('outbox');
    this.windows = new WhatsAppWindows(db);
    this.optOuts = new OptOuts(db);
    for (const o of [...this.outbox.values()].sort((a, b) => (a.dateCreated < b.dateCreated ? -1 : 1))) this.age.set(o.sid, o.conversationSid);
    this.prune();
    service.onEvent((e) => {
      if (e.type === 'messageAdded') {
        if (e.source === 'SMS' || e.source === 'WHATSAPP') this.readInbound(e.message);
        this.dispatch(e.message.conversationSid, e.message.sid, e.message.participantSid);
      }
      // What was sent from a deleted conversation goes with it, like its messages and media.
      if (e.type === 'conversationRemoved') this.forgetConversation(e.conversation.sid);
    });
    // Receipts left in flight by a stop complete now, as the carrier would have meanwhile.
    for (const r of [...service.receipts.values()]) if (r.status === 'sent' || r.status === 'queued') this.settle(r);
  }

  /** What a customer's phone has received, oldest first. */
  deliveredTo(address: string): OutboundRecord[] {
    const number = bareNumber(address);
    return [...this.outbox.values()].filter((o) => bareNumber(o.to) === number).sort((a, b) => (a.dateCreated < b.dateCreated ? -1 : 1));
  }

  /**
   * Runs `write` (which adds messages dated in the past, e.g. seeding) so that their receipts and
   * outbox entries carry the messages' own dates and are already settled, as they would be by now.
   */
  asHistory<T>(write: () => T): T {
    this.backdating = true;
    try {
      return write();
    } finally {
      this.backdating = false;
    }
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private record(o: OutboundRecord): void {
    this.outbox.put(o.sid, o);
    this.age.set(o.sid, o.conversationSid);
    this.prune();
  }

  private prune(): void {
    for (const sid of this.age.keys()) {
      if (this.age.size <= this.outboundLimit) return;
      this.age.delete(sid);
      this.outbox.delete(sid);
    }
  }

  private forgetConversation(conversationSid: string): void {
    for (const [sid, owner] of this.age) {
      if (owner !== conversationSid) continue;
      this.age.delete(sid);
      this.outbox.delete(sid);
    }
  }

  /** A customer's own message: it opens their WhatsApp window, or is an SMS opt-out/opt-in keyword. */
  private readInbound(message: MessageRecord): void {
    const p = message.participantSid ? this.service.participants.get(message.participantSid) : undefined;
    if (!p?.address || !p.proxyAddress) return;
    if (p.type === 'whatsapp') {
      this.windows.noteInbound(p.address, p.proxyAddress, message.dateCreated);
      return;
    }
    const keyword = p.type === 'sms' ? keywordOf(message.body) : null;
    const scope = this.service.conversations.get(p.conversationSid)?.messagingServiceSid;
    if (!keyword || !scope) return;
    if (keyword === 'opt-out') this.optOuts.optOut(p.address, scope, p.proxyAddress, message.dateCreated);
    else this.optOuts.optIn(p.address, scope);
    // Twilio's own reply: it reaches the customer's phone but is no message of the conversation.
    this.record({
      sid: newSid('SM'),
      to: p.address,
      from: p.proxyAddress,
      body: keyword === 'opt-out' ? OPT_OUT_REPLY : OPT_IN_REPLY,
      mediaSids: [],
      conversationSid: p.conversationSid,
      messageSid: null,
      status: 'delivered',
      errorCode: null,
      dateCreated: message.dateCreated,
    });
  }

  /** Twilio's reason not to send this message to this customer at all, as its error code. */
  private refusal(p: ParticipantRecord, message: MessageRecord, at: string): number | null {
    if (!p.address || !p.proxyAddress) return null;
    if (p.type === 'sms') {
      const scope = this.service.conversations.get(p.conversationSid)?.messagingServiceSid;
      return scope && this.optOuts.isOptedOut(p.address, scope) ? UNSUBSCRIBED_CODE : null;
    }
    // A template WhatsApp approved (sent by ContentSid) may open a conversation; anything else,
    // an unapproved template included, is free-form to WhatsApp and needs the window.
    if (p.type === 'whatsapp' && !isApprovedTemplateMessage(message) && !this.windows.isOpen(p.address, p.proxyAddress, Date.parse(at))) return OUTSIDE_WINDOW_CODE;
    return null;
  }

  private dispatch(conversationSid: string, messageSid: string, authorParticipantSid: string | null): void {
    const message = this.service.messages.get(messageSid);
    if (!message) return;
    const targets: ParticipantRecord[] = [...this.service.roster(conversationSid)].filter((p) => p.type !== 'chat' && p.sid !== authorParticipantSid);
    for (const p of targets) {
      const t = this.backdating ? message.dateCreated : this.service.clock.nowIso();
      const refused = this.refusal(p, message, t);
      if (refused !== null) {
        // Refused before it reached a carrier: failed at once, and nothing on the customer's phone.
        this.service.putReceipt({
          sid: newSid('DY'),
          conversationSid,
          messageSid,
          participantSid: p.sid,
          channelMessageSid: newSid('SM'),
          status: 'failed',
          errorCode: refused,
          dateCreated: t,
          dateUpdated: t,
        });
        continue;
      }
      const receipt: ReceiptRecord = {
        sid: newSid('DY'),
        conversationSid,
        messageSid,
        participantSid: p.sid,
        channelMessageSid: newSid(message.media.length ? 'MM' : 'SM'),
        status: 'sent',
        errorCode: null,
        dateCreated: t,
        dateUpdated: t,
      };
      this.service.putReceipt(receipt);
      this.record({
        sid: receipt.channelMessageSid,
        to: p.address as string,
        from: p.proxyAddress as string,
        // A template message reaches each phone as its channel renders it (buttons on WhatsApp).
        ...outboundOf(message, p.type),
        mediaSids: message.media.filter((m) => m.category === 'media').map((m) => m.sid),
        conversationSid,
        messageSid,
        status: 'sent',
        errorCode: null,
        dateCreated: t,
      });
      if (this.backdating) {
        this.settle(receipt, t);
        continue;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.settle(receipt);
      }, this.delayMs);
      this.timers.add(timer);
    }
  }

  private settle(receipt: ReceiptRecord, at = this.service.clock.nowIso()): void {
    const p = this.service.participants.get(receipt.participantSid);
    const current = this.service.receiptsFor(receipt.messageSid).find((r) => r.sid === receipt.sid);
    if (!current) return; // message deleted meanwhile
    const errorCode = p?.address ? (UNDELIVERABLE[bareNumber(p.address)] ?? null) : null;
    const status: ReceiptStatus = errorCode ? 'failed' : 'delivered';
    this.service.putReceipt({ ...current, status, errorCode, dateUpdated: at });
    const out = this.outbox.get(receipt.channelMessageSid);
    if (out) this.outbox.put(out.sid, { ...out, status, errorCode });
  }
}
