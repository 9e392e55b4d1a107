import { useEffect } from 'react';
import { useActions, useDeskStoreApi } from '../store';

/**
 * Messages that arrived while the window was in the background count as read once it's back,
 * unless the agent marked this conversation unread and has not left it since.
 */
export function useReadOnFocus(): void {
  const store = useDeskStoreApi();
  const { markAllRead } = useActions();
  useEffect(() => {
    const onFocus = () => {
      const { selectedSid, conversations, keptUnread } = store.getState();
      if (selectedSid && selectedSid !== keptUnread && (conversations.get(selectedSid)?.unreadCount ?? 0) > 0) void markAllRead(selectedSid);
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [store, markAllRead]);
}
