/** Left pane: search, actions, and the virtualized conversation list sorted by latest activity. */
import { Virtuoso } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import { useDeskStore } from '../../store';
import { selectInboxSids } from '../../store/selectors';
import { InboxRow } from './InboxRow';
import './inbox.css';

export function Inbox() {
  const sids = useDeskStore(useShallow(selectInboxSids));
  const query = useDeskStore((s) => s.searchQuery);
  const hasAny = useDeskStore((s) => s.conversations.size > 0);
  const isLocal = useDeskStore((s) => s.session?.kind === 'local');
  const { setSearchQuery, toggleNewConversation, toggleSimulate, setScreen } = useDeskStore(
    useShallow((s) => ({
      setSearchQuery: s.setSearchQuery,
      toggleNewConversation: s.toggleNewConversation,
      toggleSimulate: s.toggleSimulate,
      setScreen: s.setScreen,
    })),
  );

  return (
    <nav className="inbox" aria-label="Inbox">
      <header className="inbox-header">
        <h1>Inbox</h1>
        <div className="inbox-actions">
          {isLocal && (
            <button type="button" className="ghost" onClick={() => toggleSimulate(true)}>
              Simulate customer
            </button>
          )}
          <button type="button" className="ghost" onClick={() => setScreen('accounts')}>
            Accounts
          </button>
          <button type="button" className="primary icon" aria-label="New conversation" title="New conversation" onClick={() => toggleNewConversation(true)}>
            +
          </button>
        </div>
      </header>
      <div className="inbox-search">
        <input
          type="search"
          aria-label="Search conversations"
          placeholder="Search by name, person or number"
          value={query}
          onChange={(e) => setSearchQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setSearchQuery('')}
        />
      </div>
      {sids.length === 0 ? (
        <p className="inbox-empty">
          {query.trim() ? `No conversations match “${query.trim()}”` : hasAny ? '' : 'No conversations yet. Start one with +.'}
        </p>
      ) : (
        <Virtuoso
          className="inbox-list"
          data={sids}
          computeItemKey={(_, sid) => sid}
          itemContent={(_, sid) => <InboxRow sid={sid} />}
        />
      )}
    </nav>
  );
}
