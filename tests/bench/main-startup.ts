/**
 * Main's launch path with Electron faked: app ready → window shown, against the real services and
 * the Local workspace's emulator in a real child process. The window must not wait for the
 * emulator, so the emulator's own start is measured alongside for contrast.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { createDevSafeStorage } from '../../electron/dev/dev-safe-storage';
import { nodeEmulatorSpawner } from '../../electron/dev/emulator-spawner';
import { APP_URL } from '../../electron/main/app-protocol';
import { emulatorProcessStarter } from '../../electron/main/emulator-process';
import { freeLoopbackPort } from '../../electron/main/free-port';
import { createServices } from '../../electron/main/services';
import { openDesk } from '../../electron/main/startup';
import { createMainWindow } from '../../electron/main/window';

export interface MainStartup {
  /** App ready → the window's show() (the fake window is "painted" at once). */
  windowShownMs: number;
  /** App ready → the emulator's process printed its JSON line. */
  emulatorUpMs: number;
}

/** A BrowserWindow that is ready to show as soon as it is asked to load. */
function fakeWindow(shown: () => void): BrowserWindow {
  const listeners = new Map<string, () => void>();
  return {
    webContents: { on: () => undefined, setWindowOpenHandler: () => undefined },
    once: (event: string, listener: () => void) => listeners.set(event, listener),
    loadURL: async () => setImmediate(() => listeners.get('ready-to-show')?.()),
    maximize: () => undefined,
    show: shown,
  } as unknown as BrowserWindow;
}

export async function mainStartup(): Promise<MainStartup> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'desk-main-startup-'));
  const services = createServices({
    userDataDir,
    safeStorage: createDevSafeStorage(),
    platform: process.platform,
    startEmulator: emulatorProcessStarter({ spawn: nodeEmulatorSpawner() }),
    reservePort: freeLoopbackPort,
  });
  try {
    const ready = performance.now();
    let windowShownMs = Number.NaN;
    const shown = new Promise<void>((resolve) => {
      void openDesk({
        settingsLoaded: services.settings.loaded,
        local: services.local,
        secure: () => undefined,
        openWindow: () => {
          createMainWindow({
            createWindow: () =>
              fakeWindow(() => {
                windowShownMs = performance.now() - ready;
                resolve();
              }),
            preloadPath: '/fake/preload.js',
            appUrl: APP_URL,
            shell: { openExternal: async () => undefined },
          });
        },
        reloadWindow: () => undefined,
      });
    });
    await shown;
    await services.local.start();
    const emulatorUpMs = performance.now() - ready;
    return { windowShownMs, emulatorUpMs };
  } finally {
    await services.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
