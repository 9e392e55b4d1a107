/**
 * Virtualized history. Rows are messages 1:1 (day separators and the "New messages" line render
 * inside a row) so react-virtuoso's firstItemIndex can drop by exactly the count of prepended
 * messages and keep the scroll position when an older page loads. Pending sends follow the history.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import { useActions, useDeskStore } from '../../store';
import { selectVisiblePending } from '../../store/selectors';
import type { MessageSnapshot, PendingMessage } from '../../store/types';
import { MessageRow } from './MessageRow';
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
    <Virtuoso
      className="message-list"
      aria-label={t('thread.messages')}
      data={rows}
      firstItemIndex={thread.firstItemIndex}
      initialTopMostItemIndex={rows.length - 1}
      computeItemKey={(_, row) => (row.kind === 'message' ? `m${row.message.index}` : row.pending.localId)}
      startReached={() => void loadOlder(sid)}
      followOutput={(atBottom) => (atBottom ? 'smooth' : false)}
      context={{ sid }}
      components={LIST_PARTS}
      itemContent={(_, row) =>
        row.kind === 'message' ? (
          <MessageRow sid={sid} message={row.message} prev={row.prev} isLastOwn={row.isLastOwn} readHorizon={thread.readHorizon} />
        ) : (
          <PendingRow sid={sid} pending={row.pending} />
        )
      }
    />
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
