/** Always visible: a quiet status line when connected, an actionable banner otherwise. */
import { useDeskStore } from '../store';
import { restartSession } from '../sdk/session';

const TEXT: Record<string, string> = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  'refreshing-token': 'Renewing the access token…',
  denied: 'Access denied',
  disconnected: 'Disconnected',
  error: 'Connection problem',
};

export function ConnectionBanner() {
  const { status, message } = useDeskStore((s) => s.connection);
  const session = useDeskStore((s) => s.session);
  const setScreen = useDeskStore((s) => s.setScreen);
  const needsAction = status === 'denied' || status === 'error' || status === 'disconnected';

  if (status === 'connected') {
    return (
      <div className="conn-status conn-ok" role="status" aria-live="polite">
        <span className="conn-dot" aria-hidden="true" />
        Connected{session ? ` as ${session.identity}` : ''}
        {session?.kind === 'local' ? ' · Local workspace' : ''}
      </div>
    );
  }
  return (
    <div className={`conn-banner conn-${status}`} role="status" aria-live="polite">
      {!needsAction && <span className="spinner" aria-hidden="true" />}
      <strong>{TEXT[status]}</strong>
      {message && status !== 'connecting' && <span className="conn-message">{message}</span>}
      {needsAction && (
        <span className="conn-actions">
          <button type="button" onClick={() => void restartSession()}>
            Retry
          </button>
          <button type="button" onClick={() => setScreen('accounts')}>
            Open accounts
          </button>
        </span>
      )}
    </div>
  );
}
