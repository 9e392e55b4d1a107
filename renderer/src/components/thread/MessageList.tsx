/**
 * Virtualized history. Rows are messages 1:1 (day separators and the "New messages" line render
 * inside a row) so react-virtuoso's firstItemIndex can drop by exactly the count of prepended
 * messages and keep the scroll position when an older page loads. Pending sends follow the history.
 * A thread with unread messages opens at the first of them, not at the bottom; "Jump to newest"
 * shows whenever the agent is away from the bottom.
 *
 * The list's data is the thread's own array (with pending sends appended when there are any), not
 * a row object per message: an older page then costs the list no work per message already loaded.
 * The next older page is asked for while the agent is still a page away from the top, so scrolling
 * up rarely waits for one.
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
import { localeKey } from './row-text';
import { useSearchHighlight } from './useSearchHighlight';
import { PendingRow } from './PendingRow';

type Row = MessageSnapshot | PendingMessage;
const isPending = (row: Row): row is PendingMessage => 'localId' in row;

/**
 * Rows between the top of the screen and the oldest loaded message below which the next older
 * page is fetched: a page's worth, so it is in before the agent scrolls through what is left.
 */
export const PREFETCH_ROWS = 30;

/** Whether the list's first rendered row (react-virtuoso's absolute index) is close enough to the top to fetch the next older page. */
export const nearTop = (startIndex: number, firstItemIndex: number, rows = PREFETCH_ROWS): boolean => startIndex - firstItemIndex < rows;

export function MessageList({ sid }: { sid: string }) {
  // Also renders the list again when the language or the clock changes; rows follow by localeKey.
  const { t } = useTranslation();
  const locale = localeKey();
  const { loadOlder } = useActions();
  const thread = useDeskStore((s) => s.threads.get(sid));
  const pending = useDeskStore(useShallow((s) => selectVisiblePending(s, sid)));
  const me = useDeskStore((s) => s.session?.identity ?? null);
  const items = thread?.items;
  const readHorizon = thread?.readHorizon ?? null;
  const keptUnread = useDeskStore((s) => s.keptUnread === sid);
  const list = useRef<VirtuosoHandle>(null);
  const lastStart = useRef<number | null>(null);
  const [atBottom, setAtBottom] = useState(true);
  const marked = useDeskStore((s) => (s.messageHighlight?.sid === sid ? s.messageHighlight : null));

  const history = items ?? NO_MESSAGES;
  const rows = useMemo<readonly Row[]>(() => (pending.length === 0 ? history : [...history, ...pending]), [history, pending]);
  // "Seen by" goes on the newest own message only, as in Slack/Signal.
  const lastOwn = useMemo(() => history.findLast((m) => m.author === me)?.index, [history, me]);

  // The row of the first message after the read horizon; -1 when everything is read.
  const firstUnread = readHorizon === null ? -1 : history.findIndex((m) => m.index > readHorizon);
  // A horizon that arrives after the list is on screen (a thread reopened from memory) moves it
  // there too, once per horizon; not when the agent moved it by marking the thread unread.
  const placedFor = useRef<number | null>(readHorizon);
  const mounted = rows.length > 0 && thread !== undefined;
  useEffect(() => {
    if (!mounted || readHorizon === null || placedFor.current === readHorizon) return;
    placedFor.current = readHorizon;
    if (!keptUnread && firstUnread >= 0) list.current?.scrollToIndex({ index: firstUnread, align: 'start' });
  }, [mounted, readHorizon, firstUnread, keptUnread]);

  const searchRow = useSearchHighlight(sid, history, thread);
  // The same object while the thread is: a new one renders the list's header again.
  const context = useMemo(() => ({ sid }), [sid]);

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
        computeItemKey={(_, row) => (isPending(row) ? row.localId : `m${row.index}`)}
        startReached={() => void loadOlder(sid)}
        rangeChanged={(range) => {
          // Only while the agent scrolls up: a page prepended while the list is still placing
          // itself (opening at the first unread message near the page's top) moves that place.
          const before = lastStart.current;
          lastStart.current = range.startIndex;
          if (before !== null && range.startIndex < before && nearTop(range.startIndex, thread.firstItemIndex)) void loadOlder(sid);
        }}
        followOutput={(atBottom) => (atBottom ? 'smooth' : false)}
        context={context}
        components={LIST_PARTS}
        itemContent={(index, row) =>
          isPending(row) ? (
            <PendingRow sid={sid} pending={row} />
          ) : (
            <MessageRow
              sid={sid}
              message={row}
              prev={history[index - thread.firstItemIndex - 1] ?? null}
              isLastOwn={row.index === lastOwn}
              readHorizon={thread.readHorizon}
              marked={marked?.index === row.index ? marked.words : null}
              localeKey={locale}
            />
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

const NO_MESSAGES: readonly MessageSnapshot[] = [];

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
