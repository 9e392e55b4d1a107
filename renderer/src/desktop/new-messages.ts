/**
 * Whether a message that just arrived (the SDK's messageAdded, see sdk/binding/message-events)
 * is one the agent should hear about, and what main is told about it. Driven by the SDK event,
 * not by comparing store states, so loading history or previews can never look like news.
 */
import type { NewMessage } from '../../../shared/ipc/contract';
import { previewOf } from '../sdk/snapshots';
import { previewText } from '../store/selectors';
import { conversationLabel, findAuthor, personName } from '../components/common/names';
import type { DeskState } from '../store';
import type { MessageSnapshot } from '../store/types';

/**
 * Messages dated before `since` (ms) are old ones the SDK delivered late (catching up after a
 * reconnect at startup), not news: `since` is when the session started.
 */
export function newMessageReport(
  s: Pick<DeskState, 'conversations' | 'session' | 'selectedSid'> & Partial<Pick<DeskState, 'participants' | 'userNames'>>,
  sid: string,
  message: MessageSnapshot,
  since: number,
): NewMessage | null {
  const conversation = s.conversations.get(sid);
  if (!conversation) return null;
  // The agent's own messages (from any device) never notify.
  if (message.author !== null && message.author === s.session?.identity) return null;
  if (message.date !== null && message.date < since) return null;
  // Named as the desk names them: the customer's profile name rather than their number, when known.
  const participants = s.participants ?? new Map();
  const roster = participants.get(sid) ?? [];
  const author = findAuthor(roster, message.author, message.participantSid);
  return {
    conversationSid: sid,
    conversationTitle: conversationLabel({ participants }, conversation).slice(0, 200),
    author: (author ? personName(author, s.userNames ?? new Map(), roster, conversation) : (message.author ?? '')).slice(0, 256),
    channel: conversation.channel,
    body: previewText(previewOf(message)).slice(0, 2000),
    muted: conversation.notificationLevel === 'muted',
    isOpenConversation: s.selectedSid === sid,
  };
}
