import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../../electron/main/desktop/app-menu';
import { contextMenuTemplate } from '../../../../electron/main/desktop/context-menu';
import { createMainLocale } from '../../../../electron/main/desktop/locale';
import { messageContent, summaryContent } from '../../../../electron/main/desktop/notifier';
import { trayMenuTemplate } from '../../../../electron/main/desktop/tray';
import { createUnreadBadge, unreadTooltip } from '../../../../electron/main/desktop/unread-badge';
import { DEFAULT_SETTINGS } from '../../../../electron/main/settings';
import type { LanguageSetting } from '../../../../shared/i18n/languages';
import type { NewMessage } from '../../../../shared/ipc/contract';

const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.label ? [item.label] : []), ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])]);

const message: NewMessage = {
  conversationSid: 'CH00000000000000000000000000000001',
  conversationTitle: 'Pedido 1234',
  author: '',
  channel: 'whatsapp',
  body: '   ',
  muted: false,
  isOpenConversation: false,
};

function localeWith(initial: LanguageSetting, system: string[]) {
  let setting = initial;
  const locale = createMainLocale({ setting: () => setting, systemLanguages: () => system });
  return { ...locale, set: (next: LanguageSetting) => (setting = next) };
}

describe('main-process words', () => {
  it('follow the OS language when Settings say System, by primary subtag', () => {
    const { t, language } = localeWith('system', ['es-MX', 'en-US']);
    expect(language()).toBe('es');
    const menu = labels(appMenuTemplate({ platform: 'linux', send: () => {}, exportDiagnostics: () => {}, isDevelopment: false, t }));
    expect(menu).toEqual(expect.arrayContaining(['&Archivo', '&Ver', 'Ajustes', 'Nueva conversación…', 'Cambio rápido…', 'Salir']));
    expect(labels(trayMenuTemplate(() => {}, () => {}, t))).toEqual(['Mostrar Conversations Desk', 'Salir de Conversations Desk']);
  });

  it('fall back to English for an OS language the desk does not ship', () => {
    expect(localeWith('system', ['de-DE', 'pt-BR']).language()).toBe('en');
  });

  it('follow a Settings override at the next use, plurals included', () => {
    const locale = localeWith('system', ['en-US']);
    expect(unreadTooltip(2, locale.t)).toBe('Conversations Desk: 2 unread messages');
    locale.set('fr');
    expect(unreadTooltip(1, locale.t)).toBe('Conversations Desk\u00a0: 1 message non lu');
    expect(unreadTooltip(3, locale.t)).toBe('Conversations Desk\u00a0: 3 messages non lus');
    locale.set('es');
    expect(unreadTooltip(1, locale.t)).toBe('Conversations Desk: 1 mensaje sin leer');
  });

  it('say the unread total again in the new language when it changes', () => {
    const locale = localeWith('en', []);
    const tooltips: string[] = [];
    const show = createUnreadBadge({ platform: 'linux', setBadgeCount: () => true, setTray: (_total, tooltip) => tooltips.push(tooltip), t: locale.t });
    show(4);
    show(4);
    locale.set('es');
    show.refresh();
    expect(tooltips).toEqual(['Conversations Desk: 4 unread messages', 'Conversations Desk: 4 mensajes sin leer']);
  });

  it('translate notifications, hidden content and summaries', () => {
    const { t, set } = localeWith('es', []);
    expect(messageContent(message, DEFAULT_SETTINGS, t)).toEqual({ title: 'Cliente · Pedido 1234 (WhatsApp)', body: 'Envió un archivo adjunto', silent: false });
    expect(messageContent(message, { ...DEFAULT_SETTINGS, hideContent: true }, t).title).toBe('Nuevo mensaje de WhatsApp');
    expect(summaryContent(5, 2, DEFAULT_SETTINGS, t)).toMatchObject({ title: '5 mensajes nuevos', body: '5 mensajes nuevos en 2 conversaciones.' });
    set('fr');
    expect(summaryContent(3, 1, DEFAULT_SETTINGS, t).body).toBe('3 nouveaux messages dans 1 conversation.');
    expect(contextMenuTemplate({ isEditable: true, misspelledWord: 'bonjuor', dictionarySuggestions: [], selectionText: '', editFlags: {} as never }, {
      replaceMisspelling: () => {},
      session: { addWordToSpellCheckerDictionary: () => true },
    }, t).map((i) => i.label).filter(Boolean)).toEqual(['Aucune suggestion orthographique', 'Ajouter au dictionnaire']);
  });

  it('keep English when no translator is given (and in English)', () => {
    expect(summaryContent(5, 2, DEFAULT_SETTINGS)).toMatchObject({ title: '5 new messages', body: '5 new messages in 2 conversations.' });
    expect(summaryContent(3, 1, DEFAULT_SETTINGS).body).toBe('3 new messages in 1 conversation.');
  });
});
