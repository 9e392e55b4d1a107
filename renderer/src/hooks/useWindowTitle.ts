import { useEffect } from 'react';
import { useTranslation } from '../i18n';
import { selectTotalUnread, windowTitle } from '../store/selectors';
import { useDeskStore } from '../store';

/** "(3) Conversations Desk": main mirrors document.title into the taskbar. */
export function useWindowTitle(): void {
  const total = useDeskStore(selectTotalUnread);
  // `t` changes with the language, so the title is re-worded then too.
  const { t } = useTranslation();
  useEffect(() => {
    document.title = windowTitle(total);
  }, [total, t]);
}
