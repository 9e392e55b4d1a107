/**
 * Wires one session's outbox and draft sync to its store, SDK registry and bridge. Everything
 * comes in as parameters; the session object (session/desk-session) holds what this returns and
 * stops it when the session ends, so nothing of one profile's outbox outlives its session.
 */
import type { DeskBridge } from '../../../shared/ipc/contract';
import { legacyDrafts } from '../store/drafts-storage';
import type { DeskStore } from '../store';
import { createOutbox, type Outbox } from './outbox';
import { createDraftSync } from './outbox-drafts';
import type { SdkRegistry } from './registry';

/** What the outbox and the drafts use of main. */
export type OutboxSessionBridge = Pick<DeskBridge, 'loadOutbox' | 'putOutboxEntry' | 'removeOutboxEntry' | 'saveDrafts'>;

export interface OutboxSessionDeps {
  store: DeskStore;
  registry: Pick<SdkRegistry, 'awaitConversation'>;
  desk: OutboxSessionBridge;
  profileId: string;
  identity: string;
}

export interface RunningOutbox {
  readonly outbox: Outbox;
  /** Late results of this outbox and its drafts land nowhere after this; main keeps what is queued. */
  stop(): void;
}

/** Starts the outbox and the drafts of a session. */
export function startOutbox({ store, registry, desk, profileId, identity }: OutboxSessionDeps): RunningOutbox {
  const connected = () => store.getState().connection.status === 'connected';
  const outbox = createOutbox({
    profileId,
    identity,
    bridge: desk,
    dispatch: (sid, action) => store.getState().pendingSend(sid, action),
    pendingOf: (sid, localId) => store.getState().threads.get(sid)?.pending.find((p) => p.localId === localId),
    conversation: (sid) => registry.awaitConversation(sid),
    isOnline: connected,
    onOnline: (listener) =>
      store.subscribe((s, prev) => {
        if (s.connection.status === 'connected' && prev.connection.status !== 'connected') listener();
      }),
  });
  const drafts = createDraftSync({ profileId, store, bridge: desk, legacy: legacyDrafts });
  let live = true;
  void outbox
    .start()
    .then((kept) => {
      if (live) drafts.start(kept);
    })
    .catch((e: unknown) => console.warn('[outbox] could not start', e));
  return {
    outbox,
    stop() {
      live = false;
      outbox.stop();
      drafts.stop();
    },
  };
}
