import { useEffect } from 'react';
import { getDesk, hasDesk } from '../platform/desk';
import { useDeskStoreApi } from '../store';
import { selectTotalUnread } from '../store/selectors';
import { followSettled } from './settled';

/**
 * Tells main the unread total (dock/taskbar badge, tray), once it has settled (see settled.ts).
 * Each newly arrived message is reported from the SDK's messageAdded event by the session (see
 * sdk/session, desktop/new-messages).
 */
export function useDesktopReports(): void {
  const store = useDeskStoreApi();
  useEffect(() => (hasDesk() ? followSettled(store, selectTotalUnread, (total) => void getDesk().reportUnread({ total })) : undefined), [store]);
}
