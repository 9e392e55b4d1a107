/**
 * One store update for a burst of SDK results. At startup the SDK reports thousands of
 * conversations, rosters and previews; applied one `set` each, every one copies the Maps and
 * re-renders subscribers (quadratic in the inbox size). The binding collects them for a frame
 * and applies them here in one update, with the same rules as the single actions.
 */
import { deriveChannel } from '../../../shared/domain/channel';
import { mergeConversation, withPreview, type ConversationFields } from './conversations-slice';
import type { LastMessagePreview, ParticipantSnapshot } from './types';
import type { DeskState, SliceCreator } from './store-types';

export interface StoreBatch {
  /** upsertConversation, last report per conversation. */
  conversations: Map<string, ConversationFields>;
  /** setParticipants, last roster per conversation. */
  rosters: Map<string, ParticipantSnapshot[]>;
  /** setLastMessagePreview, in arrival order (older loads lose to newer ones as in the action). */
  previews: Array<[string, LastMessagePreview | null]>;
  /**
   * setUserName, last name per identity. A chat roster's users arrive one by one (the SDK's user
   * read and its userUpdated, for each of up to 1,000 customers): one update each copied the
   * names Map and ran every subscriber's selector, hundreds of ms while the agent typed.
   */
  userNames: Map<string, string | null>;
}

export const emptyBatch = (): StoreBatch => ({ conversations: new Map(), rosters: new Map(), previews: [], userNames: new Map() });

export const batchSize = (b: StoreBatch): number => b.conversations.size + b.rosters.size + b.previews.length + b.userNames.size;

/** The names after `batch`, by setUserName's rules (trimmed, empty = none); the same Map when nothing changed. */
function withUserNames(names: Map<string, string>, batch: StoreBatch['userNames']): Map<string, string> {
  let next: Map<string, string> | null = null;
  for (const [identity, name] of batch) {
    const clean = name?.trim() || null;
    if (((next ?? names).get(identity) ?? null) === clean) continue;
    next ??= new Map(names);
    if (clean) next.set(identity, clean);
    else next.delete(identity);
  }
  return next ?? names;
}

export interface BatchSlice {
  applyBatch: (batch: StoreBatch) => void;
}

/** Applies conversations, then rosters (channel badges), then previews: the order the SDK yields them; and users' names. */
export function applyBatchTo(s: DeskState, batch: StoreBatch): Partial<DeskState> {
  if (batchSize(batch) === 0) return {};
  const userNames = withUserNames(s.userNames, batch.userNames);
  const names = userNames === s.userNames ? {} : { userNames };
  // Names alone leave the inbox's Maps as they were (rows and lists see no change).
  if (batch.conversations.size + batch.rosters.size + batch.previews.length === 0) return names;
  const conversations = new Map(s.conversations);
  for (const [sid, fields] of batch.conversations) conversations.set(sid, mergeConversation(conversations.get(sid), fields));
  let participants = s.participants;
  if (batch.rosters.size > 0) {
    participants = new Map(s.participants);
    for (const [sid, list] of batch.rosters) {
      participants.set(sid, list);
      const conv = conversations.get(sid);
      const channel = deriveChannel(list.map((p) => p.type));
      if (conv && conv.channel !== channel) conversations.set(sid, { ...conv, channel });
    }
  }
  for (const [sid, preview] of batch.previews) {
    const prev = conversations.get(sid);
    const next = prev && withPreview(prev, preview);
    if (next) conversations.set(sid, next);
  }
  return { conversations, participants, ...names };
}

export const createBatchSlice: SliceCreator<BatchSlice> = (set) => ({
  applyBatch: (batch) => set((s) => applyBatchTo(s, batch)),
});
