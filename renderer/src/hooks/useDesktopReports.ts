import { useEffect } from 'react';
import { findNewMessages } from '../desktop/new-messages';
import { getDesk, hasDesk } from '../platform/desk';
import { useDeskStore, type DeskStore } from '../store';
import { selectTotalUnread } from '../store/selectors';

/**
 * Tells main what it shows outside the window: the unread total (dock/taskbar badge, tray) and
 * each newly arrived message (notification, taskbar flash). Main decides what to do with them.
 */
export function useDesktopReports(store: DeskStore = useDeskStore): void {
  const total = useDeskStore(selectTotalUnread);
  useEffect(() => {
    if (hasDesk()) void getDesk().reportUnread({ total });
  }, [total]);

  useEffect(() => startNewMessageReports(store), [store]);
}

/** Store subscription that reports new messages; returns the unsubscribe. */
export function startNewMessageReports(store: DeskStore, now: () => number = Date.now): () => void {
  // History loaded after this moment (first sync, previews) is dated earlier and stays quiet.
  let since = now();
  let profileId = store.getState().session?.profileId ?? null;
  return store.subscribe((next, prev) => {
    const nextProfile = next.session?.profileId ?? null;
    if (nextProfile !== profileId) {
      // Another account: its whole inbox is "new" to this window, none of it is news.
      profileId = nextProfile;
      since = now();
      return;
    }
    if (next.conversations === prev.conversations || !hasDesk()) return;
    const found = findNewMessages(prev.conversations, next.conversations, {
      identity: next.session?.identity ?? null,
      selectedSid: next.selectedSid,
      since,
    });
    for (const message of found) void getDesk().reportNewMessage(message);
  });
}
