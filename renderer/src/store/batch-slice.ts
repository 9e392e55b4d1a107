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
}

export const emptyBatch = (): StoreBatch => ({ conversations: new Map(), rosters: new Map(), previews: [] });

export const batchSize = (b: StoreBatch): number => b.conversations.size + b.rosters.size + b.previews.length;

export interface BatchSlice {
  applyBatch: (batch: StoreBatch) => void;
}

/** Applies conversations, then rosters (channel badges), then previews: the order the SDK yields them. */
export function applyBatchTo(s: DeskState, batch: StoreBatch): Partial<DeskState> {
  if (batchSize(batch) === 0) return {};
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
  return { conversations, participants };
}

export const createBatchSlice: SliceCreator<BatchSlice> = (set) => ({
  applyBatch: (batch) => set((s) => applyBatchTo(s, batch)),
});
