/**
 * The inbox from the SDK's conversations: each joined conversation is tracked, its roster
 * (channel badge, search by person or number) loads in the background, its last-message preview
 * for the first screenful and then as rows come into view, and chat users' friendly names once
 * per identity. Returns what the message and participant events need.
 */
import type { Conversation, Participant, User } from '@twilio/conversations';
import { conversationFields, messageSnapshot, participantSnapshot, previewOf } from '../snapshots';
import type { WorkQueue } from '../work-queue';
import type { BindingContext } from './context';
import { BURST_QUIET_MS, type StoreBatcher } from './scheduling';
import { isTeamFeed } from './team-feed';

/** Conversations whose previews load without waiting for a row to show them (a first screen). */
const EAGER_PREVIEWS = 40;

export interface Hydration {
  /** Reloads a conversation's preview (its last message was removed). */
  loadPreview(conv: Conversation, front?: boolean): void;
  loadUserName(p: Participant): void;
}

export function bindHydration(ctx: BindingContext, batcher: StoreBatcher, background: WorkQueue): Hydration {
  const { client, registry: reg, listeners, guard, state, live, warn } = ctx;
  const hydrated = new Set<string>();
  const previewWanted = new Set<string>();

  const fetchPreview = async (conv: Conversation) => {
    if (conv.lastMessage?.index === undefined) return;
    try {
      const page = await conv.getMessages(1);
      const m = page.items[page.items.length - 1];
      if (!live() || !m) return;
      // A snapshot is all a preview needs; the registry keeps SDK messages for open threads only.
      batcher.queuePreview(conv.sid, previewOf(messageSnapshot(m)));
    } catch (e) {
      warn(`preview of ${conv.sid}`)(e);
    }
  };
  const loadPreview = (conv: Conversation, front = false) => {
    previewWanted.add(conv.sid);
    background.add(`preview:${conv.sid}`, () => fetchPreview(conv), front);
  };
  const previewLoader = (sid: string) => {
    const conv = reg.conversations.get(sid);
    if (!live() || !conv) return;
    background.bump(`roster:${sid}`);
    if (!previewWanted.has(sid)) loadPreview(conv, true);
    else background.bump(`preview:${sid}`);
    // Names of the people in a conversation on screen come before the rest of the inbox's.
    for (const p of reg.participants.get(sid)?.values() ?? []) if (p.identity) background.bump(`user:${p.identity}`);
  };
  reg.previewLoader = previewLoader;
  ctx.onTeardown(() => {
    if (reg.previewLoader === previewLoader) reg.previewLoader = null;
  });

  const namesAsked = new Set<string>();
  // Names are background reads like rosters (each opens the user's Sync object: with 1,000 chat
  // customers, a second or more of the SDK's CPU), so they give way to the agent's keys too, and
  // reach the store with the next batched update rather than one update per user.
  const loadUserName = (p: Participant, front = false) => {
    if (p.type !== 'chat' || !p.identity || typeof client.getUser !== 'function') return;
    const identity = p.identity;
    if (namesAsked.has(identity)) {
      if (front) background.bump(`user:${identity}`);
      return;
    }
    namesAsked.add(identity);
    background.add(
      `user:${identity}`,
      () =>
        client.getUser(identity).then((user) => {
          if (live()) batcher.queueUserName(user.identity, user.friendlyName);
        }, warn(`user ${identity}`)),
      front,
    );
  };
  listeners.on('userUpdated', guard(({ user }: { user: User }) => batcher.queueUserName(user.identity, user.friendlyName)));

  const loadRoster = (conv: Conversation) => {
    background.add(`roster:${conv.sid}`, async () => {
      try {
        const list = await conv.getParticipants();
        if (!live() || !reg.conversations.has(conv.sid)) return;
        list.forEach((p) => reg.rememberParticipant(p));
        batcher.batch.rosters.set(conv.sid, list.map(participantSnapshot));
        batcher.schedule();
        // The open conversation's names first: its authors and assignee are on screen.
        const open = state().selectedSid === conv.sid;
        list.forEach((p) => loadUserName(p, open));
      } catch (e) {
        warn(`roster of ${conv.sid}`)(e);
      }
    });
  };
  const track = (conv: Conversation) => {
    // The inbox lists conversations the agent is in; others appear once "joined" fires. The team
    // feed is never one of them.
    if (conv.status !== 'joined' || isTeamFeed(conv)) return;
    reg.addConversation(conv);
    batcher.batch.conversations.set(conv.sid, conversationFields(conv));
    batcher.schedule();
    if (hydrated.has(conv.sid)) return;
    hydrated.add(conv.sid);
    background.holdFor(BURST_QUIET_MS);
    loadRoster(conv);
    if (hydrated.size <= EAGER_PREVIEWS) loadPreview(conv);
  };
  const untrack = (conv: Conversation) => {
    hydrated.delete(conv.sid);
    previewWanted.delete(conv.sid);
    background.delete(`roster:${conv.sid}`);
    background.delete(`preview:${conv.sid}`);
    batcher.batch.conversations.delete(conv.sid);
    batcher.batch.rosters.delete(conv.sid);
    reg.forgetConversation(conv.sid);
    state().removeConversation(conv.sid);
  };

  // The SDK settles getSubscribedConversations() once it has announced every conversation: what
  // the cached copy of the inbox still shows beyond that is gone (left or deleted meanwhile).
  reg.beginListing();
  const listed = () => {
    if (!live()) return;
    batcher.flush();
    state().settleInbox((sid) => reg.conversations.has(sid));
    reg.markListed();
  };
  // Asked once the client is initialized: before that the SDK has no list to wait on (and if
  // its first connection failed, the call throws even though the client recovers later).
  let listingAsked = false;
  listeners.on('stateChanged', guard((s: string) => {
    if (s !== 'initialized' || listingAsked) return;
    listingAsked = true;
    // The agent's own name (settings show it to edit), known before any roster loads.
    const me = client.user as User | undefined;
    if (me?.identity) state().setUserName(me.identity, me.friendlyName);
    client.getSubscribedConversations().then(listed, (e: unknown) => {
      warn('listing conversations')(e);
      // Keep the copy on screen (it is the best there is) but stop waiting for conversations.
      if (live()) reg.markListed();
    });
  }));

  listeners.on('conversationAdded', guard(track));
  listeners.on('conversationJoined', guard(track));
  listeners.on('conversationLeft', guard(batcher.now(untrack)));
  listeners.on('conversationRemoved', guard(batcher.now(untrack)));
  listeners.on('conversationUpdated', guard(({ conversation }: { conversation: Conversation }) => {
    if (!reg.conversations.has(conversation.sid)) return track(conversation);
    batcher.batch.conversations.set(conversation.sid, conversationFields(conversation));
    batcher.schedule();
    // A newer last message than the preview shown: refresh it, if a row ever showed this one.
    const preview = batcher.shownPreview(conversation.sid, state().conversations.get(conversation.sid)?.lastMessage);
    const last = conversation.lastMessage?.index;
    if (last !== undefined && previewWanted.has(conversation.sid) && (!preview || preview.index < last)) loadPreview(conversation);
  }));

  return { loadPreview, loadUserName };
}
