import { english, type Translate } from './locale';

/** Where the unread total is shown outside the window. */
export interface BadgeTargets {
  platform: NodeJS.Platform;
  /** app.setBadgeCount: macOS dock and Linux launchers that support it (Unity, KDE, GNOME docks). */
  setBadgeCount: (count: number) => boolean;
  /** Windows has no badge count API: an overlay icon on the taskbar button stands in. */
  setOverlayIcon?: (hasUnread: boolean, description: string) => void;
  /** Tray tooltip and icon (Windows/Linux). */
  setTray?: (total: number, tooltip: string) => void;
  t?: Translate;
}

export function unreadTooltip(total: number, t: Translate = english): string {
  if (total === 0) return 'Conversations Desk';
  return t('tray.unread', { count: total });
}

/** Shows the renderer's unread total; repeated totals are skipped (the renderer reports often). */
export function createUnreadBadge(targets: BadgeTargets) {
  let shown: number | null = null;
  const render = (total: number) => {
    targets.setBadgeCount(total);
    const tooltip = unreadTooltip(total, targets.t);
    if (targets.platform === 'win32') targets.setOverlayIcon?.(total > 0, tooltip);
    targets.setTray?.(total, tooltip);
  };
  const show = (total: number): void => {
    if (total === shown) return;
    shown = total;
    render(total);
  };
  /** The language changed: say the same total again in the new words. */
  const refresh = (): void => {
    if (shown !== null) render(shown);
  };
  return Object.assign(show, { refresh });
}
