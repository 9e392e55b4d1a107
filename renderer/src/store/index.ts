/**
 * One store per signed-in profile (see session/desk-session). SDK objects stay out of it (see
 * sdk/registry); everything here is plain data. Components reach the current session's store
 * through React context (session/context), never through a module global.
 */
import { createStore, type StoreApi } from 'zustand';
import { createBatchSlice } from './batch-slice';
import { createComposerSlice } from './composer-slice';
import { createConnectionSlice } from './connection-slice';
import { createConversationsSlice } from './conversations-slice';
import { createInboxSlice } from './inbox-slice';
import { createMessagesSlice } from './messages-slice';
import { createParticipantsSlice } from './participants-slice';
import { createQueueSlice } from './queue-slice';
import { createSearchSlice } from './search-slice';
import { createSelectorMemo } from './selector-memo';
import { createTeamSlice } from './team-slice';
import type { DeskState } from './store-types';
import { createUiSlice } from './ui-slice';

export type { DeskState } from './store-types';

export type DeskStore = StoreApi<DeskState>;

export interface ClosableStore {
  store: DeskStore;
  /** From now on every write (late page loads, SDK events, timers) is dropped. */
  close: () => void;
}

function isEmpty(partial: unknown): boolean {
  if (partial === null || typeof partial !== 'object') return false;
  for (const _ in partial) return false;
  return true;
}

/** A fresh store for one profile; `close` makes it read-only once the session has ended. */
export function createDeskStore(): ClosableStore {
  let closed = false;
  const store = createStore<DeskState>()((set, get, api) => {
    // Slices write through `set`, tests and helpers through `api.setState`: both stop at close.
    // An update that changes nothing (slices answer `{}` then) leaves the state as it is: zustand
    // would otherwise make a new state and run every subscriber's selector, which at 1,000
    // conversations is most of the cost of a no-op (e.g. each send's 'attempt' of a message
    // already sending, each repeated roster entry).
    const gated: typeof set = ((partial: unknown, replace?: boolean) => {
      if (closed) return;
      const write = set as (p: unknown, r?: boolean) => void;
      if (replace) return write(partial, replace);
      if (typeof partial === 'function') return write((s: DeskState) => {
        const next = (partial as (s: DeskState) => Partial<DeskState>)(s);
        return isEmpty(next) ? s : next;
      });
      if (!isEmpty(partial)) write(partial);
    }) as typeof set;
    api.setState = gated;
    const a = [gated, get, api] as const;
    return {
      ...createConnectionSlice(...a),
      ...createConversationsSlice(...a),
      ...createMessagesSlice(...a),
      ...createParticipantsSlice(...a),
      ...createUiSlice(...a),
      ...createBatchSlice(...a),
      ...createInboxSlice(...a),
      ...createTeamSlice(...a),
      ...createQueueSlice(...a),
      ...createComposerSlice(...a),
      ...createSearchSlice(...a),
      memo: createSelectorMemo(),
    };
  });
  return {
    store,
    close: () => {
      closed = true;
    },
  };
}

// Components read the current session's store through these (React context; see session/context).
export { useDeskStore, useDeskStoreApi, useActions, useAppStore, useAppStoreApi } from '../session/context';
