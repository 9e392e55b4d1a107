/** Live messages, participants and typing: applied at once, after whatever batch is collected. */
import type { Message, Participant } from '@twilio/conversations';
import type { MessageSnapshot } from '../../store/types';
import { afterPaint } from '../after-paint';
import { editedAt, messageSnapshot, participantSnapshot, previewOf } from '../snapshots';
import type { BindingContext } from './context';
import type { Hydration } from './hydration';
import type { StoreBatcher } from './scheduling';
import { isTeamFeed } from './team-feed';

export function bindMessageEvents(ctx: BindingContext, batcher: StoreBatcher, hydration: Hydration): void {
  const { registry: reg, listeners, guard, state, deps, warn } = ctx;
  const now = batcher.now;

  /**
   * The store keeps the history of open threads only, as the registry keeps their SDK messages
   * (edit, delete and attachments need those). A thread that exists just for its pending sends
   * (the outbox restores queued messages before any thread is opened) only loses the pending
   * copy this message echoes; opening it loads the history, this message included.
   */
  const put = (sid: string, snap: MessageSnapshot) => {
    if (reg.isThreadOpen(sid)) state().putMessage(sid, snap);
    else state().pendingSend(sid, { type: 'echo', message: snap, me: state().session?.identity ?? null });
  };

  // The team feed's messages are for team-feed.ts alone: no thread, preview or notification.
  listeners.on('messageAdded', guard(now((m: Message) => {
    if (isTeamFeed(m.conversation)) return;
    const sid = m.conversation.sid;
    reg.rememberMessage(m);
    const snap = messageSnapshot(m);
    // Live messages carry the service's clock: the WhatsApp window is measured in it.
    if (snap.date !== null) state().observeServerTime(snap.date, snap.author !== null && snap.author === state().session?.identity);
    put(sid, snap);
    state().setLastMessagePreview(sid, previewOf(snap));
    if (state().selectedSid === sid && state().keptUnread !== sid && deps.isViewing()) {
      // Decided now, sent after the frame that shows the message: the request (and the two
      // roster updates it brings back) would otherwise run before that frame.
      afterPaint(() => void m.conversation.advanceLastReadMessageIndex(m.index).catch(warn('read horizon')));
    }
    deps.onLiveMessage(sid, snap);
  })));
  listeners.on('messageUpdated', guard(now(({ message, updateReasons }: { message: Message; updateReasons?: readonly string[] }) => {
    if (isTeamFeed(message.conversation)) return;
    const sid = message.conversation.sid;
    reg.rememberMessage(message);
    const snap = editedFrom(messageSnapshot(message), message, updateReasons, state().threads.get(sid)?.items);
    put(sid, snap);
    if (state().conversations.get(sid)?.lastMessage?.index === snap.index) state().setLastMessagePreview(sid, previewOf(snap));
  })));
  listeners.on('messageRemoved', guard(now((m: Message) => {
    if (isTeamFeed(m.conversation)) return;
    const sid = m.conversation.sid;
    reg.forgetMessage(sid, m.index);
    state().removeMessage(sid, m.index);
    if (state().conversations.get(sid)?.lastMessage?.index === m.index) {
      state().setLastMessagePreview(sid, null);
      hydration.loadPreview(m.conversation, true);
    }
  })));

  const putParticipant = (p: Participant) => {
    if (!reg.conversations.has(p.conversation.sid)) return;
    reg.rememberParticipant(p);
    state().upsertParticipant(p.conversation.sid, participantSnapshot(p));
    hydration.loadUserName(p);
  };
  listeners.on('participantJoined', guard(now(putParticipant)));
  listeners.on('participantUpdated', guard(now(({ participant }: { participant: Participant }) => putParticipant(participant))));
  listeners.on('participantLeft', guard(now((p: Participant) => {
    reg.participants.get(p.conversation.sid)?.delete(p.sid);
    state().removeParticipant(p.conversation.sid, p.sid);
  })));

  // Keyed by participant SID: two SMS customers have no identity and the same label, and one
  // stopping must not clear the other. The name is looked up in the roster when shown; a typist
  // the roster has not loaded yet is added to it so there is a name to show.
  const typing = (p: Participant, on: boolean) => {
    if (isTeamFeed(p.conversation)) return;
    const sid = p.conversation.sid;
    if (on && !state().participants.get(sid)?.some((x) => x.sid === p.sid)) putParticipant(p);
    state().setTyping(sid, p.sid, on);
  };
  listeners.on('typingStarted', guard(now((p: Participant) => typing(p, true))));
  listeners.on('typingEnded', guard(now((p: Participant) => typing(p, false))));
}

/**
 * A reaction (an attributes update) is not an edit: the message keeps the "Edited" mark it had;
 * a body update sets it. Without reasons (an older SDK) the snapshot's own guess stands.
 */
function editedFrom(snap: MessageSnapshot, message: Message, reasons: readonly string[] | undefined, items: readonly MessageSnapshot[] | undefined): MessageSnapshot {
  if (!reasons) return snap;
  if (reasons.includes('body')) return { ...snap, updated: editedAt(message) };
  const before = items?.find((m) => m.index === snap.index);
  return before ? { ...snap, updated: before.updated } : snap;
}
