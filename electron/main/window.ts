import type { BrowserWindow, BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';
import { isAppOrigin, isAppUrl } from './app-url';

/** Default and minimum size; restored bounds are clamped to these (desktop/window-state.ts). */
export const WINDOW_SIZE = { width: 1280, height: 820, minWidth: 880, minHeight: 560 } as const;

/** Where the window opens: restored from the last run (desktop/window-state.ts) or the default. */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Hardened options for every window (see docs/style-anchors.md: hardened windows). */
export function windowOptions(preloadPath: string, placement?: WindowPlacement): BrowserWindowConstructorOptions {
  const { x, y, width, height }: Partial<WindowPlacement> & Pick<WindowPlacement, 'width' | 'height'> = placement ?? WINDOW_SIZE;
  return {
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    width,
    height,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    show: false,
    title: 'Conversations Desk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  };
}

const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Links the OS may open: web pages, e-mail and phone numbers only, never file:, smb:, custom handlers, … */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

export interface HardenDeps {
  appUrl: string;
  shell: Pick<Shell, 'openExternal'>;
  log?: (line: string) => void;
}

/** The window never leaves the app: no navigation elsewhere, no new windows, no webviews. */
export function lockNavigation(webContents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, { appUrl, shell, log = () => {} }: HardenDeps): void {
  webContents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, appUrl)) return;
    event.preventDefault();
    log(`window: blocked navigation to ${url}`);
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(({ url }) => {
    // Links in messages (target=_blank) go to the user's browser after a scheme check.
    if (isSafeExternalUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => log(`window: could not open ${url}: ${(error as Error).message}`));
    } else {
      log(`window: refused to open ${url}`);
    }
    return { action: 'deny' };
  });
}

// Notifications for new messages; loopback/local network so a file:// page may reach the emulator
// on 127.0.0.1 under Chromium's Local Network Access rules. Everything else is refused.
const ALLOWED_PERMISSIONS = new Set(['notifications', 'clipboard-sanitized-write', 'local-network-access', 'loopback-network', 'local-network']);

export interface SessionSecurityDeps {
  appUrl: string;
  /** Called per response: the emulator's port is only known once it has started. */
  csp: () => string;
}

/** CSP header on the app's documents and a closed permission policy. */
export function secureSession(
  session: Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  { appUrl, csp }: SessionSecurityDeps,
): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({});
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp()] } });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl, appUrl));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && isAppOrigin(requestingOrigin, appUrl);
  });
}

export interface MainWindowDeps extends HardenDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  placement?: WindowPlacement;
}

export function createMainWindow({ createWindow, preloadPath, appUrl, shell, placement, log = () => {} }: MainWindowDeps): BrowserWindow {
  const window = createWindow(windowOptions(preloadPath, placement));
  lockNavigation(window.webContents, { appUrl, shell, log });
  // Shown when painted, not as a white flash; maximized first so it does not visibly jump.
  window.once('ready-to-show', () => {
    if (placement?.maximized) window.maximize();
    window.show();
  });
  window.loadURL(appUrl).catch((error: unknown) => log(`window: could not load ${appUrl}: ${(error as Error).message}`));
  return window;
}
