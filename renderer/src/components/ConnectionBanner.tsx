/** Always visible: a quiet status line when connected, an actionable banner otherwise. */
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { classifyConnectionProblem, describeConnectionProblem } from '../../../shared/domain/connection-problem';
import { retryNow } from '../desktop/reconnect';
import { defaultMessage, isStuck } from '../sdk/connection-state';
import { STARTING_LOCAL_WORKSPACE } from '../sdk/local-status';
import { useAppStore, useDeskStore, useDeskStoreApi } from '../store';
import { useWindowScope } from '../session/context';
import { Icon } from './common/Icon';

const TEXT = {
  connecting: 'connection.status.connecting',
  reconnecting: 'connection.status.reconnecting',
  'refreshing-token': 'connection.status.refreshing-token',
  denied: 'connection.status.denied',
  disconnected: 'connection.status.disconnected',
  error: 'connection.status.error',
} as const;

/** The SDK layer's stock sentences (sdk/connection-state.ts), said in the window's language. */
const STOCK = { denied: 'connection.stock.denied', disconnected: 'connection.stock.disconnected', error: 'connection.stock.error' } as const;

/** A socket failure (ENOTFOUND, ECONNREFUSED, ETIMEDOUT) in words; credentials are said below. */
function networkProblem(message: string | null): string | null {
  const problem = classifyConnectionProblem(message);
  return problem && problem.kind !== 'credentials' ? describeConnectionProblem(problem, i18n.t) : null;
}

/** What the agent can do about an SDK error, in words; null keeps the SDK's own text. */
export function explainConnectionProblem(message: string | null): string | null {
  if (!message) return null;
  const network = networkProblem(message);
  if (network) return network;
  if (/signature|invalid access token|issuer|subject|unauthori[sz]ed|\b401\b|\b403\b|\b20003\b|denied/i.test(message)) {
    return i18n.t('connection.credentialsRefused');
  }
  if (/expired/i.test(message)) return i18n.t('connection.tokenExpired');
  return null;
}

export function ConnectionBanner() {
  const { t } = useTranslation();
  const { status, message } = useDeskStore((s) => s.connection);
  const session = useDeskStore((s) => s.session);
  const me = useDeskStore((s) => (s.session ? (s.userNames.get(s.session.identity) ?? null) : null));
  const setScreen = useAppStore((s) => s.setScreen);
  const { restart } = useWindowScope();
  const store = useDeskStoreApi();
  const gaveUp = status === 'denied' || status === 'error' || status === 'disconnected';
  // Also while the SDK keeps retrying: a profile that cannot connect would otherwise spin forever.
  const needsAction = isStuck(status, message, STARTING_LOCAL_WORKSPACE);

  if (status === 'connected') {
    return (
      <div className="conn-status conn-ok" role="status" aria-live="polite">
        <span className="conn-dot" aria-hidden="true" />
        {session ? t('connection.connectedAs', { identity: session.identity }) : t('connection.connected')}
        {me && me !== session?.identity ? ` (${me})` : ''}
        {session?.kind === 'local' ? t('connection.localWorkspaceSuffix') : ''}
      </div>
    );
  }
  const shown = message !== null && status in STOCK && message === defaultMessage(status) ? t(STOCK[status as keyof typeof STOCK]) : message;
  const explained = status === 'denied' ? (explainConnectionProblem(message ?? 'denied') ?? shown) : explainConnectionProblem(message);
  const credentials = explained !== null && explained !== shown && networkProblem(message) === null;
  return (
    <div className={`conn-banner conn-${status}`} role="status" aria-live="polite">
      {gaveUp ? <Icon name="wifiOff" size={16} /> : <span className="spinner" aria-hidden="true" />}
      <strong>
        {status === 'connecting' && message === STARTING_LOCAL_WORKSPACE
          ? t('connection.status.startingLocal')
          : status in TEXT
            ? t(TEXT[status as keyof typeof TEXT])
            : null}
      </strong>
      {/* While renewing or starting, the status line says it all (the message repeats it). */}
      {status !== 'refreshing-token' && message !== STARTING_LOCAL_WORKSPACE && (explained ?? shown) && (
        <span className="conn-message" title={message ?? undefined}>
          {explained ?? shown}
        </span>
      )}
      {needsAction && (
        <span className="conn-actions">
          <button type="button" className={credentials ? undefined : 'primary'} onClick={() => void retryNow(store, restart)}>
            {t('common.retry')}
          </button>
          <button type="button" className={credentials ? 'primary' : undefined} onClick={() => setScreen('accounts')}>
            {t('connection.openAccounts')}
          </button>
        </span>
      )}
    </div>
  );
}
