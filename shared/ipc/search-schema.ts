/**
 * Search inside messages: the renderer hands main the text of the messages it has loaded or
 * cached, in bounded batches, and asks main's full-text index (electron/main/search) for matches.
 * No electron, node: or DOM imports here.
 */
import { z } from 'zod';

/** Messages per `search:index` call: a page or two of history, or a burst of previews. */
export const SEARCH_BATCH_MAX = 500;
/** Text kept per message: Twilio's SMS/WhatsApp limit; a longer chat message is indexed by its start. */
export const SEARCH_BODY_CHARS = 1600;
/** Longest query main takes (a search box, not a document). */
export const SEARCH_QUERY_CHARS = 200;
/**
 * Shortest query main searches messages for: one letter, as a prefix, matches most words of most
 * messages (seconds at 50,000 messages) and finds nothing a name match doesn't.
 */
export const SEARCH_MIN_QUERY_CHARS = 2;
/** Conversations one answer names at most. */
export const SEARCH_MAX_HITS = 200;
/** Characters of context shown around the matching words. */
export const SEARCH_SNIPPET_CHARS = 160;

const conversationSid = z.string().regex(/^CH[0-9a-f]{32}$/);
const profileId = z.string().min(1).max(64);

export const indexedMessageSchema = z.object({
  conversationSid,
  /** The message's index in its conversation: with the conversation, what names it in the index. */
  index: z.number().int().min(0),
  body: z.string().max(SEARCH_BODY_CHARS),
  /** Epoch ms; the oldest messages are the first to go when the index is full. */
  date: z.number().finite().nullable(),
});
export type IndexedMessage = z.infer<typeof indexedMessageSchema>;

export const messageRefSchema = z.object({ conversationSid, index: z.number().int().min(0) });
export type MessageRef = z.infer<typeof messageRefSchema>;

export const searchIndexRequestSchema = z.object({
  /** Taken only while this is the active profile, so a late batch can't cross accounts. */
  profileId,
  messages: z.array(indexedMessageSchema).max(SEARCH_BATCH_MAX),
  /** Messages deleted since: out of the index. */
  removed: z.array(messageRefSchema).max(SEARCH_BATCH_MAX),
});
export type SearchIndexRequest = z.infer<typeof searchIndexRequestSchema>;

export const searchQueryRequestSchema = z.object({
  profileId,
  query: z.string().max(SEARCH_QUERY_CHARS),
  limit: z.number().int().min(1).max(SEARCH_MAX_HITS),
});
export type SearchQueryRequest = z.infer<typeof searchQueryRequestSchema>;

/** The best matching message of one conversation. */
export const searchHitSchema = z.object({
  conversationSid,
  index: z.number().int().min(0),
  date: z.number().finite().nullable(),
  /** Part of the message around the first match; `ranges` are the matching words in it ([start, end)). */
  snippet: z.string().max(SEARCH_SNIPPET_CHARS + 2),
  ranges: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).max(32),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({ hits: z.array(searchHitSchema).max(SEARCH_MAX_HITS) });
export type SearchResult = z.infer<typeof searchResultSchema>;
