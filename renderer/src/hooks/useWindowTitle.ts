import { useEffect } from 'react';
import { useTranslation } from '../i18n';
import { selectTotalUnread, windowTitle } from '../store/selectors';
import { useDeskStoreApi } from '../store';
import { followSettled } from './settled';

/** "(3) Conversations Desk": main mirrors document.title into the taskbar. Follows the total once settled (settled.ts). */
export function useWindowTitle(): void {
  const store = useDeskStoreApi();
  // `t` changes with the language, so the title is re-worded then too.
  const { t } = useTranslation();
  useEffect(() => followSettled(store, selectTotalUnread, (total) => (document.title = windowTitle(total))), [store, t]);
}
