/**
 * The window's side of search inside messages. Main keeps the full-text index (encrypted, per
 * profile; electron/main/search); this module
 * - hands main the text of every message the window has loaded (open threads) or knows from the
 *   inbox (each conversation's last message, live or from the cached inbox), in bounded batches,
 *   a moment after the store changed, never inside an SDK event or a keystroke;
 * - asks main for the search box's query off the keystroke (name matches show at once; text
 *   matches join when main answers), dropping answers to queries the agent has typed past;
 * - when a conversation found by text is opened, names the message to scroll to and mark.
 */
import type { DeskBridge } from '../../../shared/ipc/contract';
import { SEARCH_BATCH_MAX, SEARCH_BODY_CHARS, SEARCH_MAX_HITS, SEARCH_MIN_QUERY_CHARS, SEARCH_QUERY_CHARS, type IndexedMessage, type MessageRef } from '../../../shared/ipc/search-schema';
import type { DeskStore } from '../store';
import { normalQuery, selectTextHit, type TextHit } from '../store/search-slice';
import type { DeskState } from '../store/store-types';

export type SearchBridge = Pick<DeskBridge, 'indexMessages' | 'searchMessages'>;

export interface MessageSearchOptions {
  /** New messages are handed over once the store has been quiet this long (ms). */
  feedDelayMs?: number;
  /** A query goes this long after the last keystroke (ms): fast typing sends one, not one per letter. */
  queryDelayMs?: number;
}

const FEED_DELAY_MS = 300;
const QUERY_DELAY_MS = 40;

export function bindMessageSearch(store: DeskStore, profileId: string, desk: SearchBridge, options: MessageSearchOptions = {}): () => void {
  const feedDelay = options.feedDelayMs ?? FEED_DELAY_MS;
  const queryDelay = options.queryDelayMs ?? QUERY_DELAY_MS;
  let ended = false;

  // What main has been given: message key → its text, so an unchanged message is not sent again.
  const sent = new Map<string, string>();
  let seenThreads: DeskState['threads'] = new Map();
  let seenConversations: DeskState['conversations'] = new Map();
  let feedTimer: ReturnType<typeof setTimeout> | null = null;
  let sending: Promise<unknown> = Promise.resolve();

  const collect = (s: DeskState) => {
    const messages: IndexedMessage[] = [];
    const removed: MessageRef[] = [];
    const add = (conversationSid: string, index: number, body: string, date: number | null) => {
      const key = `${conversationSid}:${index}`;
      const text = body.slice(0, SEARCH_BODY_CHARS);
      if (sent.get(key) === text) return;
      sent.set(key, text);
      messages.push({ conversationSid, index, body: text, date });
    };
    for (const [sid, thread] of s.threads) {
      const before = seenThreads.get(sid);
      if (before?.items === thread.items) continue;
      for (const m of thread.items) if (m.body !== null) add(sid, m.index, m.body, m.date);
      // Gone from a thread that still has its history: deleted (a thread let go of empties at once).
      if (before && thread.items.length > 0) {
        const still = new Set(thread.items.map((m) => m.index));
        for (const m of before.items) {
          if (still.has(m.index) || !sent.has(`${sid}:${m.index}`)) continue;
          sent.delete(`${sid}:${m.index}`);
          removed.push({ conversationSid: sid, index: m.index });
        }
      }
    }
    for (const [sid, c] of s.conversations) {
      const last = c.lastMessage;
      if (!last || seenConversations.get(sid)?.lastMessage === last) continue;
      // A preview may be cut short: it never replaces the whole text of a message already given.
      if (last.text !== '' && !sent.has(`${sid}:${last.index}`)) add(sid, last.index, last.text, last.date);
    }
    seenThreads = s.threads;
    seenConversations = s.conversations;
    return { messages, removed };
  };

  const feed = () => {
    feedTimer = null;
    if (ended) return;
    const { messages, removed } = collect(store.getState());
    if (messages.length === 0 && removed.length === 0) return;
    for (let i = 0; i < Math.max(messages.length, removed.length); i += SEARCH_BATCH_MAX) {
      const batch = { profileId, messages: messages.slice(i, i + SEARCH_BATCH_MAX), removed: removed.slice(i, i + SEARCH_BATCH_MAX) };
      sending = sending.then(() => (ended ? null : desk.indexMessages(batch))).catch((e: unknown) => console.warn('[search] messages not indexed', e));
    }
    // A search on screen takes in what was just indexed.
    void sending.then(() => {
      if (!ended && normalQuery(store.getState().searchQuery).length >= SEARCH_MIN_QUERY_CHARS) ask(store.getState().searchQuery);
    });
  };

  // Querying: one request in flight per keystroke pause; only the newest query's answer is kept.
  let queryTimer: ReturnType<typeof setTimeout> | null = null;
  let asked = 0;
  const ask = (query: string) => {
    const q = normalQuery(query).slice(0, SEARCH_QUERY_CHARS);
    const seq = ++asked;
    desk
      .searchMessages({ profileId, query: q, limit: SEARCH_MAX_HITS })
      .then((r) => {
        if (ended || seq !== asked || !r.ok) return;
        const hits = new Map<string, TextHit>();
        for (const h of r.value.hits) hits.set(h.conversationSid, { index: h.index, date: h.date, snippet: h.snippet, ranges: h.ranges });
        store.getState().setTextSearch({ q, hits });
      })
      .catch((e: unknown) => console.warn('[search] message search failed', e));
  };
  const queryChanged = (query: string) => {
    if (queryTimer) clearTimeout(queryTimer);
    queryTimer = null;
    if (normalQuery(query).length < SEARCH_MIN_QUERY_CHARS) {
      asked++;
      store.getState().setTextSearch(null);
      return;
    }
    queryTimer = setTimeout(() => {
      queryTimer = null;
      ask(query);
    }, queryDelay);
  };

  // Opening a conversation found by text brings its matching message into view, marked.
  const selected = (s: DeskState, sid: string | null) => {
    const hit = sid === null ? null : selectTextHit(s, sid);
    if (sid !== null && hit) {
      const words = [...new Set(hit.ranges.map(([a, b]) => hit.snippet.slice(a, b).toLowerCase()))];
      s.setMessageHighlight({ sid, index: hit.index, words });
    } else if (s.messageHighlight && s.messageHighlight.sid !== sid) s.setMessageHighlight(null);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.searchQuery !== prev.searchQuery) queryChanged(s.searchQuery);
    const open = s.selectedSid ?? s.teamViewSid;
    if (open !== (prev.selectedSid ?? prev.teamViewSid)) selected(s, open);
    if ((s.threads !== prev.threads || s.conversations !== prev.conversations) && feedTimer === null) feedTimer = setTimeout(feed, feedDelay);
  });
  // What is in the store already (the cached inbox painted before this binding).
  feedTimer = setTimeout(feed, feedDelay);

  return () => {
    ended = true;
    unsubscribe();
    if (feedTimer) clearTimeout(feedTimer);
    if (queryTimer) clearTimeout(queryTimer);
  };
}
