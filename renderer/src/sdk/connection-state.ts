/** Twilsock connection states → what the banner says. Pure so it can be tested without the SDK. */
import type { ConnectionStatus } from '../store/types';

export type SdkConnectionState =
  | 'unknown'
  | 'disconnecting'
  | 'disconnected'
  | 'retrying'
  | 'connecting'
  | 'connected'
  | 'denied'
  | 'error';

/** Returns null when the state carries no news for the agent (keep what is shown). */
export function toConnectionStatus(state: SdkConnectionState, wasConnected: boolean): ConnectionStatus | null {
  switch (state) {
    case 'connecting':
      // After a first successful connection, "connecting" means the SDK is recovering.
      return wasConnected ? 'reconnecting' : 'connecting';
    case 'retrying':
      return 'reconnecting';
    case 'connected':
      return 'connected';
    case 'denied':
      return 'denied';
    case 'disconnected':
      return 'disconnected';
    case 'error':
      return 'error';
    case 'disconnecting':
    case 'unknown':
      return null;
  }
}

/** While the SDK is still trying, the banner says why the last attempt failed. */
const TRYING = new Set<ConnectionStatus>(['connecting', 'reconnecting']);

/**
 * The message to show with a new status: the latest non-terminal connectionError while the SDK is
 * still trying (it retries on its own and would otherwise show a bare "Reconnecting…" forever),
 * else the stock sentence.
 */
export function messageFor(status: ConnectionStatus, lastProblem: string | null): string | null {
  return TRYING.has(status) && lastProblem && !EMPTY_PROBLEM.test(lastProblem) ? lastProblem : defaultMessage(status);
}

/** In a browser twilsock only knows "Socket error: undefined": nothing worth showing. */
const EMPTY_PROBLEM = /^\s*(web)?socket error:?\s*(undefined|null)?\s*$/i;

/** A status in which the agent may want to act (Retry, Open accounts) rather than wait. */
export function isStuck(status: ConnectionStatus, message: string | null, startingLocal: string): boolean {
  if (status === 'denied' || status === 'error' || status === 'disconnected' || status === 'reconnecting') return true;
  // A first connection that has already failed once (a profile that cannot connect at all).
  return status === 'connecting' && message !== null && message !== startingLocal;
}

/**
 * Stock sentences, kept in English on purpose: they are markers the banner recognises
 * (ConnectionBanner's STOCK) and says in the window's language when it shows them, so a
 * language switch re-words a banner already on screen.
 */
export function defaultMessage(status: ConnectionStatus): string | null {
  /* eslint-disable i18next/no-literal-string -- markers, translated where shown (see above) */
  switch (status) {
    case 'denied':
      return 'The service refused this account’s access token. Check the profile’s keys.';
    case 'disconnected':
      return 'Disconnected from the service.';
    case 'error':
      return 'The connection failed.';
    default:
      return null;
  }
  /* eslint-enable i18next/no-literal-string */
}
