/** What every part of the binding shares: the client, the session it writes to, and its liveness. */
import type { Client } from '@twilio/conversations';
import type { FeedEvent } from '../../../../shared/ipc/team-schema';
import type { SessionScope } from '../../session/scope';
import type { DeskState } from '../../store';
import type { MessageSnapshot } from '../../store/types';
import type { SdkRegistry } from '../registry';
import type { ClientListeners } from './listeners';

export interface BindingDeps {
  /** Fresh token for the active profile (desk.refreshToken in the app). */
  refreshToken: () => Promise<string>;
  /** Whether the agent can see the window; read receipts only advance when true. */
  isViewing: () => boolean;
  /** A message arrived live (not history, not a preview load): desktop notifications start here. */
  onLiveMessage: (conversationSid: string, message: MessageSnapshot) => void;
  /** A desk (this one or another) changed a conversation, heard on the team feed: main reads it again. */
  onTeamFeed: (event: FeedEvent) => void;
}

export interface BindingContext {
  client: Client;
  registry: SdkRegistry;
  state: () => DeskState;
  deps: BindingDeps;
  listeners: ClientListeners;
  /** False after teardown or once the session ended: nothing may write any more. */
  live: () => boolean;
  /** Wraps an event handler so it does nothing once the binding is no longer live. */
  guard: <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void;
  warn: (what: string) => (e: unknown) => void;
  onTeardown: (fn: () => void) => void;
}

export function bindingContext(client: Client, scope: SessionScope, deps: BindingDeps, listeners: ClientListeners, isBound: () => boolean, onTeardown: (fn: () => void) => void): BindingContext {
  const live = () => isBound() && scope.isLive();
  return {
    client,
    registry: scope.registry,
    state: () => scope.store.getState(),
    deps,
    listeners,
    live,
    guard: (fn) => (...args) => {
      if (live()) fn(...args);
    },
    warn: (what) => (e) => {
      if (live()) console.warn(`[binding] ${what}:`, e);
    },
    onTeardown,
  };
}
