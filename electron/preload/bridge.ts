import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  bridgeEventNames,
  bridgeMethodNames,
  wireChannel,
  type DeskBridge,
  type EventChannel,
  type InvokeChannel,
} from '../../shared/ipc/contract';

/**
 * `window.desk`, derived from the contract: one named method per channel and one subscribe
 * function per event. ipcRenderer itself is never handed to the page, and no method takes a
 * channel name, so the page can reach exactly the contract's channels.
 */
export function buildDeskBridge(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, platform: string): DeskBridge {
  const bridge: Record<string, unknown> = { platform };

  for (const channel of Object.keys(bridgeMethodNames) as InvokeChannel[]) {
    const wire = wireChannel(channel);
    // Exactly one argument crosses: anything extra the page passes is dropped here.
    bridge[bridgeMethodNames[channel]] = (request?: unknown) => ipcRenderer.invoke(wire, request);
  }

  for (const channel of Object.keys(bridgeEventNames) as EventChannel[]) {
    const wire = wireChannel(channel);
    bridge[bridgeEventNames[channel]] = (listener: (payload: unknown) => void) => {
      // The Electron event (with its sender) stays here; the page sees only the payload.
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(wire, forward);
      return () => {
        ipcRenderer.removeListener(wire, forward);
      };
    };
  }

  return Object.freeze(bridge) as unknown as DeskBridge;
}
