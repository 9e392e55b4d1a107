import { useEffect } from 'react';
import { selectTotalUnread, windowTitle } from '../store/selectors';
import { useDeskStore } from '../store';

/** "(3) Conversations Desk": main mirrors document.title into the taskbar. */
export function useWindowTitle(): void {
  const total = useDeskStore(selectTotalUnread);
  useEffect(() => {
    document.title = windowTitle(total);
  }, [total]);
}
