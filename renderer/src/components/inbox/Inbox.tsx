/** Left pane: search, actions, and the virtualized conversation list sorted by latest activity. */
import { useTranslation } from 'react-i18next';
import { Virtuoso } from 'react-virtuoso';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useDeskStore } from '../../store';
import { selectInboxSids } from '../../store/selectors';
import { Icon } from '../common/Icon';
import { InboxRow } from './InboxRow';
import './inbox.css';

export function Inbox() {
  const { t } = useTranslation();
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
    <nav className="inbox" aria-label={t('inbox.title')}>
      <header className="inbox-header">
        <h1>{t('inbox.title')}</h1>
        <div className="inbox-actions">
          {isLocal && (
            <button type="button" className="ghost with-icon" aria-label={t('inbox.simulateLabel')} title={t('inbox.simulateHint')} onClick={() => toggleSimulate(true)}>
              <Icon name="phone" size={16} />
              <span className="label-wide">{t('inbox.simulate')}</span>
            </button>
          )}
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
      {source === 'cache' && (
        // Rows painted from last time's copy while the SDK announces the live ones.
        <p className="inbox-updating" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('inbox.updating')}
        </p>
      )}
      {sids.length === 0 ? (
        <div className="inbox-empty">
          {query.trim() ? (
            <>
              <Icon name="search" size={28} />
              <p>{t('inbox.noMatch', { query: query.trim() })}</p>
              <button type="button" className="small" onClick={() => setSearchQuery('')}>
                {t('inbox.clearSearch')}
              </button>
            </>
          ) : hasAny ? null : connected && source === 'live' ? (
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
