/**
 * One campaign's sending: a pool of workers takes recipients in order; for each, the intent is
 * journaled (durable) BEFORE the request leaves and the result after. A recipient whose intent has
 * no result (a crash, a quit, an answer that never came) is reconciled before anything is sent
 * again: the customer's conversations are read back and the campaign's mark (its id and the
 * recipient, in the message attributes) looked for. Found: it was sent. Not found: send.
 * Throughput is the governor's: every call is background priority and waits for a slot.
 */
import { campaignOfMessage, CAMPAIGN_ATTRIBUTE } from '../../../shared/domain/campaign-attributes';
import type { CampaignMessage, CampaignResult, RecipientStatus } from '../../../shared/ipc/campaign-schema';
import type { Recipient } from '../../../shared/ipc/segment-schema';
import { eachInParallel } from '../each-in-parallel';
import { parseAttributes, withDesk } from '../team/desk-attributes';
import { httpStatus, twilioCode } from '../team/twilio-errors';
import type { CampaignApi } from './campaign-api';
import type { Journal, JournalEvent } from './campaign-journal';

export interface RunDefinition {
  id: string;
  name: string;
  from: string;
  message: CampaignMessage;
  author: string;
  recipients: Recipient[];
}

export interface RunDeps {
  api: CampaignApi;
  journal: Journal;
  /** Recipients worked on at once (the governor decides how many requests are in flight). */
  workers?: number;
  /** Delivery receipts read at once in a receipts pass (RECEIPT_READERS). */
  receiptReaders?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onChange?: () => void;
  log?: (line: string) => void;
  /** Thrown by the REST client once it is closed (profile switch, quit): the run stops, intents stay open. */
  isClosed?: (error: unknown) => boolean;
}

interface Slot {
  status: RecipientStatus;
  errorCode: number | null;
  errorMessage: string | null;
  reason: 'emptyVariable' | null;
  conversation: string | null;
  message: string | null;
  /** Intent journaled, no result yet: read back before sending again. */
  uncertain: boolean;
}

/**
 * The customer already talks to this number in an open conversation: 50425 is what
 * ConversationWithParticipants answers ("Participant and proxy address pairs for one or more
 * participants already in use"), 50416 the Participant resource's code for the same thing.
 */
const BINDING_EXISTS = new Set([50425, 50416]);
/** A receipts pass reads this many messages' receipts at once; each read is background priority, so the governor still paces them. */
const RECEIPT_READERS = 8;
/** Twilio's codes that mean "not now" (Too Many Requests, Internal Server Error, Service Unavailable), not "no". */
const RETRYABLE_CODES = new Set([20429, 20500, 20503]);

/**
 * A refusal Twilio answered for this request and will answer again: a 4xx other than 429. A 429
 * still refused after the transport's retries, a 5xx (with or without a Twilio code) or no
 * answer at all may have reached Twilio or may succeed later: the recipient is read back, then
 * retried. Without a status, a code alone decides: 20429 and 5xx-like codes (205xx) retry.
 */
export function isFinalRefusal(error: unknown): boolean {
  const status = httpStatus(error);
  if (typeof status === 'number') return status >= 400 && status < 500 && status !== 429;
  const code = twilioCode(error);
  if (code === undefined) return false;
  return !RETRYABLE_CODES.has(code) && !(code >= 20500 && code < 20600);
}
const FINAL_RECEIPT = new Set(['delivered', 'read', 'failed', 'undelivered']);

export interface CampaignRun {
  /** Replays the journal; intents without results are marked for reconciling. */
  load(): Promise<void>;
  /** Sends until every recipient has a result, the run is paused or cancelled. Resolves when the workers stop. */
  send(): Promise<'done' | 'paused' | 'cancelled' | 'stopped'>;
  pause(): void;
  cancel(): Promise<void>;
  /**
   * One pass over sent messages without a final receipt; returns how many are still open. Settles
   * only once no read is in flight; `stop` (checked before each read) ends it early.
   */
  pollReceipts(stop?: () => boolean): Promise<number>;
  counts(): { total: number; sent: number; delivered: number; failed: number; skipped: number; pending: number };
  /** Recipients done per second over the last 10 s. */
  rate(): number | null;
  results(): CampaignResult[];
}

export function createCampaignRun(def: RunDefinition, deps: RunDeps): CampaignRun {
  const now = deps.now ?? Date.now;
  // A worker backing off (up to 30 s) must not hold a pause, a cancel or a quit: they wake it, and
  // a worker whose request failed after them does not start one.
  const wakers = new Set<() => void>();
  const backOff = (ms: number) =>
    new Promise<void>((resolve) => {
      if (state !== 'sending' || stopped) return resolve();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        if (timer !== undefined) clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      wakers.add(done);
      if (deps.sleep) void deps.sleep(ms).then(done, done);
      else timer = setTimeout(done, ms);
    });
  const wakeAll = () => {
    for (const wake of [...wakers]) wake();
  };
  const log = deps.log ?? (() => {});
  const { api, journal } = deps;
  const slots: Slot[] = def.recipients.map(() => ({ status: 'pending', errorCode: null, errorMessage: null, reason: null, conversation: null, message: null, uncertain: false }));
  const proxy = def.from;
  const tag = { id: def.id, name: def.name };
  let next = 0;
  let state: 'idle' | 'sending' | 'paused' | 'cancelled' = 'idle';
  let stopped = false;
  const finishedAt: number[] = [];

  const apply = (e: JournalEvent) => {
    const s = slots[e.i];
    if (!s) return;
    switch (e.t) {
      case 'intent':
        if (s.status === 'pending') s.uncertain = true;
        break;
      case 'sent':
        if (s.status !== 'delivered' && s.status !== 'failed') s.status = 'sent';
        s.conversation = e.conversation;
        s.message = e.message;
        s.uncertain = false;
        break;
      case 'failed':
        s.status = 'failed';
        s.errorCode = e.code;
        s.errorMessage = e.text;
        if (e.text === 'emptyVariable') {
          s.reason = 'emptyVariable';
          s.errorMessage = null;
        }
        s.conversation = e.conversation ?? s.conversation;
        s.message = e.message ?? s.message;
        s.uncertain = false;
        break;
      case 'delivered':
        s.status = 'delivered';
        break;
      case 'skipped':
        if (s.status === 'pending') s.status = 'skipped';
        s.uncertain = false;
        break;
    }
  };

  const record = async (events: JournalEvent[]) => {
    await journal.append(events);
    for (const e of events) apply(e);
    deps.onChange?.();
  };

  const variablesFor = (r: Recipient): { values: Record<string, string>; empty: string | null } => {
    if (def.message.kind !== 'template') return { values: {}, empty: null };
    const values: Record<string, string> = {};
    for (const [key, v] of Object.entries(def.message.variables)) {
      const value = (v.source === 'field' ? (r.fields[v.value] ?? (v.value === 'name' ? r.name : '')) : v.value).trim();
      if (value === '') return { values, empty: key };
      values[key] = value;
    }
    return { values, empty: null };
  };

  const openOn = (list: Awaited<ReturnType<CampaignApi['conversationsOf']>>) => list.find((c) => c.state !== 'closed' && c.proxyAddress === proxy) ?? null;

  /** After an uncertain attempt: was the message sent? Returns the conversation to use when not. */
  const reconcile = async (r: Recipient): Promise<{ sent: { conversation: string; message: string } | null; conversation: string | null }> => {
    const list = await api.conversationsOf(r.address);
    const open = openOn(list);
    const candidates = list.filter((c) => c === open || parseAttributes(c.attributes).desk.campaign?.id === def.id);
    for (const c of candidates) {
      const messages = await api.recentMessages(c.sid);
      const found = messages.find((m) => {
        const mark = campaignOfMessage(m.attributes);
        return mark?.id === def.id && mark.recipient === r.address;
      });
      if (found) return { sent: { conversation: c.sid, message: found.sid }, conversation: c.sid };
    }
    return { sent: null, conversation: open?.sid ?? null };
  };

  const conversationFor = async (r: Recipient): Promise<string> => {
    try {
      const created = await api.createConversation({
        friendlyName: r.name || r.address.replace(/^whatsapp:/, ''),
        attributes: JSON.stringify({ desk: { campaign: tag } }),
        address: r.address,
        proxyAddress: proxy,
      });
      return created.sid;
    } catch (error) {
      const code = twilioCode(error);
      if (code === undefined || !BINDING_EXISTS.has(code)) throw error;
      // The customer has an open conversation on this number: that one carries the campaign.
      const open = openOn(await api.conversationsOf(r.address));
      if (!open) throw error;
      await tagConversation(open);
      return open.sid;
    }
  };

  const tagConversation = async (c: { sid: string; attributes: string }) => {
    const parsed = parseAttributes(c.attributes);
    if (parsed.desk.campaign?.id === def.id) return;
    await api.setConversationAttributes(c.sid, withDesk(parsed, { campaign: tag }));
  };

  const deliver = async (i: number): Promise<JournalEvent> => {
    const r = def.recipients[i]!;
    const slot = slots[i]!;
    const { values, empty } = variablesFor(r);
    if (empty !== null) return { i, t: 'failed', code: null, text: 'emptyVariable' };
    let conversation: string | null = null;
    if (slot.uncertain) {
      const found = await reconcile(r);
      if (found.sent) return { i, t: 'sent', ...found.sent };
      conversation = found.conversation;
      if (conversation) {
        const c = (await api.conversationsOf(r.address)).find((x) => x.sid === conversation);
        if (c) await tagConversation(c);
      }
    }
    try {
      conversation ??= await conversationFor(r);
      const attributes = JSON.stringify({ [CAMPAIGN_ATTRIBUTE]: { ...tag, recipient: r.address } });
      const m = await api.sendMessage(
        conversation,
        def.message.kind === 'text'
          ? { author: def.author, body: def.message.body, attributes }
          : { author: def.author, contentSid: def.message.contentSid, contentVariables: JSON.stringify(values), attributes },
      );
      return { i, t: 'sent', conversation, message: m.sid };
    } catch (error) {
      // Final only when Twilio said no for good; otherwise the worker requeues it as uncertain.
      if (isFinalRefusal(error)) return { i, t: 'failed', code: twilioCode(error) ?? null, text: (error as Error).message.slice(0, 1000), conversation };
      throw error;
    }
  };

  const worker = async () => {
    let failures = 0;
    while (state === 'sending' && !stopped) {
      const i = takeNext();
      if (i === null) return;
      const slot = slots[i]!;
      try {
        slot.status = 'sending';
        if (!slot.uncertain) await record([{ i, t: 'intent' }]);
        slot.status = 'sending';
        const result = await deliver(i);
        slot.status = 'pending';
        await record([result]);
        finishedAt.push(now());
        failures = 0;
      } catch (error) {
        slot.status = 'pending';
        slot.uncertain = true;
        requeue(i);
        if (deps.isClosed?.(error)) {
          stopped = true;
          return;
        }
        // Twilio unreachable, or still answering 429/5xx after the transport's retries: wait, then reconcile.
        failures++;
        log(`campaign ${def.id}: recipient ${i} will be checked and retried: ${(error as Error).message}`);
        await backOff(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) * (0.5 + Math.random() / 2));
      }
    }
  };

  const retry: number[] = [];
  const takeNext = (): number | null => {
    const again = retry.shift();
    if (again !== undefined) return again;
    while (next < slots.length && slots[next]!.status !== 'pending') next++;
    return next < slots.length ? next++ : null;
  };
  const requeue = (i: number) => retry.push(i);

  const counts = () => {
    let sent = 0;
    let delivered = 0;
    let failed = 0;
    let skipped = 0;
    for (const s of slots) {
      if (s.status === 'sent') sent++;
      else if (s.status === 'delivered') {
        sent++;
        delivered++;
      } else if (s.status === 'failed') {
        failed++;
        if (s.message) sent++;
      } else if (s.status === 'skipped') skipped++;
    }
    const done = slots.filter((s) => s.status === 'sent' || s.status === 'delivered' || s.status === 'failed' || s.status === 'skipped').length;
    return { total: slots.length, sent, delivered, failed, skipped, pending: slots.length - done };
  };

  return {
    async load() {
      for (const e of await journal.read()) apply(e);
    },
    async send() {
      if (state === 'cancelled') return 'cancelled';
      state = 'sending';
      stopped = false;
      next = 0;
      const n = deps.workers ?? 24;
      await Promise.all(Array.from({ length: n }, () => worker()));
      const after: string = state;
      if (stopped) return 'stopped';
      if (after === 'cancelled') return 'cancelled';
      if (after === 'paused') return 'paused';
      if (counts().pending > 0) return 'stopped';
      state = 'idle';
      return 'done';
    },
    pause() {
      if (state === 'sending') state = 'paused';
      wakeAll();
    },
    async cancel() {
      state = 'cancelled';
      wakeAll();
      const events: JournalEvent[] = [];
      slots.forEach((s, i) => {
        if (s.status === 'pending' && !s.uncertain) events.push({ i, t: 'skipped' });
      });
      await record(events);
    },
    async pollReceipts(stop = () => false) {
      let open = 0;
      const due = slots.flatMap((s, i) => (s.status === 'sent' && s.conversation && s.message ? [i] : []));
      // A read per message, a few at once (RECEIPT_READERS). A result that cannot be journalled ends
      // the pass, and the pass ends only once no read is in flight.
      await eachInParallel(
        due,
        deps.receiptReaders ?? RECEIPT_READERS,
        async (i) => {
          const s = slots[i]!;
          const { conversation, message } = s;
          if (s.status !== 'sent' || !conversation || !message) return;
          const receipts = await api.receipts(conversation, message).catch(() => null);
          if (!receipts) {
            open++;
            return;
          }
          const failed = receipts.find((r) => r.status === 'failed' || r.status === 'undelivered');
          if (failed) await record([{ i, t: 'failed', code: failed.errorCode, text: null, conversation, message }]);
          else if (receipts.some((r) => r.status === 'delivered' || r.status === 'read')) await record([{ i, t: 'delivered' }]);
          else if (!receipts.every((r) => FINAL_RECEIPT.has(r.status)) || receipts.length === 0) open++;
        },
        stop,
      );
      return open;
    },
    counts,
    rate() {
      const since = now() - 10_000;
      while (finishedAt.length > 0 && finishedAt[0]! < since) finishedAt.shift();
      if (finishedAt.length < 2) return null;
      const span = Math.max(1000, now() - finishedAt[0]!);
      return (finishedAt.length * 1000) / span;
    },
    results: () =>
      slots.map((s, i) => ({
        address: def.recipients[i]!.address,
        name: def.recipients[i]!.name,
        status: s.status === 'sending' ? 'pending' : s.status,
        errorCode: s.errorCode,
        errorMessage: s.errorMessage,
        reason: s.reason,
        conversationSid: s.conversation,
        messageSid: s.message,
      })),
  };
}
