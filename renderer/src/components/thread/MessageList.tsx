/**
 * Virtualized history. Rows are messages 1:1 (day separators and the "New messages" line render
 * inside a row) so react-virtuoso's firstItemIndex can drop by exactly the count of prepended
 * messages and keep the scroll position when an older page loads. Pending sends follow the history.
 * A thread with unread messages opens at the first of them, not at the bottom; "Jump to newest"
 * shows whenever the agent is away from the bottom.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import { useActions, useDeskStore } from '../../store';
import { selectVisiblePending } from '../../store/selectors';
import type { MessageSnapshot, PendingMessage } from '../../store/types';
import { Icon } from '../common/Icon';
import { MessageRow } from './MessageRow';
import { useSearchHighlight } from './useSearchHighlight';
import { PendingRow } from './PendingRow';

type Row =
  | { kind: 'message'; message: MessageSnapshot; prev: MessageSnapshot | null; isLastOwn: boolean }
  | { kind: 'pending'; pending: PendingMessage };

export function MessageList({ sid }: { sid: string }) {
  const { t } = useTranslation();
  const { loadOlder } = useActions();
  const thread = useDeskStore((s) => s.threads.get(sid));
  const pending = useDeskStore(useShallow((s) => selectVisiblePending(s, sid)));
  const me = useDeskStore((s) => s.session?.identity ?? null);
  const items = thread?.items;
  const readHorizon = thread?.readHorizon ?? null;
  const keptUnread = useDeskStore((s) => s.keptUnread === sid);
  const list = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  const marked = useDeskStore((s) => (s.messageHighlight?.sid === sid ? s.messageHighlight : null));

  const rows = useMemo<Row[]>(() => {
    const all = items ?? [];
    // "Seen by" goes on the newest own message only, as in Slack/Signal.
    const lastOwn = all.findLast((m) => m.author === me)?.index;
    const list: Row[] = all.map((message, i) => ({
      kind: 'message',
      message,
      prev: all[i - 1] ?? null,
      isLastOwn: message.index === lastOwn,
    }));
    return [...list, ...pending.map((p) => ({ kind: 'pending' as const, pending: p }))];
  }, [items, pending, me]);

  // The row of the first message after the read horizon; -1 when everything is read.
  const firstUnread = readHorizon === null ? -1 : rows.findIndex((r) => r.kind === 'message' && r.message.index > readHorizon);
  // A horizon that arrives after the list is on screen (a thread reopened from memory) moves it
  // there too, once per horizon; not when the agent moved it by marking the thread unread.
  const placedFor = useRef<number | null>(readHorizon);
  const mounted = rows.length > 0 && thread !== undefined;
  useEffect(() => {
    if (!mounted || readHorizon === null || placedFor.current === readHorizon) return;
    placedFor.current = readHorizon;
    if (!keptUnread && firstUnread >= 0) list.current?.scrollToIndex({ index: firstUnread, align: 'start' });
  }, [mounted, readHorizon, firstUnread, keptUnread]);

  const searchRow = useSearchHighlight(sid, rows, thread);

  // Queued and failed sends show whatever the history is doing: they are the agent's own words.
  if (!thread || (thread.loading === 'initial' && thread.items.length === 0 && pending.length === 0)) {
    return <div className="message-list-status" role="status">{t('thread.loading')}</div>;
  }
  if (thread.error && thread.items.length === 0 && pending.length === 0) {
    return <div className="message-list-status" role="alert">{thread.error}</div>;
  }
  if (rows.length === 0) {
    return <div className="message-list-status">{t('thread.empty')}</div>;
  }

  return (
    <div className="message-list-wrap">
      <Virtuoso
        ref={list}
        // Made again, opening at the message a search found, once it is loaded.
        key={searchRow === null ? 'history' : `search-${searchRow}`}
        className="message-list"
        aria-label={t('thread.messages')}
        data={rows}
        firstItemIndex={thread.firstItemIndex}
        initialTopMostItemIndex={searchRow !== null ? { index: searchRow, align: 'center' } : firstUnread >= 0 ? { index: firstUnread, align: 'start' } : rows.length - 1}
        atBottomStateChange={setAtBottom}
        atBottomThreshold={48}
        computeItemKey={(_, row) => (row.kind === 'message' ? `m${row.message.index}` : row.pending.localId)}
        startReached={() => void loadOlder(sid)}
        followOutput={(atBottom) => (atBottom ? 'smooth' : false)}
        context={{ sid }}
        components={LIST_PARTS}
        itemContent={(_, row) =>
          row.kind === 'message' ? (
            <MessageRow
              sid={sid}
              message={row.message}
              prev={row.prev}
              isLastOwn={row.isLastOwn}
              readHorizon={thread.readHorizon}
              marked={marked?.index === row.message.index ? marked.words : null}
            />
          ) : (
            <PendingRow sid={sid} pending={row.pending} />
          )
        }
      />
      {!atBottom && (
        <button
          type="button"
          className="jump-newest with-icon"
          onClick={() => list.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'smooth' })}
        >
          <Icon name="back" size={15} className="jump-newest-icon" />
          {t('thread.jumpToNewest')}
        </button>
      )}
    </div>
  );
}

/** Stable across renders, so react-virtuoso never remounts them; the thread comes in via context. */
const LIST_PARTS = {
  Header: ({ context }: { context?: { sid: string } }) => (context ? <HistoryHeader sid={context.sid} /> : null),
  Footer: () => <div className="history-footer" />,
};

function HistoryHeader({ sid }: { sid: string }) {
  const { t } = useTranslation();
  const { loading, hasOlder, error } = useDeskStore(
    useShallow((s) => {
      const t = s.threads.get(sid);
      return { loading: t?.loading, hasOlder: t?.hasOlder, error: t?.error };
    }),
  );
  if (error) return <div className="history-header" role="alert">{error}</div>;
  if (loading === 'initial') return <div className="history-header" role="status">{t('thread.loading')}</div>;
  if (loading === 'older') return <div className="history-header" role="status">{t('thread.loadingOlder')}</div>;
  return hasOlder ? <div className="history-header" /> : <div className="history-header">{t('thread.beginning')}</div>;
}
