/**
 * The `?` overlay renders from renderer/src/keyboard/shortcuts.ts; the application menu has its
 * own accelerators. Every accelerator the menu offers must be in the map, so the overlay cannot
 * leave one out (or show one the menu dropped).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../../electron/main/desktop/app-menu';
import { shortcutsFor } from '../../../../renderer/src/keyboard/shortcuts';

function accelerators(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(typeof item.accelerator === 'string' ? [item.accelerator] : []),
    ...(Array.isArray(item.submenu) ? accelerators(item.submenu) : []),
  ]);
}

describe.each(['linux', 'win32', 'darwin'] as const)('the shortcut map on %s', (platform) => {
  const menu = accelerators(appMenuTemplate({ platform, send: () => {}, exportDiagnostics: () => {}, isDevelopment: false }));
  const mapped = shortcutsFor(platform).flatMap((s) => s.keys);

  it('lists every accelerator of the application menu', () => {
    expect(menu.length).toBeGreaterThan(3);
    expect(menu.filter((a) => !mapped.includes(a))).toEqual([]);
  });

  it('claims no menu shortcut the menu does not have', () => {
    const menuOnly = shortcutsFor(platform).filter((s) => s.source === 'menu').flatMap((s) => s.keys);
    expect(menuOnly.filter((a) => !menu.includes(a))).toEqual([]);
  });

  it('gives no key two meanings', () => {
    expect(mapped.filter((k, i) => mapped.indexOf(k) !== i)).toEqual([]);
  });
});
