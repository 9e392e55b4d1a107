import { describe, expect, it, vi } from 'vitest';
import type { NewMessage } from '../../../../shared/ipc/contract';
import { requestAttention } from '../../../../electron/main/desktop/attention';
import { installCloseToTray } from '../../../../electron/main/desktop/close-to-tray';
import { createDesktopIntegration } from '../../../../electron/main/desktop/desktop-integration';
import { installPowerEvents } from '../../../../electron/main/desktop/power';
import { createTrayIcon, trayMenuTemplate } from '../../../../electron/main/desktop/tray';
import { createUnreadBadge } from '../../../../electron/main/desktop/unread-badge';
import { DEFAULT_SETTINGS } from '../../../../electron/main/settings';

const msg: NewMessage = {
  conversationSid: `CH${'a'.repeat(32)}`,
  conversationTitle: 'Jane',
  author: 'Jane',
  channel: 'chat',
  body: 'hi',
  muted: false,
  isOpenConversation: false,
};

describe('createDesktopIntegration', () => {
  const setup = (settings = DEFAULT_SETTINGS) => {
    const deps = {
      settings: () => settings,
      notifier: { notify: vi.fn(() => ({ shown: 'message' as const })) },
      showUnread: vi.fn(),
      requestAttention: vi.fn(),
      deepLinks: { takePending: vi.fn(() => 'CHx'), acknowledge: vi.fn() },
      exportDiagnostics: vi.fn(async () => ({ saved: true, path: '/tmp/d.txt' })),
    };
    return { port: createDesktopIntegration(deps), deps };
  };

  it('notifies and asks for attention on a new message', () => {
    const { port, deps } = setup();
    port.newMessage(msg);
    expect(deps.notifier.notify).toHaveBeenCalledWith(msg);
    expect(deps.requestAttention).toHaveBeenCalledOnce();
  });

  it('does not flash for muted conversations or during do-not-disturb', () => {
    const muted = setup();
    muted.port.newMessage({ ...msg, muted: true });
    expect(muted.deps.requestAttention).not.toHaveBeenCalled();
    const dnd = setup({ ...DEFAULT_SETTINGS, doNotDisturb: true });
    dnd.port.newMessage(msg);
    expect(dnd.deps.requestAttention).not.toHaveBeenCalled();
  });

  it('passes unread totals, pending links and diagnostics through', async () => {
    const { port, deps } = setup();
    port.unreadChanged(4);
    expect(deps.showUnread).toHaveBeenCalledWith(4);
    expect(port.takePendingLink()).toBe('CHx');
    expect(await port.exportDiagnostics()).toEqual({ saved: true, path: '/tmp/d.txt' });
  });
});

describe('requestAttention', () => {
  const fakeWindow = (focused: boolean) => {
    const focusListeners: Array<() => void> = [];
    return {
      isFocused: () => focused,
      isDestroyed: () => false,
      flashFrame: vi.fn(),
      once: (_e: 'focus', l: () => void) => focusListeners.push(l),
      focus: () => focusListeners.forEach((l) => l()),
    };
  };

  it('flashes the taskbar button until the window is focused (Windows/Linux)', () => {
    const w = fakeWindow(false);
    expect(requestAttention({ platform: 'win32', window: () => w })).toBe('flashed');
    expect(w.flashFrame).toHaveBeenLastCalledWith(true);
    w.focus();
    expect(w.flashFrame).toHaveBeenLastCalledWith(false);
  });

  it('bounces the dock once on macOS, and does nothing while focused', () => {
    const dock = { bounce: vi.fn(() => 1) };
    expect(requestAttention({ platform: 'darwin', window: () => fakeWindow(false), dock })).toBe('bounced');
    expect(dock.bounce).toHaveBeenCalledWith('informational');
    const focused = fakeWindow(true);
    expect(requestAttention({ platform: 'linux', window: () => focused })).toBe('focused');
    expect(focused.flashFrame).not.toHaveBeenCalled();
  });
});

describe('createUnreadBadge', () => {
  it('sets the badge count everywhere, the overlay on Windows only, and skips repeats', () => {
    const targets = { setBadgeCount: vi.fn(() => true), setOverlayIcon: vi.fn(), setTray: vi.fn() };
    const win = createUnreadBadge({ platform: 'win32', ...targets });
    win(3);
    win(3);
    win(0);
    expect(targets.setBadgeCount.mock.calls).toEqual([[3], [0]]);
    expect(targets.setOverlayIcon.mock.calls).toEqual([
      [true, 'Conversations Desk: 3 unread messages'],
      [false, 'Conversations Desk'],
    ]);
    expect(targets.setTray).toHaveBeenCalledWith(3, 'Conversations Desk: 3 unread messages');
    const linux = { setBadgeCount: vi.fn(() => true), setOverlayIcon: vi.fn() };
    createUnreadBadge({ platform: 'linux', ...linux })(1);
    expect(linux.setOverlayIcon).not.toHaveBeenCalled();
  });
});

describe('createTrayIcon', () => {
  it('shows the window on click, offers Quit, and swaps the icon and tooltip with unread', () => {
    const calls: string[] = [];
    const listeners = new Map<string, () => void>();
    const showWindow = vi.fn();
    const quit = vi.fn();
    const tray = createTrayIcon({
      createTray: (image: string) => {
        calls.push(`create ${image}`);
        return {
          setToolTip: (t: string) => calls.push(`tooltip ${t}`),
          setImage: (i: never) => calls.push(`image ${String(i)}`),
          setContextMenu: () => calls.push('menu'),
          on: (e: string, l: () => void) => listeners.set(e, l),
          destroy: () => calls.push('destroy'),
        };
      },
      buildMenu: (template) => template,
      images: { normal: 'logo', unread: 'logo+dot' },
      showWindow,
      quit,
    });
    listeners.get('click')?.();
    expect(showWindow).toHaveBeenCalled();
    tray.setUnread(2, '2 unread');
    tray.setUnread(5, '5 unread');
    tray.setUnread(0, 'none');
    expect(calls).toEqual(['create logo', 'tooltip Conversations Desk', 'menu', 'tooltip 2 unread', 'image logo+dot', 'tooltip 5 unread', 'tooltip none', 'image logo']);
    const items = trayMenuTemplate(showWindow, quit);
    items.find((i) => i.label?.startsWith('Quit'))?.click?.(undefined as never, undefined as never, undefined as never);
    expect(quit).toHaveBeenCalled();
  });
});

describe('installCloseToTray', () => {
  const close = (deps: Parameters<typeof installCloseToTray>[1]) => {
    let listener: (e: { preventDefault(): void }) => void = () => {};
    const window = { on: (_e: 'close', l: typeof listener) => (listener = l), hide: vi.fn() };
    installCloseToTray(window, deps);
    const event = { preventDefault: vi.fn() };
    listener(event);
    return { prevented: event.preventDefault.mock.calls.length > 0, hidden: window.hide.mock.calls.length > 0 };
  };
  const base = { isQuitting: () => false, closeToTray: () => true, hasTray: true, platform: 'win32' as const };

  it('hides instead of closing on Windows/Linux with a tray, and always on macOS', () => {
    expect(close(base)).toEqual({ prevented: true, hidden: true });
    expect(close({ ...base, platform: 'darwin', hasTray: false, closeToTray: () => false })).toEqual({ prevented: true, hidden: true });
  });

  it('really closes when quitting, when the setting is off, or when there is no tray', () => {
    expect(close({ ...base, isQuitting: () => true })).toEqual({ prevented: false, hidden: false });
    expect(close({ ...base, closeToTray: () => false })).toEqual({ prevented: false, hidden: false });
    expect(close({ ...base, platform: 'linux', hasTray: false })).toEqual({ prevented: false, hidden: false });
  });
});

describe('installPowerEvents', () => {
  it('reports resume so the renderer can reconnect at once', () => {
    const listeners = new Map<string, () => void>();
    const onResume = vi.fn();
    installPowerEvents({ on: (e, l) => listeners.set(e, l) }, onResume);
    listeners.get('suspend')?.();
    expect(onResume).not.toHaveBeenCalled();
    listeners.get('resume')?.();
    expect(onResume).toHaveBeenCalledOnce();
  });
});
