/**
 * Left pane: search, actions, the views with their counts and filters, and the virtualized list of
 * the view sorted by latest activity (the agent's own conversations and the team queue's, merged).
 */
import { memo, useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import { focusInboxList, moveInboxCursor, openInboxCursor, openInboxRow, registerInboxList } from '../../keyboard/inbox-keys';
import { useAppStore, useDeskStore, useDeskStoreApi } from '../../store';
import { prepareViewSearch, queueSearchIndexWhole, selectViewSids, viewSearchWasPartial } from '../../store/views';
import { Icon } from '../common/Icon';
import { ToolsMenu } from '../tools/ToolsMenu';
import { QueueRow } from '../views/QueueRow';
import { ViewFilters } from '../views/ViewFilters';
import { ViewTabs } from '../views/ViewTabs';
import '../views/views.css';
import { InboxRow } from './InboxRow';
import './inbox.css';

/** Work per task while making the search index ahead of typing: well inside a frame. */
const PREPARE_SLICE_MS = 4;

/** j/k as in Gmail and Front, beside the arrows. */
const STEP: Record<string, 1 | -1> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };

export function Inbox() {
  const { t } = useTranslation();
  const store = useDeskStoreApi();
  const query = useDeskStore((s) => s.searchQuery);
  // The list is filtered in the keystroke's own render, not deferred: with the view's search index
  // (store/view-search) the filter over 100,000 rows takes a few ms, and one render + one commit
  // measured faster to the updated list (bench: 21 / 56 ms p50 / p95 at load 10.7) than the box
  // first and a deferred list after it (33 / 118 ms at load 14), which also split the work over frames.
  const sids = useDeskStore((s) => selectViewSids(s, query));
  // After `sids`, whose search it reports on: the rows the queue's index had made held no match, and it is not whole yet.
  const searchingQueue = useDeskStore((s) => viewSearchWasPartial(s));
  // The query main's message search last answered (text matches join the list when it does).
  const textQuery = useDeskStore((s) => s.textSearch?.q ?? '');
  const view = useDeskStore((s) => s.view);
  const hasAny = useDeskStore((s) => s.conversations.size > 0 || s.queue.rows.size > 0);
  const status = useDeskStore((s) => s.connection.status);
  const connected = status === 'connected';
  const failed = status === 'denied' || status === 'error' || status === 'disconnected';
  const source = useDeskStore((s) => s.inboxSource);
  const { setSearchQuery, toggleNewConversation } = useDeskStore(
    useShallow((s) => ({ setSearchQuery: s.setSearchQuery, toggleNewConversation: s.toggleNewConversation })),
  );
  const list = useRef<VirtuosoHandle>(null);
  const listBox = useRef<HTMLDivElement>(null);

  useEffect(
    () =>
      registerInboxList({
        reveal(sid, focus) {
          const focusRow = () => listBox.current?.querySelector<HTMLElement>(`[data-inbox-sid="${sid}"]`)?.focus();
          const index = selectViewSids(store.getState()).indexOf(sid);
          if (index < 0) return;
          if (focus) focusRow();
          list.current?.scrollIntoView({ index, done: focus ? focusRow : undefined });
        },
        focusList() {
          const first = selectViewSids(store.getState())[0];
          if (first !== undefined) this.reveal(first, true);
        },
      }),
    [store],
  );

  // The queue's search index is made before the agent types, a few ms per task (tasks, not idle
  // callbacks: while the inbox loads there is no idle time, and input goes before them), so the
  // first keystroke only compares. Each slice posts the next as a message, not a zero timer: nested
  // timers are clamped to 4 ms, which left the thread idle half the time and, at 100,000 rows on a
  // busy machine, the index still unmade when the first key came (that key made the rest). A key
  // typed before it is whole searches the part made so far (the newest rows, the top of the list);
  // the list is searched again when the index is whole.
  useEffect(() => {
    const channel = new MessageChannel();
    let stopped = false;
    let told = false;
    let posted = false;
    const slice = () => {
      if (posted) return;
      posted = true;
      channel.port2.postMessage(null);
    };
    channel.port1.onmessage = () => {
      posted = false;
      if (stopped) return;
      const state = store.getState();
      const done = prepareViewSearch(state, performance.now() + PREPARE_SLICE_MS);
      if (!told && viewSearchWasPartial(state) && queueSearchIndexWhole(state)) {
        told = true;
        state.noteQueueIndexMade();
      }
      if (!done) slice();
    };
    slice();
    // A queue change that leaves the list as it was still needs its index: the slices start again
    // from the store's own change, without rendering the inbox for it.
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.queue.rows === prev.queue.rows) return;
      told = false;
      slice();
    });
    return () => {
      stopped = true;
      unsubscribe();
      channel.port1.close();
    };
  }, [store, sids]);

  // Escape in the thread (composer, read-only view) brings the keyboard back to the list, unless something there used it.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (!(e.target instanceof Element) || !e.target.closest('main.thread')) return;
      // An edit box, the rename field or a menu there uses Escape to cancel itself; only the composer hands it on.
      const field = e.target.closest('input, textarea, select');
      if (field && !field.matches('textarea[aria-keyshortcuts="Enter"]')) return;
      e.preventDefault();
      focusInboxList(store);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const onListKey = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const step = STEP[e.key];
      const row = e.target instanceof HTMLElement ? e.target.dataset.inboxSid : undefined;
      if (step) {
        e.preventDefault();
        moveInboxCursor(store, step, row);
      } else if (e.key === 'Enter' && row) {
        e.preventDefault();
        store.getState().setInboxCursor(row);
        openInboxCursor(store);
      }
    },
    [store],
  );
  const openRow = useCallback((sid: string) => openInboxRow(store, sid), [store]);
  // Stable, so a keystroke that keeps the list re-renders no row, and one that changes it renders only the rows on screen.
  const rowContent = useCallback((_: number, sid: string) => <ListRow sid={sid} onOpen={openRow} />, [openRow]);

  return (
    // data-list-query: the query the list on screen was filtered by (the bench waits for it to catch up with the box).
    // data-text-query: the query whose text matches are in it (the bench's second figure).
    <nav className="inbox" aria-label={t('inbox.title')} data-list-query={query} data-text-query={textQuery}>
      <InboxHeader />
      <div className="inbox-search">
        <Icon name="search" size={15} className="search-icon" />
        <input
          type="search"
          aria-label={t('inbox.search')}
          placeholder={t('inbox.searchPlaceholder')}
          value={query}
          onChange={(e) => setSearchQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setSearchQuery('')}
        />
      </div>
      <ViewTabs />
      <ViewFilters />
      {source === 'cache' && (
        // Rows painted from last time's copy while the SDK announces the live ones.
        <p className="inbox-updating" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('inbox.updating')}
        </p>
      )}
      {/* The list stays mounted when a search finds nothing: a key that empties the list and the
          Backspace that fills it again update its rows instead of building Virtuoso and every row anew. */}
      <div className="inbox-list-box" ref={listBox} id="inbox-view-panel" role="tabpanel" aria-labelledby={`view-tab-${view}`} onKeyDown={onListKey}>
        {sids.length === 0 && (
          <div className="inbox-empty">
            {query.trim() && searchingQueue ? (
              <p role="status">
                <span className="spinner" aria-hidden="true" /> {t('inbox.searchingQueue')}
              </p>
            ) : query.trim() ? (
              <>
                <Icon name="search" size={28} />
                <p>{t('inbox.noMatch', { query: query.trim() })}</p>
                <button type="button" className="small" onClick={() => setSearchQuery('')}>
                  {t('inbox.clearSearch')}
                </button>
              </>
            ) : hasAny ? (
              <p>{t(`views.empty.${view}`)}</p>
            ) : connected && source === 'live' ? (
              <>
                <Icon name="inbox" size={28} />
                <p>{t('inbox.empty')}</p>
                <button type="button" className="small" onClick={() => toggleNewConversation(true)}>
                  {t('inbox.start')}
                </button>
              </>
            ) : failed ? (
              <>
                <Icon name="wifiOff" size={28} />
                <p>{t('inbox.notConnected')}</p>
              </>
            ) : (
              <p role="status">{t('inbox.loading')}</p>
            )}
          </div>
        )}
        {/* Empty, it stays mounted but hidden, so its scroller is no tab stop under the message. */}
        <Virtuoso ref={list} className={sids.length === 0 ? 'inbox-list is-empty' : 'inbox-list'} data={sids} computeItemKey={itemKey} itemContent={rowContent} />
      </div>
    </nav>
  );
}

const itemKey = (_: number, sid: string) => sid;

/** Title and actions: memoised with no props, so a keystroke (which re-renders the inbox) renders none of it. */
const InboxHeader = memo(function InboxHeader() {
  const { t } = useTranslation();
  const isLocal = useDeskStore((s) => s.session?.kind === 'local');
  const { toggleNewConversation, toggleSimulate } = useDeskStore(
    useShallow((s) => ({ toggleNewConversation: s.toggleNewConversation, toggleSimulate: s.toggleSimulate })),
  );
  const { setScreen, setDesktopPanel } = useAppStore(useShallow((s) => ({ setScreen: s.setScreen, setDesktopPanel: s.setDesktopPanel })));
  const simulate = useCallback(() => toggleSimulate(true), [toggleSimulate]);
  return (
    <header className="inbox-header">
      <h1>{t('inbox.title')}</h1>
      <div className="inbox-actions">
        {/* The Local workspace's customer simulator sits in this menu: the header has room for four buttons in French at 1024 px. */}
        <ToolsMenu onSimulate={isLocal ? simulate : undefined} />
        <button type="button" className="ghost icon" aria-label={t('inbox.accounts')} title={t('inbox.accounts')} onClick={() => setScreen('accounts')}>
          <Icon name="settings" />
        </button>
        <button type="button" className="ghost icon" aria-label={t('inbox.settings')} title={t('inbox.settingsHint')} onClick={() => setDesktopPanel('settings')}>
          <Icon name="gear" />
        </button>
        <button type="button" className="primary icon" aria-label={t('inbox.newConversation')} title={t('inbox.newConversation')} onClick={() => toggleNewConversation(true)}>
          <Icon name="plus" />
        </button>
      </div>
    </header>
  );
});

/** The agent's own conversation (live from the SDK) or, failing that, the queue's read-only row. */
const ListRow = memo(function ListRow({ sid, onOpen }: { sid: string; onOpen: (sid: string) => void }) {
  const own = useDeskStore((s) => s.conversations.has(sid));
  return own ? <InboxRow sid={sid} /> : <QueueRow sid={sid} onOpen={onOpen} />;
});
