/** Always visible: a quiet status line when connected, an actionable banner otherwise. */
import { useAppStore, useDeskStore } from '../store';
import { useWindowScope } from '../session/context';
import { Icon } from './common/Icon';

const TEXT: Record<string, string> = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  'refreshing-token': 'Renewing the access token…',
  denied: 'Access denied',
  disconnected: 'Disconnected',
  error: 'Connection problem',
};

/** What the agent can do about an SDK error, in words; null keeps the SDK's own text. */
export function explainConnectionProblem(message: string | null): string | null {
  if (!message) return null;
  if (/signature|invalid access token|issuer|subject|unauthori[sz]ed|\b401\b|\b403\b|denied/i.test(message)) {
    return 'The service refused this account’s credentials. Check the API key and secret in Accounts, or switch account.';
  }
  if (/expired/i.test(message)) return 'The access token expired and could not be renewed. Retry, and check this computer’s clock if it keeps happening.';
  return null;
}

export function ConnectionBanner() {
  const { status, message } = useDeskStore((s) => s.connection);
  const session = useDeskStore((s) => s.session);
  const me = useDeskStore((s) => (s.session ? (s.userNames.get(s.session.identity) ?? null) : null));
  const setScreen = useAppStore((s) => s.setScreen);
  const { restart } = useWindowScope();
  const needsAction = status === 'denied' || status === 'error' || status === 'disconnected';

  if (status === 'connected') {
    return (
      <div className="conn-status conn-ok" role="status" aria-live="polite">
        <span className="conn-dot" aria-hidden="true" />
        Connected{session ? ` as ${session.identity}` : ''}
        {me && me !== session?.identity ? ` (${me})` : ''}
        {session?.kind === 'local' ? ' · Local workspace' : ''}
      </div>
    );
  }
  const explained = status === 'denied' ? (explainConnectionProblem(message ?? 'denied') ?? message) : explainConnectionProblem(message);
  const credentials = explained !== null && explained !== message;
  return (
    <div className={`conn-banner conn-${status}`} role="status" aria-live="polite">
      {needsAction ? <Icon name="wifiOff" size={16} /> : <span className="spinner" aria-hidden="true" />}
      <strong>{status === 'connecting' && message ? message : TEXT[status]}</strong>
      {status !== 'connecting' && (explained ?? message) && (
        <span className="conn-message" title={message ?? undefined}>
          {explained ?? message}
        </span>
      )}
      {needsAction && (
        <span className="conn-actions">
          <button type="button" className={credentials ? undefined : 'primary'} onClick={() => void restart()}>
            Retry
          </button>
          <button type="button" className={credentials ? 'primary' : undefined} onClick={() => setScreen('accounts')}>
            Open accounts
          </button>
        </span>
      )}
    </div>
  );
}
