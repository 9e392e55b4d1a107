/**
 * The conversation open when the desk last closed opens again at the next launch (or reload), per
 * profile. Kept in localStorage: a conversation SID is no secret, and it is this window's memory,
 * not the account's. Restored once, as soon as the inbox has the conversation; never over a choice
 * made meanwhile (a click, a notification's deep link), and forgotten if the settled inbox no
 * longer has it.
 */
import { useEffect } from 'react';
import type { DeskState } from '../store';
import { useDeskStore, useDeskStoreApi } from '../store';

type Store = {
  getState: () => Pick<DeskState, 'selectedSid' | 'conversations' | 'inboxSource' | 'select'>;
  subscribe: (listener: (s: Pick<DeskState, 'selectedSid' | 'conversations' | 'inboxSource' | 'select'>, prev: Pick<DeskState, 'selectedSid'>) => void) => () => void;
};
type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const lastConversationKey = (profileId: string) => `conversations-desk:last-conversation:v1:${profileId}`;

function storageOrNull(): KeyValue | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled: nothing is remembered
  }
}

export function trackLastConversation(store: Store, profileId: string, storage: KeyValue | null = storageOrNull()): () => void {
  if (!storage) return () => {};
  const key = lastConversationKey(profileId);
  const remember = (sid: string | null) => {
    try {
      if (sid === null) storage.removeItem(key);
      else storage.setItem(key, sid);
    } catch {
      // A full or disabled storage only means the next launch opens no conversation.
    }
  };
  let pending: string | null = null;
  try {
    pending = storage.getItem(key);
  } catch {
    pending = null;
  }

  const restore = (s: ReturnType<Store['getState']>) => {
    if (pending === null) return;
    if (s.selectedSid !== null) pending = null;
    else if (s.conversations.has(pending)) {
      const sid = pending;
      pending = null;
      s.select(sid);
    } else if (s.inboxSource === 'live') {
      pending = null;
      remember(null);
    }
  };

  restore(store.getState());
  return store.subscribe((s, prev) => {
    restore(s);
    if (s.selectedSid !== prev.selectedSid && pending === null) remember(s.selectedSid);
  });
}

/** Installs the tracking for the signed-in profile of the session on screen. */
export function useLastConversation(): void {
  const api = useDeskStoreApi();
  const profileId = useDeskStore((s) => s.session?.profileId ?? null);
  useEffect(() => (profileId ? trackLastConversation(api, profileId) : undefined), [api, profileId]);
}
