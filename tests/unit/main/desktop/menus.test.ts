import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from '../../../../electron/main/desktop/app-menu';
import { contextMenuTemplate, installContextMenu } from '../../../../electron/main/desktop/context-menu';

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
const click = (item: MenuItemConstructorOptions | undefined) => item?.click?.(undefined as never, undefined as never, undefined as never);

describe('appMenuTemplate', () => {
  const build = (platform: NodeJS.Platform, isDevelopment = false) => {
    const send = vi.fn();
    const exportDiagnostics = vi.fn();
    const items = flatten(appMenuTemplate({ platform, send, exportDiagnostics, isDevelopment }));
    return { items, send, exportDiagnostics, byLabel: (label: string) => items.find((i) => i.label === label) };
  };

  it('binds the shortcuts to renderer commands', () => {
    const { byLabel, send } = build('linux');
    const expected: Array<[string, string, string]> = [
      ['Quick Switcher…', 'CmdOrCtrl+K', 'quick-switcher'],
      ['Next Conversation', 'Alt+Down', 'next-conversation'],
      ['Previous Conversation', 'Alt+Up', 'previous-conversation'],
      ['New Conversation…', 'CmdOrCtrl+N', 'new-conversation'],
      ['Settings', 'CmdOrCtrl+,', 'settings'],
      ['Toggle Participants Panel', 'CmdOrCtrl+Shift+P', 'toggle-participants'],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = byLabel(label);
      expect(item?.accelerator, label).toBe(accelerator);
      click(item);
      expect(send).toHaveBeenLastCalledWith(command);
    }
  });

  it('uses platform roles: the macOS app menu with Settings and Quit; Quit in File elsewhere', () => {
    const mac = build('darwin');
    expect(mac.items.some((i) => i.role === 'appMenu')).toBe(true);
    expect(mac.items.some((i) => i.role === 'quit')).toBe(true);
    expect(mac.byLabel('Settings…')).toBeDefined();
    const win = build('win32');
    expect(win.items.some((i) => i.role === 'appMenu')).toBe(false);
    expect(win.items.find((i) => i.role === 'quit')?.accelerator).toBe('Ctrl+Q');
    for (const role of ['editMenu', 'windowMenu']) expect(win.items.some((i) => i.role === role)).toBe(true);
  });

  it('offers Export Diagnostics and keeps developer tools out of production', () => {
    const prod = build('linux');
    click(prod.byLabel('Export Diagnostics…'));
    expect(prod.exportDiagnostics).toHaveBeenCalled();
    expect(prod.items.some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
    expect(build('linux', true).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

describe('contextMenuTemplate', () => {
  const params = (over: Partial<ContextMenuParams> = {}) =>
    ({
      isEditable: true,
      misspelledWord: '',
      dictionarySuggestions: [],
      selectionText: '',
      editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true, canUndo: true, canRedo: true, canDelete: true, canEditRichly: false },
      ...over,
    }) as ContextMenuParams;
  const target = () => ({ replaceMisspelling: vi.fn(), session: { addWordToSpellCheckerDictionary: vi.fn(() => true) } });

  it('offers spelling suggestions that replace the misspelled word, then edit actions', () => {
    const t = target();
    const items = contextMenuTemplate(params({ misspelledWord: 'teh', dictionarySuggestions: ['the', 'tech', 'ten', 'tea', 'tel', 'tex'] }), t);
    expect(items.slice(0, 5).map((i) => i.label)).toEqual(['the', 'tech', 'ten', 'tea', 'tel']);
    click(items[0]);
    expect(t.replaceMisspelling).toHaveBeenCalledWith('the');
    click(items.find((i) => i.label === 'Add to Dictionary'));
    expect(t.session.addWordToSpellCheckerDictionary).toHaveBeenCalledWith('teh');
    expect(items.filter((i) => i.role).map((i) => i.role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('says so when there are no suggestions', () => {
    const items = contextMenuTemplate(params({ misspelledWord: 'qwzx' }), target());
    expect(items[0]).toMatchObject({ label: 'No spelling suggestions', enabled: false });
  });

  it('offers only Copy on selected message text, and nothing on empty space', () => {
    expect(contextMenuTemplate(params({ isEditable: false, selectionText: 'order 1234' }), target()).map((i) => i.role)).toEqual(['copy']);
    expect(contextMenuTemplate(params({ isEditable: false }), target())).toEqual([]);
  });

  it('pops the menu up on right-click', () => {
    let listener: (e: unknown, p: ContextMenuParams) => void = () => {};
    const popup = vi.fn();
    installContextMenu({ ...target(), on: (_e, l) => (listener = l) }, popup);
    listener({}, params({ isEditable: false }));
    expect(popup).not.toHaveBeenCalled();
    listener({}, params());
    expect(popup).toHaveBeenCalledOnce();
  });
});
