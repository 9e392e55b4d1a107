/**
 * Which conversations just received a message the agent should hear about, found by comparing two
 * store states: the binding already writes every arriving message into the conversation's
 * lastMessage preview, so no second SDK listener is needed.
 */
import type { NewMessage } from '../../../shared/ipc/contract';
import { conversationTitle } from '../store/selectors';
import type { ConversationSnapshot } from '../store/types';

export interface NewMessageContext {
  /** The agent's own identity: their messages (from any device) never notify. */
  identity: string | null;
  selectedSid: string | null;
  /**
   * Messages dated before this (ms) are history being loaded (first sync, preview hydration after
   * a restart), not news. Set when the session starts.
   */
  since: number;
}

export function findNewMessages(
  prev: ReadonlyMap<string, ConversationSnapshot>,
  next: ReadonlyMap<string, ConversationSnapshot>,
  context: NewMessageContext,
): NewMessage[] {
  if (prev === next) return [];
  const found: NewMessage[] = [];
  for (const [sid, conversation] of next) {
    const last = conversation.lastMessage;
    if (!last) continue;
    const before = prev.get(sid)?.lastMessage;
    if (before && before.index >= last.index) continue;
    if (last.date !== null && last.date < context.since) continue;
    if (last.author !== null && last.author === context.identity) continue;
    found.push({
      conversationSid: sid,
      conversationTitle: conversationTitle(conversation).slice(0, 200),
      author: (last.author ?? 'Customer').slice(0, 256),
      channel: conversation.channel,
      body: last.text.slice(0, 2000),
      muted: conversation.notificationLevel === 'muted',
      isOpenConversation: context.selectedSid === sid,
    });
  }
  return found;
}
