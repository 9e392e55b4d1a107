import { describe, expect, it, vi } from 'vitest';
import type { LocalWorkspaceEndpoint } from '../../../electron/main/local-workspace';
import { openDesk } from '../../../electron/main/startup';

/** A Local workspace whose emulator comes up only when the test says so. */
function slowLocal(planned: string | null) {
  let up!: (endpoint: LocalWorkspaceEndpoint) => void;
  const started = new Promise<LocalWorkspaceEndpoint>((resolve) => (up = resolve));
  return {
    local: { start: vi.fn(() => started), plannedOrigin: vi.fn(async () => planned) },
    up: (port: number) => up({ port, origin: `http://127.0.0.1:${port}`, restBaseUrl: `http://127.0.0.1:${port}` }),
  };
}

describe('openDesk', () => {
  it('starts the emulator first and opens the window without waiting for it, with a CSP naming the planned origin', async () => {
    const { local, up } = slowLocal('http://127.0.0.1:45000');
    const order: string[] = [];
    let origin: (() => string | null) | null = null;
    const reloadWindow = vi.fn();
    const opened = await openDesk({
      settingsLoaded: Promise.resolve(),
      local,
      secure: (o) => {
        origin = o;
        order.push('secure');
      },
      openWindow: () => void order.push('window'),
      reloadWindow,
    });
    expect(local.start).toHaveBeenCalledBefore(local.plannedOrigin);
    expect(order).toEqual(['secure', 'window']);
    expect(origin!()).toBe('http://127.0.0.1:45000');
    up(45000);
    await opened.emulator;
    expect(reloadWindow).not.toHaveBeenCalled();
  });

  it('reloads the window when the emulator had to take another port', async () => {
    const { local, up } = slowLocal('http://127.0.0.1:45000');
    let origin: (() => string | null) | null = null;
    const reloadWindow = vi.fn();
    const opened = await openDesk({ settingsLoaded: Promise.resolve(), local, secure: (o) => (origin = o), openWindow: () => {}, reloadWindow });
    up(45001);
    await opened.emulator;
    expect(origin!()).toBe('http://127.0.0.1:45001');
    expect(reloadWindow).toHaveBeenCalledTimes(1);
  });

  it('opens the window when the Local workspace cannot start at all', async () => {
    const lines: string[] = [];
    const openWindow = vi.fn();
    const opened = await openDesk({
      settingsLoaded: Promise.resolve(),
      local: { start: () => Promise.reject(new Error('no emulator')), plannedOrigin: async () => null },
      secure: () => {},
      openWindow,
      reloadWindow: () => {},
      log: (l) => lines.push(l),
    });
    await opened.emulator;
    expect(openWindow).toHaveBeenCalled();
    expect(lines.join()).toMatch(/did not start: no emulator/);
  });
});
