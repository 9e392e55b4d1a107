import { useEffect } from 'react';
import { getDesk, hasDesk } from '../platform/desk';
import { useDeskStore } from '../store';
import { selectTotalUnread } from '../store/selectors';

/**
 * Tells main the unread total (dock/taskbar badge, tray). Each newly arrived message is reported
 * from the SDK's messageAdded event by the session (see sdk/session, desktop/new-messages).
 */
export function useDesktopReports(): void {
  const total = useDeskStore(selectTotalUnread);
  useEffect(() => {
    if (hasDesk()) void getDesk().reportUnread({ total });
  }, [total]);
}
