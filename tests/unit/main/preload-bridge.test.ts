import type { IpcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { bridgeEventNames, bridgeMethodNames } from '../../../shared/ipc/contract';
import { buildDeskBridge } from '../../../electron/preload/bridge';

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));
  const ipcRenderer = {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const send = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({ sender: 'electron-event' }, payload));
  return { ipcRenderer: ipcRenderer as unknown as Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, invoke, send, listeners };
}

describe('buildDeskBridge', () => {
  it('exposes exactly the contract methods, events and platform: no ipcRenderer, no generic invoke', () => {
    const bridge = buildDeskBridge(fakeIpcRenderer().ipcRenderer, 'linux');
    const expected = [...Object.values(bridgeMethodNames), ...Object.values(bridgeEventNames), 'platform'].sort();
    expect(Object.keys(bridge).sort()).toEqual(expected);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('invokes the prefixed wire channel with exactly one argument', async () => {
    const fake = fakeIpcRenderer();
    const bridge = buildDeskBridge(fake.ipcRenderer, 'linux');
    await bridge.removeProfile({ id: 'p1' });
    await (bridge.listProfiles as (...args: unknown[]) => Promise<unknown>)('extra', 'args');
    expect(fake.invoke.mock.calls).toEqual([
      ['desk:profiles:remove', { id: 'p1' }],
      ['desk:profiles:list', 'extra'],
    ]);
  });

  it('delivers only the payload to event listeners and unsubscribes', () => {
    const fake = fakeIpcRenderer();
    const bridge = buildDeskBridge(fake.ipcRenderer, 'linux');
    const listener = vi.fn();
    const unsubscribe = bridge.onSessionChanged(listener);
    fake.send('desk:session:changed', { session: 'payload' });
    expect(listener.mock.calls).toEqual([[{ session: 'payload' }]]);
    unsubscribe();
    fake.send('desk:session:changed', { session: 'again' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(fake.listeners.get('desk:session:changed')?.size).toBe(0);
  });
});
