/**
 * One signed-in profile's world: its store, its SDK registry, its actions and its liveness.
 * Ending it removes the binding's listeners, empties the registry for good, closes the store to
 * writes and shuts the client down, so whatever the old account still had in flight (a page
 * load, a roster read, a token renewal) resolves into a session nobody shows.
 */
import type { Session } from '../../../shared/ipc/contract';
import { createActions, type DeskActions } from '../sdk/actions';
import { SdkRegistry } from '../sdk/registry';
import { createDeskStore } from '../store';
import type { SessionScope } from './scope';

export interface DeskSession extends SessionScope {
  /** Distinct per session: React keys the panes by it so no component state crosses accounts. */
  readonly id: number;
  /** The profile this session signed in with; null for the window's first, not yet signed-in session. */
  readonly profile: Session | null;
  readonly actions: DeskActions;
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
  const scope: SessionScope = { store, registry, isLive: () => live };
  return {
    ...scope,
    id: nextId++,
    profile,
    actions: createActions(scope),
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
}
