/** The shape of the one store, assembled from slices (zustand slices pattern). */
import type { StateCreator } from 'zustand';
import type { BatchSlice } from './batch-slice';
import type { ComposerSlice } from './composer-slice';
import type { ConnectionSlice } from './connection-slice';
import type { ConversationsSlice } from './conversations-slice';
import type { InboxSlice } from './inbox-slice';
import type { MessagesSlice } from './messages-slice';
import type { ParticipantsSlice } from './participants-slice';
import type { QueueSlice } from './queue-slice';
import type { SearchSlice } from './search-slice';
import type { SelectorMemo } from './selector-memo';
import type { TeamSlice } from './team-slice';
import type { UiSlice } from './ui-slice';

export type DeskState = ConnectionSlice & ConversationsSlice & MessagesSlice & ParticipantsSlice & UiSlice & BatchSlice & InboxSlice & TeamSlice & QueueSlice & ComposerSlice & SearchSlice & {
  /** The selectors' memory for this store (see selector-memo); not state, never replaced. */
  memo: SelectorMemo;
};

export type SliceCreator<T> = StateCreator<DeskState, [], [], T>;

/** Returns a copy of `map` with `key` replaced; every Map update makes a new Map. */
export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): Map<K, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

export function withoutEntry<K, V>(map: ReadonlyMap<K, V>, key: K): Map<K, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}
