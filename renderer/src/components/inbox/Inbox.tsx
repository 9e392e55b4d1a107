/** Left pane: search, actions, and the virtualized conversation list sorted by latest activity. */
import { Virtuoso } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useDeskStore } from '../../store';
import { selectInboxSids } from '../../store/selectors';
import { Icon } from '../common/Icon';
import { InboxRow } from './InboxRow';
import './inbox.css';

export function Inbox() {
  const sids = useDeskStore(selectInboxSids);
  const query = useDeskStore((s) => s.searchQuery);
  const hasAny = useDeskStore((s) => s.conversations.size > 0);
  const status = useDeskStore((s) => s.connection.status);
  const connected = status === 'connected';
  const failed = status === 'denied' || status === 'error' || status === 'disconnected';
  const isLocal = useDeskStore((s) => s.session?.kind === 'local');
  const source = useDeskStore((s) => s.inboxSource);
  const { setSearchQuery, toggleNewConversation, toggleSimulate } = useDeskStore(
    useShallow((s) => ({
      setSearchQuery: s.setSearchQuery,
      toggleNewConversation: s.toggleNewConversation,
      toggleSimulate: s.toggleSimulate,
    })),
  );
  const { setScreen, setDesktopPanel } = useAppStore(useShallow((s) => ({ setScreen: s.setScreen, setDesktopPanel: s.setDesktopPanel })));

  return (
    <nav className="inbox" aria-label="Inbox">
      <header className="inbox-header">
        <h1>Inbox</h1>
        <div className="inbox-actions">
          {isLocal && (
            <button type="button" className="ghost with-icon" aria-label="Simulate customer" title="Play a customer texting in (Local workspace)" onClick={() => toggleSimulate(true)}>
              <Icon name="phone" size={16} />
              <span className="label-wide">Simulate</span>
            </button>
          )}
          <button type="button" className="ghost icon" aria-label="Accounts" title="Accounts" onClick={() => setScreen('accounts')}>
            <Icon name="settings" />
          </button>
          <button type="button" className="ghost icon" aria-label="Settings" title="Settings (Ctrl/Cmd+,)" onClick={() => setDesktopPanel('settings')}>
            <Icon name="gear" />
          </button>
          <button type="button" className="primary icon" aria-label="New conversation" title="New conversation" onClick={() => toggleNewConversation(true)}>
            <Icon name="plus" />
          </button>
        </div>
      </header>
      <div className="inbox-search">
        <Icon name="search" size={15} className="search-icon" />
        <input
          type="search"
          aria-label="Search conversations"
          placeholder="Search name, person or number"
          value={query}
          onChange={(e) => setSearchQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setSearchQuery('')}
        />
      </div>
      {source === 'cache' && (
        // Rows painted from last time's copy while the SDK announces the live ones.
        <p className="inbox-updating" role="status">
          <span className="spinner" aria-hidden="true" />
          Updating conversations…
        </p>
      )}
      {sids.length === 0 ? (
        <div className="inbox-empty">
          {query.trim() ? (
            <>
              <Icon name="search" size={28} />
              <p>No conversations match “{query.trim()}”</p>
              <button type="button" className="small" onClick={() => setSearchQuery('')}>
                Clear search
              </button>
            </>
          ) : hasAny ? null : connected && source === 'live' ? (
            <>
              <Icon name="inbox" size={28} />
              <p>No conversations yet.</p>
              <button type="button" className="small" onClick={() => toggleNewConversation(true)}>
                Start a conversation
              </button>
            </>
          ) : failed ? (
            <>
              <Icon name="wifiOff" size={28} />
              <p>Not connected: conversations appear once the connection works.</p>
            </>
          ) : (
            <p role="status">Loading conversations…</p>
          )}
        </div>
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
