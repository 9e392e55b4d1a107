/**
 * The inbox row's context menu (right click, the Menu key or Shift+F10): the conversation actions
 * (Assign to me, Resolve, Snooze…), and mark as unread or read for the agent's own conversations
 * (only participants have a read horizon). Rendered in a portal so the list's overflow does not clip it; React events from a portal still
 * bubble to the row's own handlers, so the menu stops them at its edge.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type SyntheticEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { openInboxRow } from '../../keyboard/inbox-keys';
import { useActions, useDeskStore, useDeskStoreApi } from '../../store';
import { selectTeamInfo } from '../../store/team-slice';
import { assignToMeCommand, resolveCommand } from '../team/team-commands';
import './unread.css';

type At = { x: number; y: number };

/** For a row: its onContextMenu, and the menu to render while open. */
export function useRowMenu(sid: string) {
  const [at, setAt] = useState<At | null>(null);
  const onContextMenu = (e: MouseEvent<HTMLElement>) => {
    e.preventDefault();
    // The Menu key sends (0, 0): place the menu at the row instead.
    const box = e.currentTarget.getBoundingClientRect();
    setAt(e.clientX === 0 && e.clientY === 0 ? { x: box.left + 24, y: box.top + box.height / 2 } : { x: e.clientX, y: e.clientY });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'F10' && e.shiftKey) {
      e.preventDefault();
      const box = e.currentTarget.getBoundingClientRect();
      setAt({ x: box.left + 24, y: box.top + box.height / 2 });
    }
  };
  const onClose = useCallback(() => setAt(null), []);
  const menu = at ? <RowMenu sid={sid} at={at} onClose={onClose} /> : null;
  return { onContextMenu, onKeyDown, menu };
}

function RowMenu({ sid, at, onClose }: { sid: string; at: At; onClose: () => void }) {
  const { t } = useTranslation();
  const actions = useActions();
  const { markUnread, markAllRead } = actions;
  const store = useDeskStoreApi();
  const own = useDeskStore((s) => s.conversations.has(sid));
  const unread = useDeskStore((s) => (s.conversations.get(sid)?.unreadCount ?? 0) > 0);
  const hasMessages = useDeskStore((s) => s.conversations.get(sid)?.lastMessageIndex != null);
  const info = useDeskStore((s) => selectTeamInfo(s, sid));
  const mine = useDeskStore((s) => s.session?.identity != null && selectTeamInfo(s, sid)?.assignee === s.session.identity);
  const busy = useDeskStore((s) => s.teamBusy.has(sid) || s.resolving.has(sid));
  const open = info !== null && info.state !== 'closed';
  const ref = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    window.addEventListener('blur', onClose);
    return () => {
      document.removeEventListener('mousedown', away);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  const close = () => {
    onClose();
    if (opener.current instanceof HTMLElement) opener.current.focus();
  };
  const run = (action: () => unknown) => {
    void action();
    close();
  };
  const stop = (e: SyntheticEvent) => e.stopPropagation();

  return createPortal(
    <div
      ref={ref}
      className="row-menu"
      role="menu"
      aria-label={t('unread.menuLabel')}
      style={{ left: Math.min(at.x, window.innerWidth - 200), top: Math.min(at.y, window.innerHeight - 170) }}
      onClick={stop}
      onContextMenu={(e) => {
        e.preventDefault();
        stop(e);
      }}
      onKeyDown={(e) => {
        stop(e);
        if (e.key === 'Escape' || e.key === 'Tab') {
          e.preventDefault();
          close();
        }
      }}
    >
      {open && !mine && (
        <button type="button" role="menuitem" disabled={busy} onClick={() => run(() => assignToMeCommand({ actions, store }, sid))}>
          {t('teamActions.assignToMe')}
        </button>
      )}
      {open && (
        <button type="button" role="menuitem" disabled={busy} onClick={() => run(() => resolveCommand({ actions, store }, sid))}>
          {t('teamActions.resolve')}
        </button>
      )}
      {info?.state === 'active' && (
        <button
          type="button"
          role="menuitem"
          disabled={busy}
          onClick={() => {
            // The picker lives under the header's Snooze button: the conversation opens with it.
            onClose();
            openInboxRow(store, sid);
            store.getState().setTeamMenu({ kind: 'snooze', sid });
          }}
        >
          {t('shortcuts.snooze')}
        </button>
      )}
      {own &&
        (unread ? (
          <button type="button" role="menuitem" onClick={() => run(() => markAllRead(sid))}>
            {t('unread.markRead')}
          </button>
        ) : (
          <button type="button" role="menuitem" disabled={!hasMessages} onClick={() => run(() => markUnread(sid))}>
            {t('unread.markUnread')}
          </button>
        ))}
    </div>,
    document.body,
  );
}
