import { computeUnread } from './unread';
import type { ConversationSnapshot, LastMessagePreview } from './types';
import { withEntry, withoutEntry, type SliceCreator } from './store-types';

/** What the binding reads off an SDK Conversation; the rest of the snapshot is derived or kept. */
export type ConversationFields = Pick<
  ConversationSnapshot,
  'sid' | 'friendlyName' | 'uniqueName' | 'dateUpdated' | 'lastMessageIndex' | 'lastReadIndex' | 'notificationLevel' | 'attributes'
> &
  Partial<Pick<ConversationSnapshot, 'state'>>;

export interface ConversationsSlice {
  conversations: Map<string, ConversationSnapshot>;
  upsertConversation: (fields: ConversationFields) => void;
  setLastMessagePreview: (sid: string, preview: LastMessagePreview | null) => void;
  removeConversation: (sid: string) => void;
  /** `participantSid`: typing is keyed by participant, never by a display label two people can share. */
  setTyping: (sid: string, participantSid: string, typing: boolean) => void;
}

/** The snapshot after the SDK reported `fields`; preview, channel and typing are kept. */
export function mergeConversation(prev: ConversationSnapshot | undefined, fields: ConversationFields): ConversationSnapshot {
  return {
    lastMessage: null,
    channel: 'chat',
    typing: [],
    ...prev,
    ...fields,
    unreadCount: computeUnread(fields.lastMessageIndex, fields.lastReadIndex),
  };
}

/** The snapshot with a new preview, or null when the preview is older than the one shown. */
export function withPreview(prev: ConversationSnapshot, preview: LastMessagePreview | null): ConversationSnapshot | null {
  // Loads may finish out of order (a slow fetch after a live message): the newest index wins,
  // except that null (the last message was deleted and nothing replaced it) always applies.
  if (preview && prev.lastMessage && preview.index < prev.lastMessage.index) return null;
  const lastMessageIndex = preview ? Math.max(preview.index, prev.lastMessageIndex ?? -1) : prev.lastMessageIndex;
  return { ...prev, lastMessage: preview, lastMessageIndex, unreadCount: computeUnread(lastMessageIndex, prev.lastReadIndex) };
}

export const createConversationsSlice: SliceCreator<ConversationsSlice> = (set) => ({
  conversations: new Map(),

  upsertConversation: (fields) =>
    set((s) => ({ conversations: withEntry(s.conversations, fields.sid, mergeConversation(s.conversations.get(fields.sid), fields)) })),

  setLastMessagePreview: (sid, preview) =>
    set((s) => {
      const prev = s.conversations.get(sid);
      const next = prev && withPreview(prev, preview);
      return next ? { conversations: withEntry(s.conversations, sid, next) } : {};
    }),

  removeConversation: (sid) =>
    set((s) => ({
      conversations: withoutEntry(s.conversations, sid),
      threads: withoutEntry(s.threads, sid),
      participants: withoutEntry(s.participants, sid),
      selectedSid: s.selectedSid === sid ? null : s.selectedSid,
    })),

  setTyping: (sid, who, typing) =>
    set((s) => {
      const prev = s.conversations.get(sid);
      if (!prev) return {};
      const has = prev.typing.includes(who);
      if (has === typing) return {};
      const list = typing ? [...prev.typing, who] : prev.typing.filter((t) => t !== who);
      return { conversations: withEntry(s.conversations, sid, { ...prev, typing: list }) };
    }),
});
