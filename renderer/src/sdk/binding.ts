/**
 * The one place SDK events become store actions. Returns a teardown that removes every listener
 * and makes late async results (page loads, token refresh) land nowhere, so a profile switch
 * can never write the old account's data into the new account's store.
 */
import type { Client, Conversation, Message, Participant, User } from '@twilio/conversations';
import type { DeskStore } from '../store';
import { getDesk } from '../platform/desk';
import { defaultMessage, toConnectionStatus, type SdkConnectionState } from './connection-state';
import { registry as defaultRegistry, type SdkRegistry } from './registry';
import { conversationFields, messageSnapshot, participantSnapshot, previewOf } from './snapshots';
import { batchSize, emptyBatch } from '../store/batch-slice';
import type { LastMessagePreview } from '../store/types';
import { WorkQueue } from './work-queue';

/** Roster and preview reads in flight at once (each opens a Sync object over the one socket). */
const BACKGROUND_CONCURRENCY = 6;
/** Conversations whose previews load without waiting for a row to show them (a first screen). */
const EAGER_PREVIEWS = 40;
/**
 * While the SDK is still announcing conversations (thousands at startup, each opening its Sync
 * objects), background reads wait: they would compete with it for the socket and the CPU.
 */
const BURST_QUIET_MS = 300;
/**
 * After a key press, click or scroll, background reads pause this long, and so do batched store updates
 * (thousands of conversations or rosters copied at once): the agent's keystroke or thread open
 * should not queue behind them. Messages, typing and removals still apply at once.
 */
const INPUT_QUIET_MS = 400;
/** Longest batched store updates wait for input to pause. */
const MAX_INPUT_HOLD_MS = 1_000;
/** A batched store update that took t ms is followed by at least 4·t ms without one. */
const FLUSH_BUDGET_FACTOR = 4;
/** Longest a batched store update waits when frames don't come (hidden window). */
const FLUSH_FALLBACK_MS = 50;

export interface BindingDeps {
  /** Fresh token for the active profile (desk.refreshToken in the app). */
  refreshToken: () => Promise<string>;
  /** Whether the agent can see the window; read receipts only advance when true. */
  isViewing: () => boolean;
  registry: SdkRegistry;
}

const defaultDeps = (): BindingDeps => ({
  refreshToken: async () => {
    const r = await getDesk().refreshToken();
    if (!r.ok) throw new Error(r.error.message);
    return r.value.token;
  },
  isViewing: () => typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus(),
  registry: defaultRegistry,
});

export const participantLabel = (p: Pick<Participant, 'identity' | 'type' | 'sid'>): string =>
  p.identity ?? (p.type === 'whatsapp' ? 'WhatsApp customer' : p.type === 'sms' ? 'SMS customer' : p.sid);

export function bindClient(client: Client, store: DeskStore, overrides: Partial<BindingDeps> = {}): () => void {
  const deps = { ...defaultDeps(), ...overrides };
  const reg = deps.registry;
  const state = () => store.getState();
  let live = true;
  let wasConnected = false;
  const hydrated = new Set<string>();
  const off: Array<() => void> = [];

  const on = <E extends Parameters<Client['on']>[0]>(event: E, handler: Parameters<Client['on']>[1] & ((...a: never[]) => void)) => {
    client.on(event as never, handler as never);
    off.push(() => client.removeListener(event as never, handler as never));
  };
  const guard = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
    if (live) fn(...args);
  };
  const warn = (what: string) => (e: unknown) => {
    if (live) console.warn(`[binding] ${what}:`, e);
  };

  // --- connection and token -------------------------------------------------------------
  on('connectionStateChanged', guard((s: SdkConnectionState) => {
    const status = toConnectionStatus(s, wasConnected);
    if (s === 'connected' && !wasConnected) performance.mark('desk:connected');
    if (s === 'connected') wasConnected = true;
    if (status) state().setConnection(status, defaultMessage(status));
  }));
  on('initFailed', guard(({ error }: { error?: { message: string } }) => {
    state().setConnection('error', error?.message ?? 'The Conversations client could not start.');
  }));
  on('connectionError', guard((e: { terminal: boolean; message: string }) => {
    if (e.terminal) state().setConnection('error', e.message);
  }));

  // After `tokenExpired` the SDK is still closing the old socket ('disconnecting'), and an
  // updateToken call in that state is dropped without ever settling; hand the token over once
  // the client has let go of the socket.
  const socketReleased = (): Promise<void> =>
    client.connectionState !== 'disconnecting'
      ? Promise.resolve()
      : new Promise((resolve) => {
          const onState = (s: SdkConnectionState) => {
            if (s === 'disconnecting') return;
            client.removeListener('connectionStateChanged', onState);
            resolve();
          };
          client.on('connectionStateChanged', onState);
        });

  let refreshing: Promise<void> | null = null;
  const refresh = (expired: boolean) => {
    if (expired) state().setConnection('refreshing-token', 'Renewing the access token…');
    refreshing ??= deps
      .refreshToken()
      .then(async (token) => {
        if (!live) return;
        if (expired) await socketReleased();
        if (!live) return;
        await client.updateToken(token);
        // updateToken reconnects on its own; only clear the banner we set ourselves.
        if (live && state().connection.status === 'refreshing-token') state().setConnection('connected');
      })
      .catch((e: unknown) => {
        if (live) state().setConnection('error', `Couldn’t renew the access token: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        refreshing = null;
      });
  };
  on('tokenAboutToExpire', guard(() => refresh(false)));
  on('tokenExpired', guard(() => refresh(true)));

  // --- batching ---------------------------------------------------------------------------
  // Conversations, rosters and previews arrive by the thousand at startup: they are collected and
  // applied in one store update per frame. Everything else (messages, removals, typing) applies
  // at once, after flushing what is collected so the order of events is kept.
  // An update costs more as the inbox grows (new Maps, order, list): scheduled flushes keep to
  // at most a fifth of the time, so a 10,000-conversation startup leaves the SDK the CPU.
  let batch = emptyBatch();
  let flushScheduled = false;
  let nextFlushAt = 0;
  let inputQuietUntil = 0;
  /** When the oldest update still waiting in `batch` was collected. */
  let pendingSince: number | null = null;
  const flush = () => {
    flushScheduled = false;
    pendingSince = null;
    if (!live || batchSize(batch) === 0) return;
    const b = batch;
    batch = emptyBatch();
    const started = performance.now();
    state().applyBatch(b);
    const took = performance.now() - started;
    nextFlushAt = performance.now() + FLUSH_BUDGET_FACTOR * took;
  };
  let flushToken = 0;
  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    pendingSince ??= performance.now();
    const token = ++flushToken;
    const run = () => {
      if (!flushScheduled || token !== flushToken) return;
      // A key press or click since this was scheduled: wait out its quiet period (but someone
      // typing a long reply still sees the inbox move at least once a second).
      if (performance.now() < inputQuietUntil && performance.now() - (pendingSince ?? 0) < MAX_INPUT_HOLD_MS) {
        flushScheduled = false;
        scheduleFlush();
        return;
      }
      flush();
    };
    const visible = typeof document !== 'undefined' && document.visibilityState === 'visible';
    const wait = Math.max(0, nextFlushAt - performance.now(), inputQuietUntil - performance.now());
    if (visible && typeof requestAnimationFrame === 'function' && wait === 0) requestAnimationFrame(run);
    setTimeout(run, visible ? Math.max(wait, FLUSH_FALLBACK_MS) : wait);
  };
  const now = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
    flush();
    fn(...args);
  };
  const queuePreview = (sid: string, preview: LastMessagePreview | null) => {
    batch.previews.push([sid, preview]);
    scheduleFlush();
  };
  /** The preview as the store will have it after the pending batch. */
  const shownPreview = (sid: string): LastMessagePreview | null | undefined => {
    for (let i = batch.previews.length - 1; i >= 0; i--) if (batch.previews[i]![0] === sid) return batch.previews[i]![1];
    return state().conversations.get(sid)?.lastMessage;
  };

  // --- conversations ---------------------------------------------------------------------
  // Rosters (channel badge, search by person or number) load in the background, a few at a
  // time. Previews load for the first screenful and then as rows come into view.
  const background = new WorkQueue(BACKGROUND_CONCURRENCY);
  if (typeof window !== 'undefined') {
    const yieldToInput = () => {
      background.holdFor(INPUT_QUIET_MS);
      inputQuietUntil = performance.now() + INPUT_QUIET_MS;
    };
    for (const type of ['keydown', 'pointerdown', 'wheel'] as const) {
      window.addEventListener(type, yieldToInput, { capture: true, passive: true });
      off.push(() => window.removeEventListener(type, yieldToInput, { capture: true }));
    }
  }
  const previewWanted = new Set<string>();
  const fetchPreview = async (conv: Conversation) => {
    if (conv.lastMessage?.index === undefined) return;
    try {
      const page = await conv.getMessages(1);
      const m = page.items[page.items.length - 1];
      if (!live || !m) return;
      reg.rememberMessage(m);
      queuePreview(conv.sid, previewOf(messageSnapshot(m)));
    } catch (e) {
      warn(`preview of ${conv.sid}`)(e);
    }
  };
  const loadPreview = (conv: Conversation, front = false) => {
    previewWanted.add(conv.sid);
    background.add(`preview:${conv.sid}`, () => fetchPreview(conv), front);
  };
  const previewLoader = (sid: string) => {
    const conv = reg.conversations.get(sid);
    if (!live || !conv) return;
    background.bump(`roster:${sid}`);
    if (!previewWanted.has(sid)) loadPreview(conv, true);
    else background.bump(`preview:${sid}`);
  };
  reg.previewLoader = previewLoader;
  // Chat users' friendly names ("Lee Park"), fetched once per identity and kept current.
  const namesAsked = new Set<string>();
  const loadUserName = (p: Participant) => {
    if (p.type !== 'chat' || !p.identity || namesAsked.has(p.identity) || typeof client.getUser !== 'function') return;
    namesAsked.add(p.identity);
    client
      .getUser(p.identity)
      .then((user) => {
        if (live) state().setUserName(user.identity, user.friendlyName);
      })
      .catch(warn(`user ${p.identity}`));
  };
  on('userUpdated', guard(({ user }: { user: User }) => state().setUserName(user.identity, user.friendlyName)));

  const loadRoster = (conv: Conversation) => {
    background.add(`roster:${conv.sid}`, async () => {
      try {
        const list = await conv.getParticipants();
        if (!live || !reg.conversations.has(conv.sid)) return;
        list.forEach((p) => reg.rememberParticipant(p));
        batch.rosters.set(conv.sid, list.map(participantSnapshot));
        scheduleFlush();
        list.forEach(loadUserName);
      } catch (e) {
        warn(`roster of ${conv.sid}`)(e);
      }
    });
  };
  const track = (conv: Conversation) => {
    // The inbox lists conversations the agent is in; others appear once "joined" fires.
    if (conv.status !== 'joined') return;
    reg.addConversation(conv);
    batch.conversations.set(conv.sid, conversationFields(conv));
    scheduleFlush();
    if (hydrated.has(conv.sid)) return;
    hydrated.add(conv.sid);
    background.holdFor(BURST_QUIET_MS);
    loadRoster(conv);
    if (hydrated.size <= EAGER_PREVIEWS) loadPreview(conv);
  };
  const untrack = (conv: Conversation) => {
    hydrated.delete(conv.sid);
    previewWanted.delete(conv.sid);
    background.delete(`roster:${conv.sid}`);
    background.delete(`preview:${conv.sid}`);
    batch.conversations.delete(conv.sid);
    batch.rosters.delete(conv.sid);
    reg.forgetConversation(conv.sid);
    state().removeConversation(conv.sid);
  };

  // The SDK settles getSubscribedConversations() once it has announced every conversation: what
  // the cached copy of the inbox still shows beyond that is gone (left or deleted meanwhile).
  reg.beginListing();
  const listed = () => {
    if (!live) return;
    flush();
    state().settleInbox((sid) => reg.conversations.has(sid));
    reg.markListed();
  };
  // Asked once the client is initialized: before that the SDK has no list to wait on (and if
  // its first connection failed, the call throws even though the client recovers later).
  let listingAsked = false;
  on('stateChanged', guard((s: string) => {
    if (s !== 'initialized' || listingAsked) return;
    listingAsked = true;
    client.getSubscribedConversations().then(listed, (e: unknown) => {
      warn('listing conversations')(e);
      // Keep the copy on screen (it is the best there is) but stop waiting for conversations.
      if (live) reg.markListed();
    });
  }));

  on('conversationAdded', guard(track));
  on('conversationJoined', guard(track));
  on('conversationLeft', guard(now(untrack)));
  on('conversationRemoved', guard(now(untrack)));
  on('conversationUpdated', guard(({ conversation }: { conversation: Conversation }) => {
    if (!reg.conversations.has(conversation.sid)) return track(conversation);
    batch.conversations.set(conversation.sid, conversationFields(conversation));
    scheduleFlush();
    // A newer last message than the preview shown: refresh it, if a row ever showed this one.
    const preview = shownPreview(conversation.sid);
    const last = conversation.lastMessage?.index;
    if (last !== undefined && previewWanted.has(conversation.sid) && (!preview || preview.index < last)) loadPreview(conversation);
  }));

  // --- messages --------------------------------------------------------------------------
  on('messageAdded', guard(now((m: Message) => {
    const sid = m.conversation.sid;
    reg.rememberMessage(m);
    const snap = messageSnapshot(m);
    state().putMessage(sid, snap);
    state().setLastMessagePreview(sid, previewOf(snap));
    if (state().selectedSid === sid && deps.isViewing()) {
      m.conversation.advanceLastReadMessageIndex(m.index).catch(warn('read horizon'));
    }
  })));
  on('messageUpdated', guard(now(({ message }: { message: Message }) => {
    const sid = message.conversation.sid;
    reg.rememberMessage(message);
    const snap = messageSnapshot(message);
    state().putMessage(sid, snap);
    if (state().conversations.get(sid)?.lastMessage?.index === snap.index) state().setLastMessagePreview(sid, previewOf(snap));
  })));
  on('messageRemoved', guard(now((m: Message) => {
    const sid = m.conversation.sid;
    reg.forgetMessage(sid, m.index);
    state().removeMessage(sid, m.index);
    if (state().conversations.get(sid)?.lastMessage?.index === m.index) {
      state().setLastMessagePreview(sid, null);
      loadPreview(m.conversation, true);
    }
  })));

  // --- participants and typing -------------------------------------------------------------
  const putParticipant = (p: Participant) => {
    if (!reg.conversations.has(p.conversation.sid)) return;
    reg.rememberParticipant(p);
    state().upsertParticipant(p.conversation.sid, participantSnapshot(p));
    loadUserName(p);
  };
  on('participantJoined', guard(now(putParticipant)));
  on('participantUpdated', guard(now(({ participant }: { participant: Participant }) => putParticipant(participant))));
  on('participantLeft', guard(now((p: Participant) => {
    reg.participants.get(p.conversation.sid)?.delete(p.sid);
    state().removeParticipant(p.conversation.sid, p.sid);
  })));
  on('typingStarted', guard(now((p: Participant) => state().setTyping(p.conversation.sid, participantLabel(p), true))));
  on('typingEnded', guard(now((p: Participant) => state().setTyping(p.conversation.sid, participantLabel(p), false))));

  return () => {
    live = false;
    background.stop();
    if (reg.previewLoader === previewLoader) reg.previewLoader = null;
    off.forEach((f) => f());
    off.length = 0;
  };
}
