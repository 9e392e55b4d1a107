import { bridgeEventNames, bridgeMethodNames } from '../../../shared/ipc/bridge-names';
import type { DeskBridge, EventChannel, InvokeChannel, IpcResult } from '../../../shared/ipc/contract';
import { i18n } from '../i18n';
import { invokeOverHttp } from './http-invoke';

/**
 * A DeskBridge over HTTP for running the renderer in a plain browser against
 * electron/main/browser-transport.ts (tests and UI development without Electron). Same method
 * names and results as the preload's window.desk.
 */
export function createHttpBridge(baseUrl: string, platform = 'browser'): DeskBridge {
  const base = baseUrl.replace(/\/+$/, '');
  const bridge: Record<string, unknown> = { platform };

  for (const channel of Object.keys(bridgeMethodNames) as InvokeChannel[]) {
    bridge[bridgeMethodNames[channel]] = async (request?: unknown): Promise<IpcResult<unknown>> => {
      try {
        return await invokeOverHttp(base, channel, request);
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: i18n.t('errors.mainUnreachable', { reason: (error as Error).message }) } };
      }
    };
  }

  // One EventSource, opened on the first subscription, shared by every listener.
  let source: EventSource | null = null;
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${base}/events`);
    for (const channel of Object.keys(bridgeEventNames) as EventChannel[]) {
      source.addEventListener(channel, (event) => {
        const payload: unknown = JSON.parse((event as MessageEvent<string>).data);
        for (const listener of listeners.get(channel) ?? []) listener(payload);
      });
    }
  };

  for (const channel of Object.keys(bridgeEventNames) as EventChannel[]) {
    bridge[bridgeEventNames[channel]] = (listener: (payload: unknown) => void) => {
      ensureSource();
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => {
        set.delete(listener);
      };
    };
  }

  return Object.freeze(bridge) as unknown as DeskBridge;
}
