/**
 * One signed-in profile's world: its store, its SDK registry, its outbox, its actions and its
 * liveness. Ending it removes the binding's listeners, stops the outbox and the draft sync,
 * empties the registry for good, closes the store to writes and shuts the client down, so
 * whatever the old account still had in flight (a page load, a roster read, a token renewal, a
 * send or an outbox write) resolves into a session nobody shows. What the outbox had queued stays
 * in main's store and is the next session of that profile's to deliver.
 */
import type { Session } from '../../../shared/ipc/contract';
import { createActions, type DeskActions } from '../sdk/actions';
import type { Outbox } from '../sdk/outbox';
import { startOutbox, type OutboxSessionBridge } from '../sdk/outbox-session';
import { SdkRegistry } from '../sdk/registry';
import { createDeskStore } from '../store';
import type { SessionScope } from './scope';

export interface DeskSession extends SessionScope {
  /** Distinct per session: React keys the panes by it so no component state crosses accounts. */
  readonly id: number;
  /** The profile this session signed in with; null for the window's first, not yet signed-in session. */
  readonly profile: Session | null;
  readonly actions: DeskActions;
  /**
   * Starts this session's outbox and drafts on main's store (queued messages show at once, and go
   * once connected). Once per session; a no-op after end(), which stops them.
   */
  startOutbox(deps: { bridge: OutboxSessionBridge; profileId: string; identity: string }): Outbox | null;
  /** Runs at end, last registered first (the binding's teardown, the cache keeper, client shutdown). */
  onEnd(cleanup: () => void | Promise<void>): void;
  /** Idempotent; resolves once every cleanup (client shutdown included) has settled. */
  end(): Promise<void>;
}

let nextId = 1;

export function createDeskSession(profile: Session | null): DeskSession {
  const { store, close } = createDeskStore();
  const registry = new SdkRegistry();
  const cleanups: Array<() => void | Promise<void>> = [];
  let live = true;
  let ended: Promise<void> | null = null;
  let outbox: Outbox | null = null;
  const scope: SessionScope = { store, registry, isLive: () => live, outbox: () => (live ? outbox : null) };
  const session: DeskSession = {
    ...scope,
    id: nextId++,
    profile,
    actions: createActions(scope),
    startOutbox({ bridge, profileId, identity }) {
      if (!live || outbox) return outbox;
      const running = startOutbox({ store, registry, desk: bridge, profileId, identity });
      outbox = running.outbox;
      session.onEnd(() => running.stop());
      return outbox;
    },
    onEnd(cleanup) {
      if (live) cleanups.push(cleanup);
      else void Promise.resolve().then(cleanup);
    },
    end() {
      if (ended) return ended;
      live = false;
      const settled = cleanups.reverse().map((cleanup) => {
        try {
          return Promise.resolve(cleanup()).catch((e: unknown) => console.warn('[session] cleanup failed', e));
        } catch (e) {
          console.warn('[session] cleanup failed', e);
          return Promise.resolve();
        }
      });
      cleanups.length = 0;
      registry.clear();
      close();
      ended = Promise.all(settled).then(() => undefined);
      return ended;
    },
  };
  return session;
}
