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
