/**
 * The inbox as it was last seen, kept by main (encrypted) so the next launch can paint it at once
 * while the SDK loads. With thousands of conversations the SDK takes seconds to tens of seconds
 * to announce them all; the cached copy is shown meanwhile and replaced as live data arrives.
 * No electron, node: or DOM imports here.
 */
import { z } from 'zod';

/** Bump when the shape changes: an older file is then ignored rather than misread. */
export const INBOX_CACHE_VERSION = 1;
/** Row previews show one line; the cache needn't hold a whole long message. */
export const CACHED_PREVIEW_CHARS = 280;
/** Longest name, identity or address kept (Twilio's own limits are lower). */
export const CACHED_TEXT_CHARS = 256;
/**
 * A launch first asks for this many conversations (the copy is saved newest first): enough for a
 * first screen on any display, small enough to arrive and render at once. The rest follows.
 */
export const FIRST_SCREEN_CONVERSATIONS = 100;
export const inboxCachePartSchema = z.enum(['first-screen', 'all']);
export type InboxCachePart = z.infer<typeof inboxCachePartSchema>;
/** Far above any inbox the desk is built for; a bound so a bad call can't fill the disk. */
export const MAX_CACHED_CONVERSATIONS = 100_000;

// The SDK reports -1 for "nothing read yet" in places, so no lower bound.
const index = z.number().int();
const millis = z.number().finite().nullable();

export const cachedConversationSchema = z.object({
  sid: z.string().min(1).max(64),
  friendlyName: z.string().max(CACHED_TEXT_CHARS).nullable(),
  uniqueName: z.string().max(CACHED_TEXT_CHARS).nullable(),
  dateUpdated: millis,
  lastMessage: z
    .object({
      index,
      text: z.string().max(CACHED_PREVIEW_CHARS),
      author: z.string().max(CACHED_TEXT_CHARS).nullable(),
      date: millis,
      // What a message without text carries; the window words it in its language when shown.
      // Optional: caches written before it existed have the words in `text` instead.
      media: z
        .object({ kind: z.enum(['photo', 'file']), name: z.string().max(CACHED_TEXT_CHARS).nullable(), count: z.number().int().min(0) })
        .nullable()
        .optional(),
      // Twilio could not deliver it to a customer's phone; optional for caches from before.
      failed: z.boolean().optional(),
    })
    .nullable(),
  lastMessageIndex: index.nullable(),
  lastReadIndex: index.nullable(),
  channel: z.enum(['sms', 'whatsapp', 'chat', 'mixed']),
  notificationLevel: z.enum(['default', 'muted']),
});
export type CachedConversation = z.infer<typeof cachedConversationSchema>;

export const cachedParticipantSchema = z.object({
  sid: z.string().min(1).max(64),
  identity: z.string().max(CACHED_TEXT_CHARS).nullable(),
  type: z.string().max(32),
  address: z.string().max(CACHED_TEXT_CHARS).nullable(),
  proxy: z.string().max(CACHED_TEXT_CHARS).nullable(),
  lastReadIndex: index.nullable(),
  name: z.string().max(CACHED_TEXT_CHARS).nullable(),
});

export const inboxCacheSchema = z.object({
  version: z.literal(INBOX_CACHE_VERSION),
  /** Milliseconds since epoch, when the renderer took the copy. */
  savedAt: z.number().finite(),
  /** Newest first (the inbox's order when it was saved). */
  conversations: z.array(cachedConversationSchema).max(MAX_CACHED_CONVERSATIONS),
  /** Conversation SID → its participants (search by person or number, names, channel badge). */
  rosters: z.array(z.tuple([z.string().min(1).max(64), z.array(cachedParticipantSchema).max(1000)])).max(MAX_CACHED_CONVERSATIONS),
  /** Chat identity → friendly name. */
  userNames: z.array(z.tuple([z.string().max(CACHED_TEXT_CHARS), z.string().max(CACHED_TEXT_CHARS)])).max(MAX_CACHED_CONVERSATIONS),
});
export type InboxCache = z.infer<typeof inboxCacheSchema>;
