import { useEffect } from 'react';
import { markAllRead } from '../sdk/actions';
import { useDeskStore } from '../store';

/** Messages that arrived while the window was in the background count as read once it's back. */
export function useReadOnFocus(): void {
  useEffect(() => {
    const onFocus = () => {
      const { selectedSid, conversations } = useDeskStore.getState();
      if (selectedSid && (conversations.get(selectedSid)?.unreadCount ?? 0) > 0) void markAllRead(selectedSid);
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);
}
