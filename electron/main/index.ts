/**
 * Wiring only: app ready → services → IPC → window. Behaviour lives in the modules imported here,
 * each of which takes its Electron pieces as parameters (and is unit-tested with fakes).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron';
import log from 'electron-log/main';
import { startEmulator } from '../emulator';
import { wireChannel } from '../../shared/ipc/contract';
import { buildCsp } from './csp';
import { installIpc, trustedSenderCheck } from './ipc';
import { createServices, type Services } from './services';
import { createMainWindow, secureSession } from './window';

const logLine = (scope: string) => {
  const scoped = log.scope(scope);
  return (line: string) => scoped.info(line);
};

// Dev server only when running unpackaged under `electron-vite dev`.
const devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
const appUrl = devServerUrl ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;
const preloadPath = join(__dirname, '../preload/index.js');

let services: Services | null = null;
let emulatorOrigin: string | null = null;

function openWindow(): BrowserWindow {
  return createMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath,
    appUrl,
    shell,
    log: logLine('window'),
  });
}

// The Conversations SDK (used by "Test profile") can leave a rejection nobody can catch when a
// connection is refused (twilsock's rejectPendingMessages). Log it rather than let it take main down.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));

async function start(): Promise<void> {
  log.initialize();
  const ready = createServices({
    userDataDir: app.getPath('userData'),
    safeStorage,
    platform: process.platform,
    startEmulator,
    log: logLine('main'),
  });
  services = ready;

  // The Local workspace is the default profile; if it cannot start, Twilio profiles still work.
  try {
    emulatorOrigin = (await ready.local.start()).origin;
  } catch (error) {
    log.error('local workspace did not start', error);
  }

  secureSession(session.defaultSession, { appUrl, csp: () => buildCsp({ emulatorOrigin, devServerUrl }) });
  installIpc({ ipcMain, handlers: ready.handlers, isTrustedSender: trustedSenderCheck(appUrl), log: logLine('ipc') });
  ready.events.subscribe((channel, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(wireChannel(channel), payload);
  });
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Two instances would fight over the emulator's data dir and the profiles file.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Stop the emulator cleanly (it flushes its store) before the process exits.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !services) return;
    event.preventDefault();
    services
      .close()
      .catch((error: unknown) => log.error('shutdown', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('startup failed', error);
      app.exit(1);
    });
}
