/**
 * What the inbox selectors remember between store updates (the sorted order, the last search
 * result, the unread total). Each store carries its own, so one profile's cached order can never
 * answer for another's, and a closed session's inbox is not kept alive by a module variable.
 */
import type { ConversationSnapshot, ParticipantSnapshot } from './types';

type Conversations = ReadonlyMap<string, ConversationSnapshot>;

export interface SelectorMemo {
  sorted: { conversations: Conversations; sids: string[] } | null;
  filtered: {
    sids: string[];
    participants: ReadonlyMap<string, ParticipantSnapshot[]>;
    userNames: ReadonlyMap<string, string>;
    q: string;
    conversations: Conversations;
    result: string[];
  } | null;
  unread: { conversations: Conversations; total: number } | null;
}

export const createSelectorMemo = (): SelectorMemo => ({ sorted: null, filtered: null, unread: null });
