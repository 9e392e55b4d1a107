/** Conversation lifecycle: create (creator joins), rename, mute, leave; media URLs. */
import { useDeskStore } from '../../store';
import { registry } from '../registry';
import { addValidated, validateNewParticipant, type NewParticipant } from './participant-actions';
import { errorText, fail, OK, type ActionResult } from './result';

export interface NewConversation {
  name: string;
  participant: NewParticipant | null;
}

/** Everything is validated first so a bad number never leaves a half-made conversation behind. */
export async function createConversation(input: NewConversation): Promise<ActionResult & { sid?: string }> {
  const client = registry.client;
  const name = input.name.trim();
  if (name === '') return fail('Name is required', 'name');
  if (name.length > 256) return fail('Names are at most 256 characters', 'name');
  const v = input.participant ? validateNewParticipant(input.participant, []) : null;
  if (v && !v.ok) return fail(v.message, v.field);
  if (!client) return fail('Not connected yet; try again in a moment');
  try {
    const conv = await client.createConversation({ friendlyName: name });
    // The service doesn't auto-join the creator.
    await conv.join();
    if (v?.ok) {
      const added = await addValidated(conv, v);
      if (!added.ok) {
        useDeskStore.getState().select(conv.sid);
        return { ...fail(`Created “${name}”, but ${added.message.charAt(0).toLowerCase()}${added.message.slice(1)}`), sid: conv.sid };
      }
    }
    useDeskStore.getState().select(conv.sid);
    return { ...OK, sid: conv.sid };
  } catch (e) {
    return fail(`Couldn’t create the conversation: ${errorText(e)}`);
  }
}

export async function renameConversation(sid: string, name: string): Promise<ActionResult> {
  const conv = await registry.awaitConversation(sid);
  if (!conv) return fail('This conversation is no longer available');
  if (name.trim() === '') return fail('Name is required', 'name');
  try {
    await conv.updateFriendlyName(name.trim());
    return OK;
  } catch (e) {
    return fail(`Couldn’t rename: ${errorText(e)}`);
  }
}

export async function setMuted(sid: string, muted: boolean): Promise<ActionResult> {
  try {
    await (await registry.awaitConversation(sid))?.setUserNotificationLevel(muted ? 'muted' : 'default');
    return OK;
  } catch (e) {
    return fail(`Couldn’t change notifications: ${errorText(e)}`);
  }
}

export async function leaveConversation(sid: string): Promise<ActionResult> {
  const conv = await registry.awaitConversation(sid);
  if (!conv) return fail('This conversation is no longer available');
  try {
    await conv.leave();
    // conversationLeft removes it; clear the selection now so the thread doesn't linger.
    if (useDeskStore.getState().selectedSid === sid) useDeskStore.getState().select(null);
    return OK;
  } catch (e) {
    return fail(`Couldn’t leave: ${errorText(e)}`);
  }
}

/** Short-lived download URL for one attachment (images render from it). */
export async function mediaUrl(sid: string, index: number, mediaSid: string): Promise<string | null> {
  const media = registry.messages.get(sid)?.get(index)?.attachedMedia?.find((m) => m.sid === mediaSid);
  if (!media) return null;
  try {
    return await media.getContentTemporaryUrl();
  } catch {
    return null;
  }
}
