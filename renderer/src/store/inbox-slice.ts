/**
 * Where the inbox came from. A launch paints the copy main kept from last time ('cache') while
 * the SDK announces conversations one by one; when the SDK has announced them all the inbox is
 * 'live' and anything only the copy knew (left or deleted meanwhile) is dropped.
 */
import { CACHED_PREVIEW_CHARS, CACHED_TEXT_CHARS, INBOX_CACHE_VERSION, type InboxCache } from '../../../shared/ipc/inbox-cache-schema';
import { sortedSids } from './selectors';
import { computeUnread } from './unread';
import type { ConversationSnapshot, ParticipantSnapshot } from './types';
import type { DeskState, SliceCreator } from './store-types';

export type InboxSource = 'none' | 'cache' | 'live';

export interface InboxSlice {
  inboxSource: InboxSource;
  /** Adds what the copy has and the SDK hasn't reported yet; ignored once the inbox is live. */
  hydrateInbox: (cache: InboxCache) => void;
  /** The SDK has announced every conversation: keep those it knows, drop the rest of the copy. */
  settleInbox: (known: (sid: string) => boolean) => void;
}

export function hydrateFrom(s: DeskState, cache: InboxCache): Partial<DeskState> {
  if (s.inboxSource === 'live') return {};
  const conversations = new Map(s.conversations);
  for (const c of cache.conversations) {
    if (conversations.has(c.sid)) continue;
    // Attributes aren't cached (nothing on screen reads them); the SDK's copy replaces null.
    conversations.set(c.sid, { ...c, attributes: null, typing: [], unreadCount: computeUnread(c.lastMessageIndex, c.lastReadIndex) });
  }
  const participants = new Map(s.participants);
  for (const [sid, list] of cache.rosters) if (!participants.has(sid) && conversations.has(sid)) participants.set(sid, list);
  const userNames = new Map(s.userNames);
  for (const [identity, name] of cache.userNames) if (!userNames.has(identity)) userNames.set(identity, name);
  return { conversations, participants, userNames, inboxSource: 'cache' };
}

export function settleFrom(s: DeskState, known: (sid: string) => boolean): Partial<DeskState> {
  const gone = [...s.conversations.keys()].filter((sid) => !known(sid));
  if (gone.length === 0) return { inboxSource: 'live' };
  const conversations = new Map(s.conversations);
  const participants = new Map(s.participants);
  const threads = new Map(s.threads);
  for (const sid of gone) {
    conversations.delete(sid);
    participants.delete(sid);
    threads.delete(sid);
  }
  const selectedSid = s.selectedSid && conversations.has(s.selectedSid) ? s.selectedSid : null;
  return { conversations, participants, threads, selectedSid, inboxSource: 'live' };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const clipped = (text: string | null) => (text === null ? null : clip(text, CACHED_TEXT_CHARS));

/** The copy main keeps: conversations (without typing), rosters and names, nothing else. */
export function toInboxCache(s: Pick<DeskState, 'conversations' | 'participants' | 'userNames'> & Partial<Pick<DeskState, 'memo'>>, now = Date.now()): InboxCache {
  // Newest first, as the inbox shows them: main keeps the head apart for the next first screen.
  const conversations = sortedSids(s.conversations, s.memo).map((sid) => s.conversations.get(sid) as ConversationSnapshot).map((c) => ({
    sid: c.sid,
    friendlyName: clipped(c.friendlyName),
    uniqueName: clipped(c.uniqueName),
    dateUpdated: c.dateUpdated,
    lastMessage: c.lastMessage && {
      ...c.lastMessage,
      text: clip(c.lastMessage.text, CACHED_PREVIEW_CHARS),
      author: clipped(c.lastMessage.author),
      media: c.lastMessage.media ? { ...c.lastMessage.media, name: clipped(c.lastMessage.media.name) } : null,
    },
    lastMessageIndex: c.lastMessageIndex,
    lastReadIndex: c.lastReadIndex,
    channel: c.channel,
    notificationLevel: c.notificationLevel,
  }));
  const rosters = [...s.participants.entries()]
    .filter(([sid]) => s.conversations.has(sid))
    .map(([sid, list]): [string, ParticipantSnapshot[]] => [
      sid,
      list.map((p) => ({ ...p, identity: clipped(p.identity), address: clipped(p.address), proxy: clipped(p.proxy), name: clipped(p.name) })),
    ]);
  return {
    version: INBOX_CACHE_VERSION,
    savedAt: now,
    conversations,
    rosters,
    userNames: [...s.userNames.entries()].map(([identity, name]): [string, string] => [clip(identity, CACHED_TEXT_CHARS), clip(name, CACHED_TEXT_CHARS)]),
  };
}

export const createInboxSlice: SliceCreator<InboxSlice> = (set) => ({
  inboxSource: 'none',
  hydrateInbox: (cache) => set((s) => hydrateFrom(s, cache)),
  settleInbox: (known) => set((s) => settleFrom(s, known)),
});
