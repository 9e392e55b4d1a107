/**
 * "Removed Ana Lima · Undo" for a few seconds after a removal. A status region, so screen readers
 * hear it without losing their place; the Undo button is reachable by Tab.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon';

/** Long enough to notice a slip and reach for the button; short enough not to linger. */
export const UNDO_MS = 8000;

export function UndoToast({ message, onUndo, onDismiss }: { message: string; onUndo: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  // onDismiss must be stable (useCallback): a new one would restart the countdown.
  useEffect(() => {
    const timer = setTimeout(onDismiss, UNDO_MS);
    return () => clearTimeout(timer);
  }, [onDismiss]);
  return (
    <div className="undo-toast" role="status">
      <span>{message}</span>
      <button type="button" className="undo-button" onClick={onUndo}>
        {t('participants.undo')}
      </button>
      <button type="button" className="ghost icon small-icon" aria-label={t('participants.dismiss')} onClick={onDismiss}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
