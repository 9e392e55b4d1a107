/**
 * The one place SDK events become store actions, for one session. Returns a teardown that
 * removes every listener and makes late async results (page loads, token refresh) land nowhere;
 * the session ending does the same, so a profile switch can never write the old account's data
 * into the new account's store.
 *
 * Split by concern: connection-events (states, token renewal), scheduling (batched store updates,
 * background reads), hydration (conversations, rosters, previews, names), message-events
 * (messages, participants, typing), team-feed (the hidden conversation desks announce actions
 * on). SDK objects become snapshots in ../snapshots.
 */
import type { Client } from '@twilio/conversations';
import { getDesk } from '../../platform/desk';
import type { SessionScope } from '../../session/scope';
import { bindConnection } from './connection-events';
import { bindingContext, type BindingDeps } from './context';
import { bindHydration } from './hydration';
import { clientListeners } from './listeners';
import { bindMessageEvents } from './message-events';
import { bindTeamFeed } from './team-feed';
import { createBackgroundReads, createStoreBatcher } from './scheduling';

export type { BindingDeps } from './context';

const defaultDeps = (): BindingDeps => ({
  refreshToken: async () => {
    const r = await getDesk().refreshToken();
    if (!r.ok) throw new Error(r.error.message);
    return r.value.token;
  },
  isViewing: () => typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus(),
  onLiveMessage: () => {},
  onTeamFeed: (event) => {
    getDesk()
      .touchTeamConversation({ conversationSid: event.conversationSid, heard: { assignee: event.assignee, state: event.state } })
      .catch((e: unknown) => console.warn('[team] touch', e));
  },
});

export function bindClient(client: Client, scope: SessionScope, overrides: Partial<BindingDeps> = {}): () => void {
  const deps = { ...defaultDeps(), ...overrides };
  let bound = true;
  const teardowns: Array<() => void> = [];
  const listeners = clientListeners(client);
  const ctx = bindingContext(client, scope, deps, listeners, () => bound, (fn) => teardowns.push(fn));

  const batcher = createStoreBatcher((batch) => scope.store.getState().applyBatch(batch), ctx.live);
  const background = createBackgroundReads(batcher);
  teardowns.push(background.stop);

  bindConnection(ctx);
  const hydration = bindHydration(ctx, batcher, background.queue);
  bindMessageEvents(ctx, batcher, hydration);
  bindTeamFeed(ctx);

  return () => {
    if (!bound) return;
    bound = false;
    teardowns.forEach((f) => f());
    listeners.removeAll();
  };
}
