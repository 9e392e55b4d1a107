/**
 * The outbox: every send goes through it. A message is written to main's encrypted store as its
 * request leaves (alongside, so a send never waits on a disk write), carries its key in its
 * attributes, and is removed from the store once Twilio has it (or has refused it for good). What
 * could not go out (offline, 429, 5xx, token expiry) waits, shown as "Queued", and goes by itself
 * when the client is connected again, also after a quit or a crash. Before sending again anything
 * that may already have reached Twilio (anything restored after a restart, anything whose request
 * got no answer), it looks for the key among the conversation's newest messages: each message
 * arrives once.
 *
 * Dependencies come in as parameters (store actions, conversation lookup, bridge, connection) so
 * the outbox belongs to one session and can be tested without the app around it.
 */
import type { Conversation, JSONValue, Message } from '@twilio/conversations';
import type { DeskBridge } from '../../../shared/ipc/contract';
import {
  MAX_QUEUED_ATTACHMENT_BYTES,
  OUTBOX_KEY_ATTRIBUTE,
  OUTBOX_LOOKBACK_MESSAGES,
  type OutboxContents,
  type OutboxEntry,
  type QueuedAttachment,
} from '../../../shared/ipc/outbox-schema';
import type { PendingAction } from '../store/pending-send';
import type { PendingMessage } from '../store/types';
import { errorMessage } from './error-message';
import { classifySendFailure } from './outbox-errors';
import { OUTBOX_REASON } from './outbox-reasons';

/** For the failed row and the log: the service's words, or the error as it is. */
const errorText = (e: unknown): string => errorMessage(e) ?? String(e);

export type OutboxBridge = Pick<DeskBridge, 'loadOutbox' | 'putOutboxEntry' | 'removeOutboxEntry'>;
/** What the outbox uses of an SDK Conversation. */
export type OutboxConversation = Pick<Conversation, 'sendMessage' | 'prepareMessage' | 'getMessages'>;

/** A file to send: a browser File, or bytes restored from the outbox. */
export interface OutboxFile {
  name: string;
  type: string;
  size: number;
  blob: Blob;
}

export interface OutboxDeps {
  profileId: string;
  /** The agent's identity: only their own messages can be a queued message's echo. */
  identity: string;
  bridge: OutboxBridge;
  /** Applies the pending-send reducer to one conversation's thread. */
  dispatch: (sid: string, action: PendingAction) => void;
  pendingOf: (sid: string, localId: string) => PendingMessage | undefined;
  /** The SDK conversation; undefined once the SDK has listed every conversation without it. */
  conversation: (sid: string) => Promise<OutboxConversation | undefined>;
  isOnline: () => boolean;
  /** Calls `listener` each time the client becomes connected; returns the unsubscribe. */
  onOnline: (listener: () => void) => () => void;
  /** Injected for tests; setTimeout/clearTimeout by default. */
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
  random?: () => number;
  newKey?: () => string;
  now?: () => number;
  log?: (line: string) => void;
}

export interface Outbox {
  /** Restores what main kept (queued messages show at once) and returns the drafts it holds. */
  start(): Promise<OutboxContents['drafts']>;
  /** Late results land nowhere after this; what is queued stays in main's store for next time. */
  stop(): void;
  send(sid: string, body: string, files: readonly OutboxFile[]): void;
  retry(sid: string, localId: string): void;
  cancel(sid: string, localId: string): void;
  edit(sid: string, localId: string, body: string): void;
  /** Resolves when nothing is in flight (tests, shutdown). */
  idle(): Promise<void>;
}

/** Backoff for 429s and 5xx while connected: 1 s doubling to 1 min, with full jitter. */
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 60_000;

interface Item {
  sid: string;
  key: string;
  body: string;
  files: OutboxFile[];
  createdAt: number;
  attempts: number;
  /** Base64 copies for main's store, made once; null when too large to keep. */
  encoded: QueuedAttachment[] | null | undefined;
  round: number;
  timer: unknown;
  /** Written to main's store (or on its way there). */
  stored: boolean;
  /** This message's writes to main, in order: a remove never overtakes the put it follows. */
  io: Promise<void>;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const timers = deps.timers ?? { set: (fn: () => void, ms: number) => setTimeout(fn, ms), clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  const newKey = deps.newKey ?? (() => crypto.randomUUID());
  const log = deps.log ?? ((line: string) => console.warn(`[outbox] ${line}`));
  const items = new Map<string, Item>();
  /** One chain per conversation: its messages go out in the order they were written. */
  const chains = new Map<string, Promise<void>>();
  let live = true;
  let offOnline: (() => void) | null = null;

  const enqueue = (item: Item) => {
    const run = (chains.get(item.sid) ?? Promise.resolve()).then(() => attempt(item));
    const tail = run.catch((e: unknown) => log(`attempt failed unexpectedly: ${errorText(e)}`));
    chains.set(item.sid, tail);
    void tail.then(() => {
      if (chains.get(item.sid) === tail) chains.delete(item.sid);
    });
  };

  const status = (item: Item) => deps.pendingOf(item.sid, item.key)?.status;

  const persist = async (item: Item): Promise<void> => {
    if (item.encoded === undefined) item.encoded = await encodeAll(item.files);
    // Too large to keep: it still waits in memory while the app runs.
    if (item.encoded === null || !live) return;
    const entry: OutboxEntry = {
      key: item.key,
      conversationSid: item.sid,
      body: item.body,
      attachments: item.encoded,
      createdAt: item.createdAt,
      attempts: item.attempts,
    };
    const r = await deps.bridge.putOutboxEntry({ profileId: deps.profileId, entry });
    if (!r.ok) log(`could not keep ${item.key}: ${r.error.message}`);
  };

  const unpersist = async (item: Item): Promise<void> => {
    const r = await deps.bridge.removeOutboxEntry({ profileId: deps.profileId, key: item.key });
    if (!r.ok) log(`could not remove ${item.key}: ${r.error.message}`);
  };

  const keep = (item: Item): Promise<void> => {
    item.stored = true;
    item.io = item.io.then(() => persist(item)).catch((e: unknown) => log(`could not keep ${item.key}: ${errorText(e)}`));
    return item.io;
  };
  const drop = (item: Item): Promise<void> => {
    item.stored = false;
    item.io = item.io.then(() => unpersist(item)).catch((e: unknown) => log(`could not remove ${item.key}: ${errorText(e)}`));
    return item.io;
  };

  const forget = (item: Item) => {
    if (item.timer !== null) timers.clear(item.timer);
    item.timer = null;
    items.delete(item.key);
  };

  const scheduleRetry = (item: Item) => {
    if (!deps.isOnline() || item.timer !== null) return;
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** item.round) * (0.5 + random() / 2);
    item.round++;
    item.timer = timers.set(() => {
      item.timer = null;
      if (live && items.has(item.key) && status(item) === 'queued') enqueue(item);
    }, delay);
  };

  async function attempt(item: Item): Promise<void> {
    if (!live || !items.has(item.key)) return;
    // No row any more: cancelled, or its conversation left the inbox.
    if (status(item) === undefined) {
      forget(item);
      return drop(item);
    }
    if (!deps.isOnline()) {
      deps.dispatch(item.sid, { type: 'queued', localId: item.key, reason: OUTBOX_REASON.offline });
      if (!item.stored) await keep(item);
      return;
    }
    deps.dispatch(item.sid, { type: 'attempt', localId: item.key });
    try {
      const conv = await deps.conversation(item.sid);
      if (!live) return;
      if (!conv) throw Object.assign(new Error(OUTBOX_REASON.conversationGone), { status: 404 });
      if (item.attempts > 0) {
        const earlier = await findByKey(conv, item.key, deps.identity);
        if (!live) return;
        if (earlier) {
          // An edit made while it waited, of a send that had in fact arrived: apply it there.
          if (item.files.length === 0 && (earlier.body ?? '') !== item.body) await earlier.updateBody(item.body);
          return await delivered(item, earlier.index);
        }
      }
      item.attempts++;
      // Kept as the request leaves: if the app dies now, the next launch looks for the key first.
      const kept = item.stored ? Promise.resolve() : keep(item);
      const [sent] = await Promise.allSettled([sendVia(conv, item), kept]);
      if (!live) return;
      if (sent.status === 'rejected') throw sent.reason;
      await delivered(item, sent.value);
    } catch (e) {
      if (!live) return;
      const failure = classifySendFailure(e, deps.isOnline());
      if (failure.retry) {
        deps.dispatch(item.sid, { type: 'queued', localId: item.key, reason: failure.reason });
        scheduleRetry(item);
      } else {
        // Twilio refused it: not queued. It stays in the thread, failed, with Retry (in memory).
        deps.dispatch(item.sid, { type: 'failed', localId: item.key, error: errorText(e) });
        await drop(item);
      }
    }
  }

  async function delivered(item: Item, index: number | null): Promise<void> {
    deps.dispatch(item.sid, { type: 'sent', localId: item.key, index });
    forget(item);
    await drop(item);
  }

  /** Every queued message, now: the client has just connected. */
  const flush = () => {
    if (!live) return;
    for (const item of [...items.values()].sort((a, b) => a.createdAt - b.createdAt)) {
      if (status(item) !== 'queued') continue;
      if (item.timer !== null) timers.clear(item.timer);
      item.timer = null;
      item.round = 0;
      enqueue(item);
    }
  };

  return {
    async start() {
      offOnline = deps.onOnline(flush);
      const r = await deps.bridge.loadOutbox();
      if (!live) return [];
      if (!r.ok || r.value.profileId !== deps.profileId) {
        if (!r.ok) log(`could not read the outbox: ${r.error.message}`);
        return [];
      }
      for (const entry of r.value.entries) {
        if (items.has(entry.key)) continue;
        const files = entry.attachments.map(decode);
        // Whatever it says, a message from a previous run may have reached Twilio: look before sending.
        const attempts = Math.max(1, entry.attempts);
        const item: Item = { sid: entry.conversationSid, key: entry.key, body: entry.body, files, createdAt: entry.createdAt, attempts, encoded: entry.attachments, round: 0, timer: null, stored: true, io: Promise.resolve() };
        items.set(item.key, item);
        deps.dispatch(item.sid, {
          type: 'add',
          pending: { localId: item.key, body: item.body, attachments: describe(files), status: 'queued', error: OUTBOX_REASON.offline, index: null, createdAt: item.createdAt },
        });
      }
      if (deps.isOnline()) flush();
      return r.value.drafts;
    },

    stop() {
      live = false;
      offOnline?.();
      for (const item of items.values()) if (item.timer !== null) timers.clear(item.timer);
      items.clear();
    },

    send(sid, body, files) {
      const key = newKey();
      const item: Item = { sid, key, body, files: [...files], createdAt: now(), attempts: 0, encoded: undefined, round: 0, timer: null, stored: false, io: Promise.resolve() };
      items.set(key, item);
      const online = deps.isOnline();
      deps.dispatch(sid, {
        type: 'add',
        pending: { localId: key, body, attachments: describe(files), status: online ? 'sending' : 'queued', error: online ? null : OUTBOX_REASON.offline, index: null, createdAt: item.createdAt },
      });
      enqueue(item);
    },

    retry(sid, localId) {
      const item = items.get(localId);
      if (!item || item.sid !== sid || status(item) !== 'failed') return;
      enqueue(item);
    },

    cancel(sid, localId) {
      const item = items.get(localId);
      const state = item && status(item);
      if (!item || item.sid !== sid || (state !== 'queued' && state !== 'failed')) return;
      deps.dispatch(sid, { type: 'cancel', localId });
      forget(item);
      void drop(item);
    },

    edit(sid, localId, body) {
      const item = items.get(localId);
      const text = body.trim();
      if (!item || item.sid !== sid || status(item) !== 'queued' || (text === '' && item.files.length === 0)) return;
      item.body = text;
      deps.dispatch(sid, { type: 'edit', localId, body: text });
      void keep(item);
    },

    async idle() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
  };
}

/** The agent's message carrying `key` among the conversation's newest, if Twilio has it. */
async function findByKey(conv: OutboxConversation, key: string, identity: string): Promise<Message | undefined> {
  const page = await conv.getMessages(OUTBOX_LOOKBACK_MESSAGES);
  return page.items.find((m) => m.author === identity && (m.attributes as Record<string, unknown> | null)?.[OUTBOX_KEY_ATTRIBUTE] === key);
}

async function sendVia(conv: OutboxConversation, item: Item): Promise<number | null> {
  const attributes: JSONValue = { [OUTBOX_KEY_ATTRIBUTE]: item.key };
  if (item.files.length === 0) return conv.sendMessage(item.body, attributes);
  let builder = conv.prepareMessage().setAttributes(attributes);
  if (item.body) builder = builder.setBody(item.body);
  for (const f of item.files) builder = builder.addMedia({ contentType: f.type, filename: f.name, media: f.blob });
  return builder.build().send();
}

const describe = (files: readonly OutboxFile[]) => files.map((f) => ({ name: f.name, type: f.type, size: f.size }));

async function encodeAll(files: readonly OutboxFile[]): Promise<QueuedAttachment[] | null> {
  if (files.reduce((n, f) => n + f.size, 0) > MAX_QUEUED_ATTACHMENT_BYTES) return null;
  return Promise.all(files.map(async (f) => ({ name: f.name, type: f.type, size: f.size, data: toBase64(new Uint8Array(await f.blob.arrayBuffer())) })));
}

function decode(a: QueuedAttachment): OutboxFile {
  const bytes = fromBase64(a.data);
  return { name: a.name, type: a.type, size: a.size, blob: new Blob([bytes], { type: a.type }) };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode(...all) would overflow the stack for a few MB.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
