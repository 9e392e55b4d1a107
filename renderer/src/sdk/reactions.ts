/**
 * Emoji reactions as Twilio's own Conversations demo app (twilio/twilio-conversations-demo-react,
 * src/components/message/Reactions.tsx) keeps them, so the desk and the demo show each other's:
 * a `reactions` key in the message's attributes mapping each reaction's name to the identities of
 * the users who reacted, e.g. {"reactions": {"heart": ["alice"], "thumbs_up": ["alice", "bob"]}}.
 * The six names and their glyphs are the demo's; every other key of the attributes (the outbox's
 * idempotency key, another app's data) is kept as it is when a reaction is added or removed.
 */

import type { ReactionKey, Reactions } from '../store/types';
import { record } from './json-object';

export type { ReactionKey, Reactions } from '../store/types';

export const REACTION_KEYS = ['heart', 'thumbs_up', 'laugh', 'sad', 'pouting', 'thumbs_down'] as const satisfies readonly ReactionKey[];

/** The demo's glyphs (U+1F9E1 orange heart, U+1F44D, U+1F602, U+1F61E, U+1F621, U+1F44E). */
export const REACTION_EMOJI: Record<ReactionKey, string> = {
  heart: '\u{1F9E1}',
  thumbs_up: '\u{1F44D}',
  laugh: '\u{1F602}',
  sad: '\u{1F61E}',
  pouting: '\u{1F621}',
  thumbs_down: '\u{1F44E}',
};

/** Twilio keeps at most 4 KiB of attributes per message (docs/conversations/attributes). */
export const MESSAGE_ATTRIBUTES_BYTES = 4 * 1024;

/**
 * The reactions in a message's attributes, or null when there are none. Anything not in the
 * demo's shape (a number, a list of non-strings, an unknown name) is ignored, never thrown on:
 * attributes are anyone's to write.
 */
export function readReactions(attributes: unknown): Reactions | null {
  const raw = record(record(attributes)?.reactions);
  if (!raw) return null;
  const out: Reactions = {};
  for (const key of REACTION_KEYS) {
    const list = raw[key];
    if (!Array.isArray(list)) continue;
    const who = [...new Set(list.filter((x): x is string => typeof x === 'string' && x !== ''))];
    if (who.length > 0) out[key] = who;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The attributes with `identity`'s reaction `key` added, or removed when it was there. Other
 * reactions, other names under `reactions` and every other attribute stay; a list left empty is
 * dropped (the demo reads a missing list and an empty one alike).
 */
export function toggledAttributes(attributes: unknown, key: ReactionKey, identity: string): Record<string, unknown> {
  const attrs = record(attributes) ?? {};
  const reactions = { ...(record(attrs.reactions) ?? {}) };
  const list = Array.isArray(reactions[key]) ? (reactions[key] as unknown[]) : [];
  const next = list.includes(identity) ? list.filter((x) => x !== identity) : [...list, identity];
  if (next.length > 0) reactions[key] = next;
  else delete reactions[key];
  return { ...attrs, reactions };
}

/** Whether `identity` holds reaction `key` on a message with these attributes. */
export function hasReacted(reactions: Reactions | null | undefined, key: ReactionKey, identity: string | null): boolean {
  return identity !== null && (reactions?.[key]?.includes(identity) ?? false);
}

/** Size of attributes as Twilio counts it: the UTF-8 bytes of their JSON. */
export function attributesBytes(attributes: unknown): number {
  return new TextEncoder().encode(JSON.stringify(attributes)).length;
}
