import type { MenuItemConstructorOptions } from 'electron';
import { english, type Translate } from './locale';

/** The parts of Electron's Tray used here. */
export interface TrayLike {
  setToolTip(tooltip: string): void;
  setImage(image: never): void;
  setContextMenu(menu: never): void;
  on(event: 'click' | 'double-click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps<Image, Menu> {
  createTray: (image: Image) => TrayLike;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  images: { normal: Image; unread: Image };
  showWindow: () => void;
  quit: () => void;
  t?: Translate;
}

export function trayMenuTemplate(showWindow: () => void, quit: () => void, t: Translate = english): MenuItemConstructorOptions[] {
  return [
    { label: t('tray.show'), click: showWindow },
    { type: 'separator' },
    { label: t('tray.quit'), click: quit },
  ];
}

/**
 * The tray icon (Windows/Linux): where the app lives while its window is closed. A click shows
 * the window; the menu also offers Quit, the only way out when closing only hides.
 */
export function createTrayIcon<Image, Menu>(deps: TrayDeps<Image, Menu>) {
  const tray = deps.createTray(deps.images.normal);
  tray.setToolTip('Conversations Desk');
  const setMenu = () => tray.setContextMenu(deps.buildMenu(trayMenuTemplate(deps.showWindow, deps.quit, deps.t)) as never);
  setMenu();
  tray.on('click', deps.showWindow);
  let unread = false;
  return {
    setUnread(total: number, tooltip: string): void {
      tray.setToolTip(tooltip);
      if (total > 0 === unread) return;
      unread = total > 0;
      tray.setImage((unread ? deps.images.unread : deps.images.normal) as never);
    },
    /** The language changed: rebuild the menu's labels. */
    relabel: setMenu,
    destroy: () => tray.destroy(),
  };
}
