/**
 * Reactions and the agent's display name: what Twilio's demo app lets a user do that the desk
 * does too, written where the demo writes it so both apps see the other's.
 */
import type { Message } from '@twilio/conversations';
import { i18n } from '../../i18n';
import type { SessionScope } from '../../session/scope';
import { attributesBytes, MESSAGE_ATTRIBUTES_BYTES, toggledAttributes, type ReactionKey } from '../reactions';
import { errorText, fail, OK, type ActionResult } from './result';

/**
 * Adds the agent's reaction `key` to message `index`, or takes it back. The message's current
 * attributes (the SDK object's, kept up to date by its events) are merged, not replaced, and the
 * result must fit Twilio's 4 KiB per message. Twilio has no conditional update for messages: two
 * people reacting in the same instant may overwrite each other, as in the demo app.
 */
export async function toggleReaction(s: SessionScope, sid: string, index: number, key: ReactionKey): Promise<ActionResult> {
  const message = s.registry.messages.get(sid)?.get(index);
  const me = s.store.getState().session?.identity;
  if (!message || !me) return fail(i18n.t('errors.messageGone'));
  const next = toggledAttributes(currentAttributes(message), key, me);
  if (attributesBytes(next) > MESSAGE_ATTRIBUTES_BYTES) return fail(i18n.t('reactions.tooMany'));
  const before = JSON.stringify(message.attributes);
  try {
    await message.updateAttributes(next as Parameters<typeof message.updateAttributes>[0]);
    written.set(message, { before, after: next });
    return OK;
  } catch (e) {
    return fail(i18n.t('reactions.failed', { reason: errorText(e) }));
  }
}

/**
 * The SDK's updateAttributes resolves when Twilio accepted the write, but the Message object takes
 * the new attributes only when the update event arrives. A second reaction in between would merge
 * into the old attributes and undo the first, so until the object moves on, the desk builds on
 * what it last wrote.
 */
const written = new WeakMap<Message, { before: string; after: unknown }>();

function currentAttributes(message: Message): unknown {
  const last = written.get(message);
  if (last && JSON.stringify(message.attributes) === last.before) return last.after;
  written.delete(message);
  return message.attributes;
}

/**
 * Twilio publishes no length for a User's FriendlyName; the Conversations limits page gives 256
 * characters for every other name, and the Local workspace's emulator refuses longer ones (50003).
 */
export const DISPLAY_NAME_CHARS = 256;

/** Why a display name can't be saved, or null. */
export function checkDisplayName(name: string): string | null {
  const clean = name.trim();
  if (clean === '') return i18n.t('displayName.empty');
  if ([...clean].length > DISPLAY_NAME_CHARS) return i18n.t('displayName.tooLong', { max: DISPLAY_NAME_CHARS });
  return null;
}

/**
 * The agent's own User.friendlyName, through the SDK (`client.user.updateFriendlyName`); teammates'
 * clients hear it as `userUpdated` and show the new name in their rosters and message authors.
 */
export async function setDisplayName(s: SessionScope, name: string): Promise<ActionResult> {
  const problem = checkDisplayName(name);
  if (problem) return fail(problem, 'name');
  const user = s.registry.client?.user;
  if (!user || !s.isLive()) return fail(i18n.t('displayName.notConnected'));
  const clean = name.trim();
  try {
    await user.updateFriendlyName(clean);
    // The SDK's userUpdated says the same a moment later; the agent's own screen follows at once.
    if (s.isLive()) s.store.getState().setUserName(user.identity, clean);
    return OK;
  } catch (e) {
    return fail(i18n.t('displayName.failed', { reason: errorText(e) }), 'name');
  }
}
