import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { english, type Translate } from './locale';

export interface SpellingTarget {
  replaceMisspelling(word: string): void;
  session: { addWordToSpellCheckerDictionary(word: string): boolean };
}

export type ContextMenuInput = Pick<ContextMenuParams, 'isEditable' | 'misspelledWord' | 'dictionarySuggestions' | 'selectionText' | 'editFlags'>;

const MAX_SUGGESTIONS = 5;

/**
 * Right-click menu: spelling suggestions for a misspelled word in the composer, then the usual
 * edit actions. Nothing else (no "Inspect", no "Open link"): links open by click after the
 * window's scheme check. An empty template means no menu.
 */
export function contextMenuTemplate(params: ContextMenuInput, target: SpellingTarget, t: Translate = english): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) items.push({ label: t('menu.noSuggestions'), enabled: false });
    for (const word of suggestions) items.push({ label: word, click: () => target.replaceMisspelling(word) });
    items.push(
      { label: t('menu.addToDictionary'), click: () => target.session.addWordToSpellCheckerDictionary(params.misspelledWord) },
      { type: 'separator' },
    );
  }
  if (params.isEditable) {
    items.push(
      { role: 'cut', enabled: params.editFlags.canCut },
      { role: 'copy', enabled: params.editFlags.canCopy },
      { role: 'paste', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: params.editFlags.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy', enabled: params.editFlags.canCopy });
  }
  return items;
}

export interface ContextMenuWebContents extends SpellingTarget {
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuParams) => void): unknown;
}

/** Shows the menu built by contextMenuTemplate on every right-click in the window. */
export function installContextMenu(
  webContents: ContextMenuWebContents,
  popup: (template: MenuItemConstructorOptions[]) => void,
  t: Translate = english,
): void {
  webContents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, webContents, t);
    if (template.length > 0) popup(template);
  });
}
