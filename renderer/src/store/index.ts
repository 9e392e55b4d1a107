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

/** A fresh store for one profile; `close` makes it read-only once the session has ended. */
export function createDeskStore(): ClosableStore {
  let closed = false;
  const store = createStore<DeskState>()((set, get, api) => {
    // Slices write through `set`, tests and helpers through `api.setState`: both stop at close.
    const gated: typeof set = ((...args: Parameters<typeof set>) => {
      if (!closed) (set as (...a: Parameters<typeof set>) => void)(...args);
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
