/**
 * Wires one session's outbox and draft sync to its store, SDK registry and bridge. Everything
 * comes in as parameters; `activeOutbox` is the one handle the send actions use until the
 * session object holds it.
 */
import type { DeskBridge } from '../../../shared/ipc/contract';
import { legacyDrafts } from '../store/drafts-storage';
import type { DeskStore } from '../store';
import { createOutbox, type Outbox } from './outbox';
import { createDraftSync } from './outbox-drafts';
import type { SdkRegistry } from './registry';

let active: Outbox | null = null;

/** The signed-in session's outbox; null between sessions. */
export function activeOutbox(): Outbox | null {
  return active;
}

export interface OutboxSessionDeps {
  store: DeskStore;
  registry: Pick<SdkRegistry, 'awaitConversation'>;
  desk: Pick<DeskBridge, 'loadOutbox' | 'putOutboxEntry' | 'removeOutboxEntry' | 'saveDrafts'>;
  profileId: string;
  identity: string;
}

/** Starts the outbox and the drafts of a session; returns its teardown. */
export function startOutbox({ store, registry, desk, profileId, identity }: OutboxSessionDeps): () => void {
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
  active = outbox;
  let live = true;
  void outbox
    .start()
    .then((kept) => {
      if (live) drafts.start(kept);
    })
    .catch((e: unknown) => console.warn('[outbox] could not start', e));
  return () => {
    live = false;
    outbox.stop();
    drafts.stop();
    if (active === outbox) active = null;
  };
}
