/** The one store. SDK objects stay out of it (see sdk/registry); everything here is plain data. */
import { create } from 'zustand';
import { createBatchSlice } from './batch-slice';
import { createConnectionSlice } from './connection-slice';
import { createConversationsSlice } from './conversations-slice';
import { createInboxSlice } from './inbox-slice';
import { createMessagesSlice } from './messages-slice';
import { createParticipantsSlice } from './participants-slice';
import type { DeskState } from './store-types';
import { createUiSlice } from './ui-slice';

export type { DeskState } from './store-types';

export const useDeskStore = create<DeskState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createConversationsSlice(...a),
  ...createMessagesSlice(...a),
  ...createParticipantsSlice(...a),
  ...createUiSlice(...a),
  ...createBatchSlice(...a),
  ...createInboxSlice(...a),
}));

export type DeskStore = typeof useDeskStore;

/**
 * Clears everything that belongs to one account before another starts. Drafts are kept per
 * profile by main, so the next account's are loaded (sdk/outbox-drafts.ts); screen choice is kept.
 */
export function resetSessionState(store: DeskStore = useDeskStore): void {
  const initial = store.getInitialState();
  store.setState({
    connection: { status: 'connecting', message: null },
    session: null,
    workspace: null,
    conversations: initial.conversations,
    inboxSource: 'none',
    threads: initial.threads,
    participants: initial.participants,
    userNames: initial.userNames,
    selectedSid: null,
    searchQuery: '',
    drafts: new Map(),
  });
}

/**
 * Benchmarks read the store from outside the page (`?probe` in the URL): counts and connection
 * state that the DOM of a virtualized list can't give. Nothing in the app reads it.
 */
if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('probe')) {
  (globalThis as { deskStore?: DeskStore }).deskStore = useDeskStore;
}
