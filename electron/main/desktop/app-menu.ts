import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../../shared/ipc/contract';
import { english, type Translate } from './locale';

export interface AppMenuDeps {
  platform: NodeJS.Platform;
  /** Menu items that act on the inbox are carried out by the renderer. */
  send: (command: MenuCommand) => void;
  exportDiagnostics: () => void;
  /** Reload and developer tools only in development builds. */
  isDevelopment: boolean;
  /** Labels in the user's language (locale.ts); English when omitted. Roles keep Electron's own labels. */
  t?: Translate;
}

/**
 * The application menu: platform roles (so Edit, Window and the macOS app menu behave natively)
 * plus the app's own commands with their shortcuts. Pure, so the shortcuts are tested.
 */
export function appMenuTemplate({ platform, send, exportDiagnostics, isDevelopment, t = english }: AppMenuDeps): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const command = (label: string, accelerator: string | undefined, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(name),
  });
  const settings = command(mac ? t('menu.settingsMac') : t('menu.settings'), 'CmdOrCtrl+,', 'settings');
  const diagnostics: MenuItemConstructorOptions = { label: t('menu.exportDiagnostics'), click: exportDiagnostics };

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
    label: t('menu.file'),
    submenu: [
      command(t('menu.newConversation'), 'CmdOrCtrl+N', 'new-conversation'),
      { type: 'separator' },
      ...(mac ? [] : [settings, { type: 'separator' } as const]),
      diagnostics,
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: t('menu.quit'), accelerator: 'Ctrl+Q' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      command(t('menu.quickSwitcher'), 'CmdOrCtrl+K', 'quick-switcher'),
      command(t('menu.nextConversation'), 'Alt+Down', 'next-conversation'),
      command(t('menu.previousConversation'), 'Alt+Up', 'previous-conversation'),
      command(t('menu.toggleParticipants'), 'CmdOrCtrl+Shift+P', 'toggle-participants'),
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
