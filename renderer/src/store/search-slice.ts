/**
 * Search inside messages, as the inbox shows it: the answer main's message index gave for a
 * query (sdk/message-search.ts asks, off the keystroke), and the message to bring into view and
 * mark when a conversation found that way is opened.
 */
import type { SliceCreator } from './store-types';

/** The best matching message of a conversation, as main found it. */
export interface TextHit {
  index: number;
  date: number | null;
  /** Part of the message around the match; `ranges` mark the matching words in it. */
  snippet: string;
  ranges: readonly (readonly [number, number])[];
}

export interface TextSearch {
  /** The query as sent (trimmed, lower case). */
  q: string;
  hits: ReadonlyMap<string, TextHit>;
}

/** A message to scroll to and mark in its thread. */
export interface MessageHighlight {
  sid: string;
  index: number;
  /** The matching words, lower case, to mark in the message's text. */
  words: readonly string[];
}

export interface SearchSlice {
  textSearch: TextSearch | null;
  messageHighlight: MessageHighlight | null;
  setTextSearch: (result: TextSearch | null) => void;
  setMessageHighlight: (highlight: MessageHighlight | null) => void;
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set) => ({
  textSearch: null,
  messageHighlight: null,
  setTextSearch: (textSearch) => set({ textSearch }),
  setMessageHighlight: (messageHighlight) => set({ messageHighlight }),
});

/** Lower case and trimmed: how queries are compared. */
export const normalQuery = (query: string): string => query.trim().toLowerCase();

/**
 * The answer that applies to `query`: its own, or the answer to the query it extends while main
 * works on the new one (a longer query only narrows, so those rows are a superset that shrinks
 * when the answer comes, rather than text matches blinking out at every keystroke).
 */
export function applicableTextSearch(s: { textSearch: TextSearch | null }, query: string): TextSearch | null {
  const t = s.textSearch;
  const q = normalQuery(query);
  if (!t || q === '' || t.q === '') return null;
  return q === t.q || q.startsWith(t.q) ? t : null;
}

/** The text match shown under a row of the inbox for the current search, if any. */
export function selectTextHit(s: { textSearch: TextSearch | null; searchQuery: string }, sid: string): TextHit | null {
  return applicableTextSearch(s, s.searchQuery)?.hits.get(sid) ?? null;
}
