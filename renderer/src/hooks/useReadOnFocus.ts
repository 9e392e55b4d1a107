import { useEffect } from 'react';
import { useActions, useDeskStoreApi } from '../store';

/** Messages that arrived while the window was in the background count as read once it's back. */
export function useReadOnFocus(): void {
  const store = useDeskStoreApi();
  const { markAllRead } = useActions();
  useEffect(() => {
    const onFocus = () => {
      const { selectedSid, conversations } = store.getState();
      if (selectedSid && (conversations.get(selectedSid)?.unreadCount ?? 0) > 0) void markAllRead(selectedSid);
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [store, markAllRead]);
}
