import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../../shared/ipc/contract';

export interface AppMenuDeps {
  platform: NodeJS.Platform;
  /** Menu items that act on the inbox are carried out by the renderer. */
  send: (command: MenuCommand) => void;
  exportDiagnostics: () => void;
  /** Reload and developer tools only in development builds. */
  isDevelopment: boolean;
}

/**
 * The application menu: platform roles (so Edit, Window and the macOS app menu behave natively)
 * plus the app's own commands with their shortcuts. Pure, so the shortcuts are tested.
 */
export function appMenuTemplate({ platform, send, exportDiagnostics, isDevelopment }: AppMenuDeps): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const command = (label: string, accelerator: string | undefined, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(name),
  });
  const settings = command(mac ? 'Settings…' : 'Settings', 'CmdOrCtrl+,', 'settings');
  const diagnostics: MenuItemConstructorOptions = { label: 'Export Diagnostics…', click: exportDiagnostics };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('New Conversation…', 'CmdOrCtrl+N', 'new-conversation'),
      { type: 'separator' },
      ...(mac ? [] : [settings, { type: 'separator' } as const]),
      diagnostics,
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('Quick Switcher…', 'CmdOrCtrl+K', 'quick-switcher'),
      command('Next Conversation', 'Alt+Down', 'next-conversation'),
      command('Previous Conversation', 'Alt+Up', 'previous-conversation'),
      command('Toggle Participants Panel', 'CmdOrCtrl+Shift+P', 'toggle-participants'),
      { type: 'separator' },
      ...(isDevelopment ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  return [
    ...appMenu,
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    { role: 'help', submenu: [diagnostics] },
  ];
}
