/** Conversation lifecycle: create (creator joins), rename, mute, leave; media URLs. */
import type { SessionScope } from '../../session/scope';
import { addValidated, phoneRules, validateNewParticipant, type NewParticipant } from './participant-actions';
import { errorText, fail, OK, type ActionResult } from './result';

export interface NewConversation {
  name: string;
  participant: NewParticipant | null;
}

/** Everything is validated first so a bad number never leaves a half-made conversation behind. */
export async function createConversation(s: SessionScope, input: NewConversation): Promise<ActionResult & { sid?: string }> {
  const client = s.registry.client;
  const name = input.name.trim();
  if (name === '') return fail('Name is required', 'name');
  if (name.length > 256) return fail('Names are at most 256 characters', 'name');
  const v = input.participant ? validateNewParticipant(input.participant, [], phoneRules(s)) : null;
  if (v && !v.ok) return fail(v.message, v.field);
  if (!client) return fail('Not connected yet; try again in a moment');
  try {
    const conv = await client.createConversation({ friendlyName: name });
    // The service doesn't auto-join the creator.
    await conv.join();
    if (v?.ok) {
      const added = await addValidated(conv, v);
      if (!added.ok) {
        s.store.getState().select(conv.sid);
        return { ...fail(`Created “${name}”, but ${added.message.charAt(0).toLowerCase()}${added.message.slice(1)}`), sid: conv.sid };
      }
    }
    s.store.getState().select(conv.sid);
    return { ...OK, sid: conv.sid };
  } catch (e) {
    return fail(`Couldn’t create the conversation: ${errorText(e)}`);
  }
}

export async function renameConversation(s: SessionScope, sid: string, name: string): Promise<ActionResult> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail('This conversation is no longer available');
  if (name.trim() === '') return fail('Name is required', 'name');
  try {
    await conv.updateFriendlyName(name.trim());
    return OK;
  } catch (e) {
    return fail(`Couldn’t rename: ${errorText(e)}`);
  }
}

export async function setMuted(s: SessionScope, sid: string, muted: boolean): Promise<ActionResult> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail('This conversation is no longer available');
  try {
    await conv.setUserNotificationLevel(muted ? 'muted' : 'default');
    return OK;
  } catch (e) {
    return fail(`Couldn’t change notifications: ${errorText(e)}`);
  }
}

export async function leaveConversation(s: SessionScope, sid: string): Promise<ActionResult> {
  const conv = await s.registry.awaitConversation(sid);
  if (!conv) return fail('This conversation is no longer available');
  try {
    await conv.leave();
    // conversationLeft removes it; clear the selection now so the thread doesn't linger.
    if (s.store.getState().selectedSid === sid) s.store.getState().select(null);
    return OK;
  } catch (e) {
    return fail(`Couldn’t leave: ${errorText(e)}`);
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
