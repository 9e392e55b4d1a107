/** Conversation lifecycle: create (creator joins), rename, mute, leave; media URLs. */
import { i18n } from '../../i18n';
import type { SessionScope } from '../../session/scope';
import { addValidated, phoneRules, validateNewParticipant, type NewParticipant } from './participant-actions';
import { selectTeamInfo } from '../../store/team-slice';
import { assignConversation } from './team-actions';
import { errorText, fail, OK, type ActionResult } from './result';

export interface NewConversation {
  name: string;
  participant: NewParticipant | null;
}

/** Twilio's limit on a conversation's friendly name. */
const MAX_NAME = 256;

/** The reason continues the sentence ("Created “X”, but +1… is already…"). */
const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase(i18n.language) + text.slice(1);

/** Everything is validated first so a bad number never leaves a half-made conversation behind. */
export async function createConversation(s: SessionScope, input: NewConversation): Promise<ActionResult & { sid?: string }> {
  const client = s.registry.client;
  const name = input.name.trim();
  if (name === '') return fail(i18n.t('errors.nameRequired'), 'name');
  if (name.length > MAX_NAME) return fail(i18n.t('errors.nameTooLong', { max: MAX_NAME }), 'name');
  const v = input.participant ? validateNewParticipant(input.participant, [], phoneRules(s)) : null;
  if (v && !v.ok) return fail(v.message, v.field);
  if (!client) return fail(i18n.t('errors.notConnected'));
  try {
    const conv = await client.createConversation({ friendlyName: name });
    // The service doesn't auto-join the creator.
    await conv.join();
    if (v?.ok) {
      const added = await addValidated(conv, v);
      if (!added.ok) {
        s.store.getState().select(conv.sid);
        return { ...fail(i18n.t('errors.createdButNotAdded', { name, reason: lowerFirst(added.message) })), sid: conv.sid };
      }
    }
    s.store.getState().select(conv.sid);
    return { ...OK, sid: conv.sid };
  } catch (e) {
    return fail(i18n.t('errors.createFailed', { reason: errorText(e) }));
  }
}

export async function renameConversation(s: SessionScope, sid: string, name: string): Promise<ActionResult> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail(i18n.t('errors.conversationGone'));
  if (name.trim() === '') return fail(i18n.t('errors.nameRequired'), 'name');
  try {
    await conv.updateFriendlyName(name.trim());
    return OK;
  } catch (e) {
    return fail(i18n.t('errors.renameFailed', { reason: errorText(e) }));
  }
}

export async function setMuted(s: SessionScope, sid: string, muted: boolean): Promise<ActionResult> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail(i18n.t('errors.conversationGone'));
  try {
    await conv.setUserNotificationLevel(muted ? 'muted' : 'default');
    return OK;
  } catch (e) {
    return fail(i18n.t('errors.muteFailed', { reason: errorText(e) }));
  }
}

export async function leaveConversation(s: SessionScope, sid: string): Promise<ActionResult> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail(i18n.t('errors.conversationGone'));
  const me = s.store.getState().session?.identity ?? null;
  // Leaving a conversation assigned to me would leave it half-assigned (in my Mine, with me no
  // longer in it): unassign first. Main's unassign also takes the assignee out of the conversation.
  const unassigned = me !== null && selectTeamInfo(s.store.getState(), sid)?.assignee === me;
  if (unassigned) {
    const r = await assignConversation(s, sid, null);
    if (!r.ok) return fail(i18n.t('errors.leaveFailed', { reason: r.message }));
  }
  try {
    await conv.leave().catch((e: unknown) => {
      // Main's unassign may already have taken me out; that is the leave done.
      if (!unassigned) throw e;
    });
    // conversationLeft removes it; clear the selection now so the thread doesn't linger.
    if (s.store.getState().selectedSid === sid) s.store.getState().select(null);
    return OK;
  } catch (e) {
    return fail(i18n.t('errors.leaveFailed', { reason: errorText(e) }));
  }
}

/** Short-lived download URL for one attachment (images render from it). */
export async function mediaUrl(s: SessionScope, sid: string, index: number, mediaSid: string): Promise<string | null> {
  const media = s.registry.messages.get(sid)?.get(index)?.attachedMedia?.find((m) => m.sid === mediaSid);
  if (!media) return null;
  try {
    return await media.getContentTemporaryUrl();
  } catch {
    return null;
  }
}
