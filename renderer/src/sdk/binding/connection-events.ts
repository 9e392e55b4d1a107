/** Connection states for the banner, and token renewal before and after expiry. */
import { messageFor, toConnectionStatus, type SdkConnectionState } from '../connection-state';
import { i18n } from '../../i18n';
import type { BindingContext } from './context';

export function bindConnection(ctx: BindingContext): void {
  const { client, listeners, guard, state, live } = ctx;
  let wasConnected = false;
  let lastProblem: string | null = null;

  listeners.on('connectionStateChanged', guard((s: SdkConnectionState) => {
    const status = toConnectionStatus(s, wasConnected);
    if (s === 'connected' && !wasConnected) performance.mark('desk:connected');
    if (s === 'connected') {
      wasConnected = true;
      lastProblem = null;
    }
    if (status) state().setConnection(status, messageFor(status, lastProblem));
  }));
  listeners.on('initFailed', guard(({ error }: { error?: { message: string } }) => {
    state().setConnection('error', error?.message ?? i18n.t('errors.clientNotStarted'));
  }));
  listeners.on('connectionError', guard((e: { terminal: boolean; message: string }) => {
    if (e.terminal) state().setConnection('error', e.message);
    else {
      // The SDK retries by itself; say why meanwhile, so "Reconnecting…" is not all the agent sees.
      lastProblem = e.message || null;
      const { status } = state().connection;
      if (status === 'connecting' || status === 'reconnecting') state().setConnection(status, messageFor(status, lastProblem));
    }
  }));

  // After `tokenExpired` the SDK is still closing the old socket ('disconnecting'), and an
  // updateToken call in that state is dropped without ever settling; hand the token over once
  // the client has let go of the socket. The listener is one of the binding's, so a teardown
  // while waiting removes it too.
  const socketReleased = (): Promise<void> =>
    client.connectionState !== 'disconnecting'
      ? Promise.resolve()
      : new Promise((resolve) => {
          const off = listeners.on('connectionStateChanged', (s: SdkConnectionState) => {
            if (s === 'disconnecting') return;
            off();
            resolve();
          });
        });

  let refreshing: Promise<void> | null = null;
  const refresh = (expired: boolean) => {
    if (expired) state().setConnection('refreshing-token', i18n.t('connection.status.refreshing-token'));
    refreshing ??= ctx.deps
      .refreshToken()
      .then(async (token) => {
        if (!live()) return;
        if (expired) await socketReleased();
        if (!live()) return;
        await client.updateToken(token);
        // updateToken reconnects on its own; only clear the banner we set ourselves.
        if (live() && state().connection.status === 'refreshing-token') state().setConnection('connected');
      })
      .catch((e: unknown) => {
        if (live()) state().setConnection('error', i18n.t('errors.renewFailed', { reason: e instanceof Error ? e.message : String(e) }));
      })
      .finally(() => {
        refreshing = null;
      });
  };
  listeners.on('tokenAboutToExpire', guard(() => refresh(false)));
  listeners.on('tokenExpired', guard(() => refresh(true)));
}
