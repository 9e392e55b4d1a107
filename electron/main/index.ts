/**
 * Wiring only: app ready → services → IPC → window, plus the desktop pieces (tray, menu, badge,
 * notifications, deep links, power events, updates). Behaviour lives in the modules imported
 * here, each of which takes its Electron pieces as parameters (and is unit-tested with fakes).
 */
import { existsSync } from 'node:fs';
import { release } from 'node:os';
import { join, resolve } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import log from 'electron-log/main';
import { autoUpdater } from 'electron-updater';
import { wireChannel, type EventChannel, type EventPayload, type MenuCommand } from '../../shared/ipc/contract';
import { APP_ORIGIN, APP_URL, handleAppProtocol, registerAppScheme } from './app-protocol';
import { launchDocument } from './launch-document';
import { buildCsp } from './csp';
import { exportDiagnostics, readRecentLog } from './diagnostics';
import { appMenuTemplate } from './desktop/app-menu';
import { requestAttention } from './desktop/attention';
import { installCloseToTray } from './desktop/close-to-tray';
import { installContextMenu } from './desktop/context-menu';
import { createDeepLinkRouter, deepLinkArgument, registerProtocolClient } from './desktop/deep-link';
import { createDesktopIntegration } from './desktop/desktop-integration';
import { drawUnreadOverlay, encodePng, logoPng } from './desktop/icon-art';
import { createMainLocale } from './desktop/locale';
import { createNotifier } from './desktop/notifier';
import { installPowerEvents } from './desktop/power';
import { createTrayIcon } from './desktop/tray';
import { createUnreadBadge } from './desktop/unread-badge';
import { startAutoUpdates } from './desktop/updater';
import { loadWindowState, restoreBounds, saveWindowState, trackWindowState } from './desktop/window-state';
import { installIpc, trustedSenderCheck } from './ipc';
import { configureLogFile } from './logging/log-file';
import { allowOriginArgs, emulatorProcessStarter } from './emulator-process';
import { utilityProcessSpawner } from './emulator-spawners';
import { freeLoopbackPort } from './free-port';
import { createServices, type Services } from './services';
import { openDesk } from './startup';
import { createMainWindow, secureSession, WINDOW_SIZE } from './window';

const logLine = (scope: string) => {
  const scoped = log.scope(scope);
  return (line: string) => scoped.info(line);
};

// Dev server only when running unpackaged under `electron-vite dev`.
const devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
const appUrl = devServerUrl ?? APP_URL;
const preloadPath = join(__dirname, '../preload/index.js');
/** The page's origin, which the emulator's CORS and WebSocket Origin checks must let in. */
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;

// The Electron smoke test (tests/electron, unpackaged only) runs the app over a fresh folder of its own.
const smokeTest = !app.isPackaged && process.env['DESK_SMOKE_TEST'] === '1';
if (smokeTest && process.env['DESK_SMOKE_USER_DATA']) app.setPath('userData', process.env['DESK_SMOKE_USER_DATA']);
const userDataDir = app.getPath('userData');
const windowStateFile = join(userDataDir, 'window-state.json');
const platform = process.platform;

let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: ReturnType<typeof createTrayIcon<Electron.NativeImage, Electron.Menu>> | null = null;
// Menus, tray and notifications speak the language Settings and the OS choose (read at each use).
const systemLanguages = () => [...app.getPreferredSystemLanguages(), app.getLocale()];
const locale = createMainLocale({ setting: () => services?.settings.get().language ?? 'system', systemLanguages });
// Set by every way of quitting (menus, Cmd+Q, OS shutdown) so closing the window really closes.
let quitting = false;

// Redaction runs on every log line; secrets seen by the services are removed by value too.
const logFile = configureLogFile(log, { userDataDir, knownSecrets: () => services?.secrets.list() ?? [] });

const liveWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

/**
 * The Electron smoke test (tests/electron) reads what main last showed outside the window, which
 * no Electron API can list (badge count on Linux, tray tooltip). Present only when it asks.
 */
const smokeProbe = smokeTest ? { badge: null as number | null, tray: null as string | null, hasTray: false } : null;
if (smokeProbe) (globalThis as Record<string, unknown>)['deskSmokeProbe'] = smokeProbe;

function publish<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
  services?.events.publish(channel, payload);
}

function showWindow(): void {
  const window = liveWindow();
  if (!window) {
    if (services) mainWindow = openWindow(null);
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function quit(): void {
  quitting = true;
  app.quit();
}

const deepLinks = createDeepLinkRouter({
  open: (conversationSid) => publish('desktop:openConversation', { conversationSid }),
  focus: showWindow,
  log: logLine('deep-link'),
});

function openWindow(placement: Parameters<typeof createMainWindow>[0]['placement'] | null): BrowserWindow {
  // The first screen (kept copy, else the REST page) is read while the page and the SDK load.
  services?.launchAhead.start();
  const window = createMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath,
    appUrl,
    shell,
    placement: placement ?? undefined,
    log: logLine('window'),
  });
  trackWindowState(window, (state) => saveWindowState(windowStateFile, state), logLine('window'));
  installCloseToTray(window, {
    isQuitting: () => quitting,
    closeToTray: () => services?.settings.get().closeToTray ?? true,
    hasTray: tray !== null,
    platform,
  });
  installContextMenu(window.webContents, (template) => Menu.buildFromTemplate(template).popup({ window }), locale.t);
  return window;
}

function sendMenuCommand(command: MenuCommand): void {
  showWindow();
  publish('desktop:menuCommand', { command });
}

// The Conversations SDK (used by "Test profile") can leave a rejection nobody can catch when a
// connection is refused (twilsock's rejectPendingMessages). Log it rather than let it take main down.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));

async function start(): Promise<void> {
  log.initialize();
  const notifier = createNotifier({
    createNotification: (content) => new Notification({ ...content, icon: nativeImage.createFromBuffer(logoPng(64)) }),
    isSupported: () => Notification.isSupported(),
    settings: () => ready.settings.get(),
    isWindowFocused: () => liveWindow()?.isFocused() ?? false,
    t: locale.t,
    onClick: (conversationSid) => {
      showWindow();
      if (conversationSid) publish('desktop:openConversation', { conversationSid });
    },
  });
  const overlay = nativeImage.createFromBuffer(encodePng(32, 32, drawUnreadOverlay(32)), { scaleFactor: 2 });
  const showUnread = createUnreadBadge({
    platform,
    setBadgeCount: (count) => {
      if (smokeProbe) smokeProbe.badge = count;
      return app.setBadgeCount(count);
    },
    setOverlayIcon: (hasUnread, description) => liveWindow()?.setOverlayIcon(hasUnread ? overlay : null, description),
    setTray: (total, tooltip) => {
      tray?.setUnread(total, tooltip);
      if (smokeProbe && tray) smokeProbe.tray = tooltip;
    },
    t: locale.t,
  });

  const ready: Services = createServices({
    userDataDir,
    safeStorage,
    platform,
    // The emulator's CLI in a utility process (electron.vite.config.ts builds it as out/main/emulator.js).
    startEmulator: emulatorProcessStarter({
      spawn: utilityProcessSpawner((modulePath, args, options) => utilityProcess.fork(modulePath, args, options), join(__dirname, 'emulator.js')),
      extraArgs: allowOriginArgs([appOrigin]),
      log: logLine('emulator'),
      t: locale.t,
    }),
    reservePort: freeLoopbackPort,
    systemLanguages,
    log: logLine('main'),
    desktop: ({ settings, profiles, secrets }) =>
      createDesktopIntegration({
        settings: () => settings.get(),
        notifier,
        showUnread,
        requestAttention: () => requestAttention({ platform, window: liveWindow, dock: app.dock }),
        deepLinks,
        exportDiagnostics: () =>
          exportDiagnostics({
            dialog: { showSaveDialog: (options) => (liveWindow() ? dialog.showSaveDialog(liveWindow() as BrowserWindow, options) : dialog.showSaveDialog(options)) },
            defaultPath: join(app.getPath('downloads'), `conversations-desk-diagnostics-${new Date().toISOString().slice(0, 10)}.txt`),
            knownSecrets: () => secrets.list(),
            collect: async () => ({
              appVersion: app.getVersion(),
              electronVersion: process.versions.electron,
              chromeVersion: process.versions.chrome,
              platform,
              arch: process.arch,
              osRelease: release(),
              settings: settings.get(),
              profiles: await profiles.list(),
              log: await readRecentLog(logFile),
            }),
          }),
        log: logLine('desktop'),
      }),
  });
  services = ready;
  ready.events.subscribe((channel, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(wireChannel(channel), payload);
  });

  // Native menus keep the labels they were built with: rebuild them when the language changes.
  let menuLanguage = locale.language();
  ready.settings.subscribe(() => {
    if (locale.language() === menuLanguage) return;
    menuLanguage = locale.language();
    installAppMenu(ready);
    tray?.relabel();
    showUnread.refresh();
  });

  // The window does not wait for the Local workspace: openDesk starts it and opens the window at once.
  await openDesk({
    settingsLoaded: ready.settings.loaded,
    local: ready.local,
    secure: (emulatorOrigin) => {
      const csp = () => buildCsp({ emulatorOrigin: emulatorOrigin(), devServerUrl });
      // The document carries the launch snapshot (the inbox as last seen) for the first frames.
      if (!devServerUrl) handleAppProtocol(protocol, { root: join(__dirname, '../renderer'), csp, document: launchDocument({ start: (options) => services?.launchAhead.start(options), snapshot: async (ms) => (await services?.launchAhead.snapshot(ms)) ?? null }) });
      secureSession(session.defaultSession, { appUrl, csp });
      installIpc({ ipcMain, handlers: ready.handlers, isTrustedSender: trustedSenderCheck(appUrl), log: logLine('ipc'), t: locale.t });
    },
    openWindow: () => openDesktop(ready),
    reloadWindow: () => liveWindow()?.webContents.reload(),
    log: logLine('main'),
  });
}

function installAppMenu(ready: Services): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform,
        send: sendMenuCommand,
        exportDiagnostics: () => void ready.handlers['diagnostics:export'](undefined).catch((e: unknown) => log.error('diagnostics', e)),
        isDevelopment: !app.isPackaged,
        t: locale.t,
      }),
    ),
  );
}

/** Menu, tray, power events, protocol client, then the window (restored where it was). */
async function openDesktop(ready: Services): Promise<void> {
  installAppMenu(ready);
  // macOS keeps the app in the dock and menu bar; the tray is the Windows/Linux home while hidden.
  if (platform !== 'darwin') {
    try {
      tray = createTrayIcon({
        createTray: (image) => new Tray(image),
        buildMenu: (template) => Menu.buildFromTemplate(template),
        images: {
          normal: nativeImage.createFromBuffer(logoPng(32), { scaleFactor: 2 }),
          unread: nativeImage.createFromBuffer(logoPng(32, { unreadDot: true }), { scaleFactor: 2 }),
        },
        showWindow,
        quit,
        t: locale.t,
      });
      if (smokeProbe) smokeProbe.hasTray = true;
    } catch (error) {
      // Some Linux desktops have no status area: then closing the window quits (hasTray false).
      log.warn('no tray icon', error);
    }
  }
  installPowerEvents(powerMonitor, () => publish('desktop:resumed', {}), logLine('power'));
  registerProtocolClient(app, { isPackaged: app.isPackaged, execPath: process.execPath, appPath: resolve(process.argv[1] ?? '.') });

  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  mainWindow = openWindow(restoreBounds(await loadWindowState(windowStateFile, logLine('window')), workAreas, WINDOW_SIZE));

  // Windows/Linux cold start from a link: the link is in our own argv.
  const linkArg = deepLinkArgument(process.argv);
  if (linkArg) deepLinks.handle(linkArg);

  startAutoUpdates({
    updater: () => autoUpdater,
    isPackaged: app.isPackaged,
    hasPublishConfig: () => existsSync(join(process.resourcesPath, 'app-update.yml')),
    logger: log,
    log: logLine('updater'),
  });
}

// app:// must be privileged before 'ready' (Electron's rule); it is served once the app is ready.
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  // Two instances would fight over the emulator's data dir and the profiles file; the first one
  // receives our argv (with any deep link) through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    showWindow();
    const linkArg = deepLinkArgument(argv);
    if (linkArg) deepLinks.handle(linkArg);
  });
  // macOS delivers links as an event, possibly before 'ready' (cold start): registered up front.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deepLinks.handle(url);
  });

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (services) showWindow();
  });

  // Stop the emulator cleanly (it flushes its store) before the process exits.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !services) return;
    event.preventDefault();
    tray?.destroy();
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
