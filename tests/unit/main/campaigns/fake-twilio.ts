import type { CampaignApi, CampaignConversation } from '../../../../electron/main/campaigns/campaign-api';

const twilioError = (status: number, code: number, message: string) => Object.assign(new Error(message), { status, code });

/** An in-memory Twilio for a campaign: conversations by binding, messages, receipts; faults on demand. */
export function fakeTwilio() {
  let n = 0;
  const sid = (p: string) => `${p}${String(++n).padStart(32, '0')}`;
  const conversations = new Map<string, CampaignConversation & { address: string; messages: { sid: string; attributes: string; body?: string }[] }>();
  const calls: string[] = [];
  const faults = {
    /** Store the message, then fail as if the answer never came (a dropped connection). */
    loseAnswerFor: new Set<string>(),
    /** Never answer (main is killed while these are in flight). */
    hangAfterSends: Infinity,
    /** Refuse with a Twilio error. */
    refuse: new Map<string, { status: number; code: number }>(),
    /** Answer the next send with this error once; `stored`: Twilio had taken the message all the same. */
    failOnce: new Map<string, { status: number; code: number; stored: boolean }>(),
  };
  let sends = 0;
  const hang = () => new Promise<never>(() => {});
  const api: CampaignApi = {
    async createConversation({ friendlyName, attributes, address, proxyAddress }) {
      calls.push(`create ${address}`);
      if (sends >= faults.hangAfterSends) return hang();
      void friendlyName;
      for (const c of conversations.values()) {
        if (c.address === address && c.proxyAddress === proxyAddress && c.state !== 'closed') throw twilioError(409, 50425, 'Participant and proxy address pairs for one or more participants already in use.');
      }
      const c = { sid: sid('CH'), state: 'active', proxyAddress, attributes, address, messages: [] };
      conversations.set(c.sid, c);
      return { sid: c.sid };
    },
    async conversationsOf(address) {
      calls.push(`lookup ${address}`);
      return [...conversations.values()].filter((c) => c.address === address).reverse();
    },
    async setConversationAttributes(s, attributes) {
      calls.push(`tag ${s}`);
      conversations.get(s)!.attributes = attributes;
    },
    async sendMessage(conversationSid, input) {
      const c = conversations.get(conversationSid)!;
      calls.push(`send ${c.address}`);
      if (sends >= faults.hangAfterSends) return hang();
      const refused = faults.refuse.get(c.address);
      if (refused) throw twilioError(refused.status, refused.code, `refused ${refused.code}`);
      const once = faults.failOnce.get(c.address);
      faults.failOnce.delete(c.address);
      if (once && !once.stored) throw twilioError(once.status, once.code, `not now ${once.code}`);
      sends++;
      const m = { sid: sid('IM'), attributes: input.attributes, body: input.body };
      c.messages.push(m);
      if (once) throw twilioError(once.status, once.code, `taken, but answered ${once.code}`);
      if (faults.loseAnswerFor.delete(c.address)) throw new Error('socket hang up');
      return { sid: m.sid };
    },
    async recentMessages(conversationSid) {
      calls.push(`messages ${conversationSid}`);
      return [...conversations.get(conversationSid)!.messages].reverse().slice(0, 50);
    },
    async receipts(conversationSid) {
      const c = conversations.get(conversationSid)!;
      return c.address.endsWith('0004') ? [{ status: 'failed', errorCode: 21610 }] : [{ status: 'delivered', errorCode: null }];
    },
  };
  /** Messages each address received. */
  const perAddress = () => {
    const out = new Map<string, number>();
    for (const c of conversations.values()) out.set(c.address, (out.get(c.address) ?? 0) + c.messages.length);
    return out;
  };
  return { api, calls, faults, conversations, perAddress, sends: () => sends };
}

/** Receipts reads on `twilio` wait until `release()`; `reads()` counts those begun. */
export function holdReceipts(twilio: ReturnType<typeof fakeTwilio>): { reads: () => number; release: () => void } {
  let reads = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const read = twilio.api.receipts;
  twilio.api.receipts = async (conversation, message) => {
    reads += 1;
    await gate;
    return read(conversation, message);
  };
  return { reads: () => reads, release };
}
