/** The thread header's "Mark as unread" (and, once marked, "Mark as read" to undo it). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useDeskStore } from '../../store';
import { Icon } from '../common/Icon';

export function MarkUnreadButton({ sid, onError }: { sid: string; onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const { markUnread, markAllRead } = useActions();
  const kept = useDeskStore((s) => s.keptUnread === sid && (s.conversations.get(sid)?.unreadCount ?? 0) > 0);
  const hasMessages = useDeskStore((s) => s.conversations.get(sid)?.lastMessageIndex != null);
  const keepUnread = useDeskStore((s) => s.keepUnread);
  const [busy, setBusy] = useState(false);

  const toggle = async () => {
    setBusy(true);
    if (kept) {
      keepUnread(null);
      await markAllRead(sid);
      onError(null);
    } else {
      const r = await markUnread(sid);
      onError(r.ok ? null : r.message);
    }
    setBusy(false);
  };

  return (
    <button
      type="button"
      className={`ghost icon${kept ? ' pressed' : ''}`}
      aria-label={kept ? t('unread.markRead') : t('unread.markUnread')}
      title={kept ? t('unread.markReadHint') : t('unread.markUnreadHint')}
      disabled={busy || !hasMessages}
      onClick={() => void toggle()}
    >
      <Icon name={kept ? 'checks' : 'inbox'} size={17} />
    </button>
  );
}
