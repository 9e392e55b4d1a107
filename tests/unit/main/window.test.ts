import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, isSafeExternalUrl, lockNavigation, secureSession, windowOptions } from '../../../electron/main/window';

const APP_URL = 'app://desk/index.html';
type Listener = (...args: unknown[]) => unknown;

/** webContents that records listeners so a test can emit Electron's events. */
function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const webContents = {
    on: (event: string, listener: Listener) => {
      listeners.set(event, listener);
      return webContents;
    },
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const emit = (event: string, ...args: unknown[]) => {
    const prevented = { value: false };
    listeners.get(event)?.({ preventDefault: () => (prevented.value = true) }, ...args);
    return prevented.value;
  };
  return { webContents: webContents as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>, emit, open: (url: string) => openHandler?.({ url }) };
}

describe('windowOptions', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    const prefs = windowOptions('/app/out/preload/index.js').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });
});

describe('lockNavigation', () => {
  const setup = () => {
    const fake = fakeWebContents();
    const shell = { openExternal: vi.fn(async () => {}) };
    lockNavigation(fake.webContents, { appUrl: APP_URL, shell });
    return { ...fake, shell };
  };

  it('blocks navigation away from the app page and allows the app page itself', () => {
    const { emit } = setup();
    expect(emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(emit('will-navigate', 'app://other/index.html')).toBe(true);
    expect(emit('will-navigate', 'app://desk/other.html')).toBe(false);
    expect(emit('will-navigate', `${APP_URL}#/settings`)).toBe(false);
  });

  it('prevents webviews', () => {
    expect(setup().emit('will-attach-webview')).toBe(true);
  });

  it('denies every new window, opening only http(s) and mailto links in the browser', () => {
    const { open, shell } = setup();
    expect(open('https://twilio.com/docs')).toEqual({ action: 'deny' });
    expect(open('mailto:help@example.com')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('smb://server/share')).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://twilio.com/docs'], ['mailto:help@example.com']]);
  });

  it('checks schemes, not prefixes', () => {
    expect(isSafeExternalUrl('HTTPS://example.com')).toBe(true);
    expect(isSafeExternalUrl('https-evil:foo')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
    // Phone links in messages open the system's dialer.
    expect(isSafeExternalUrl('tel:+15005550006')).toBe(true);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
  });
});

describe('secureSession', () => {
  type HeadersListener = (details: { resourceType: string; responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
  const setup = () => {
    let onHeaders: HeadersListener | null = null;
    let onRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: { requestingUrl: string }) => void) | null = null;
    let onCheck: ((wc: unknown, permission: string, origin: string) => boolean) | null = null;
    const session = {
      webRequest: { onHeadersReceived: (listener: HeadersListener) => (onHeaders = listener) },
      setPermissionRequestHandler: (h: typeof onRequest) => (onRequest = h),
      setPermissionCheckHandler: (h: typeof onCheck) => (onCheck = h),
    } as unknown as Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
    secureSession(session, { appUrl: APP_URL, csp: () => "default-src 'self'" });
    const headers = (resourceType: string, responseHeaders?: Record<string, string[]>) => {
      let result: unknown;
      onHeaders!({ resourceType, responseHeaders }, (r) => (result = r));
      return result;
    };
    const request = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      onRequest!(null, permission, (g) => (granted = g), { requestingUrl });
      return granted;
    };
    return { headers, request, check: (permission: string, origin: string) => onCheck!(null, permission, origin) };
  };

  it('replaces any CSP on the app documents with ours', () => {
    const { headers } = setup();
    expect(headers('mainFrame', { 'content-security-policy': ['default-src *'], 'x-a': ['1'] })).toEqual({
      responseHeaders: { 'x-a': ['1'], 'Content-Security-Policy': ["default-src 'self'"] },
    });
    expect(headers('xhr', { 'x-a': ['1'] })).toEqual({});
  });

  it('grants notifications to the app page and refuses camera, geolocation and other pages', () => {
    const { request, check } = setup();
    expect(request('notifications', APP_URL)).toBe(true);
    expect(request('media', APP_URL)).toBe(false);
    expect(request('geolocation', APP_URL)).toBe(false);
    expect(request('notifications', 'https://evil.example/')).toBe(false);
    expect(check('notifications', 'app://desk')).toBe(true);
    expect(check('notifications', 'file:///')).toBe(false);
    expect(check('notifications', 'null')).toBe(false);
    expect(check('notifications', 'https://evil.example')).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('creates the window with hardened options, locks it and loads the app URL', async () => {
    const fake = fakeWebContents();
    const loadURL = vi.fn(async () => {});
    const created: BrowserWindowConstructorOptions[] = [];
    createMainWindow({
      createWindow: (options) => {
        created.push(options);
        return { webContents: fake.webContents, loadURL, once: () => {}, show: () => {} } as unknown as BrowserWindow;
      },
      preloadPath: '/p.js',
      appUrl: APP_URL,
      shell: { openExternal: async () => {} },
    });
    expect(created[0]?.webPreferences?.sandbox).toBe(true);
    expect(loadURL).toHaveBeenCalledWith(APP_URL);
    expect(fake.emit('will-navigate', 'https://evil.example/')).toBe(true);
  });
});
