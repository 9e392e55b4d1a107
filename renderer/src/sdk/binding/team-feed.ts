/**
 * The team feed (`desk-team-feed`): every desk is a participant, and main posts a message there
 * after each desk action (assign, resolve, snooze, …). It is plumbing, never shown: the binding
 * does not track it as an inbox conversation (so no row, count, unread total, notification,
 * switcher entry or cached copy), and turns its messages into "read this conversation again"
 * for main, which publishes the change as a team queue delta within a round trip.
 */
import type { Message } from '@twilio/conversations';
import { feedEventOf, isTeamFeedUniqueName } from '../../../../shared/ipc/team-schema';
import type { BindingContext } from './context';

export const isTeamFeed = (conversation: { uniqueName?: string | null } | null | undefined): boolean =>
  isTeamFeedUniqueName(conversation?.uniqueName);

export function bindTeamFeed(ctx: BindingContext): void {
  ctx.listeners.on('messageAdded', ctx.guard((m: Message) => {
    if (!isTeamFeed(m.conversation)) return;
    const event = feedEventOf(m.attributes);
    if (event) ctx.deps.onTeamFeed(event);
  }));
}
