/**
 * "Mark as unread", as Front and Slack do it: the newest message becomes unread again, by moving
 * the agent's read horizon back one (Twilio keeps it per participant; `updateLastReadMessageIndex`).
 * A conversation whose only message is index 0 has no earlier horizon: all of it becomes unread.
 * The open thread then stays unread until the agent leaves it (`keptUnread`), so focusing the
 * window or a new message does not undo the agent's choice at once.
 */
import { i18n } from '../../i18n';
import type { SessionScope } from '../../session/scope';
import { errorText, fail, OK, type ActionResult } from './result';

export async function markUnread(s: SessionScope, sid: string): Promise<ActionResult> {
  const conv = s.registry.conversations.get(sid);
  const snapshot = s.store.getState().conversations.get(sid);
  if (!conv || !snapshot) return fail(i18n.t('errors.conversationGone'));
  const last = snapshot.lastMessageIndex;
  if (last === null) return OK;
  const store = s.store.getState();
  if (store.selectedSid === sid) {
    store.keepUnread(sid);
    // The "New messages" line moves above the message that is unread now.
    store.setReadHorizon(sid, last > 0 ? last - 1 : null);
  }
  try {
    if (last > 0) await conv.updateLastReadMessageIndex(last - 1);
    else await conv.setAllMessagesUnread();
    return OK;
  } catch (e) {
    if (s.store.getState().keptUnread === sid) s.store.getState().keepUnread(null);
    return fail(i18n.t('errors.markUnreadFailed', { reason: errorText(e) }));
  }
}
