import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../shared/ipc/contract';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { DesktopLayer } from '../components/desktop/DesktopLayer';
import { defaultMessage } from '../sdk/connection-state';
import { Inbox } from '../components/inbox/Inbox';
import { Thread } from '../components/thread/Thread';
import { fakeDesk, resetAll, seedConversation, signIn, state } from '../test/fakes';
import { renderWithLayout } from '../test/render';
import { initI18n, setLocale } from '.';

const ok = <T,>(value: T) => ({ ok: true as const, value });
const today = new Date().setHours(14, 5, 0, 0);
const longAgo = new Date(2025, 2, 12, 9, 0).getTime();

let saved: Settings;

beforeEach(() => {
  resetAll();
  saved = { notifications: true, hideContent: false, sound: true, doNotDisturb: false, closeToTray: true, language: 'system', clock: 'system' };
  fakeDesk({
    reportUnread: vi.fn(async () => ok(null)),
    reportNewMessage: vi.fn(async () => ok(null)),
    takePendingLink: vi.fn(async () => ok({ conversationSid: null })),
    onOpenConversation: vi.fn(() => () => undefined),
    onResumed: vi.fn(() => () => undefined),
    onMenuCommand: vi.fn(() => () => undefined),
    onSettingsChanged: vi.fn(() => () => undefined),
    getSettings: vi.fn(async () => ok(saved)),
    updateSettings: vi.fn(async (patch) => ok((saved = { ...saved, ...patch }))),
  });
  signIn('alice');
  seedConversation('CH1', { friendlyName: 'Acme order', dateUpdated: today });
  seedConversation('CH2', { friendlyName: 'Refund request', dateUpdated: longAgo });
});
afterEach(() => {
  cleanup();
  // Back to the English every other test reads.
  act(() => setLocale({ language: 'en', formatLocale: 'en-US', clock: 'system' }));
  initI18n('en', 'en-US');
});

const rowTime = (name: string) => within(screen.getByRole('button', { name: new RegExp(`^${name}`) })).getByText(/\d/).textContent;

async function openSettings() {
  await userEvent.click(screen.getByRole('button', { name: /^(Settings|Ajustes)$/ }));
  const dialog = await screen.findByRole('dialog');
  // The language and clock choices are enabled once main's settings are in (the first group, the
  // display name, has its own life: waiting on it let a loaded CI machine select a disabled clock).
  await vi.waitFor(() => {
    const choices = within(dialog).getAllByRole('combobox');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.every((c) => !(c as HTMLSelectElement).disabled)).toBe(true);
  });
  return dialog;
}

describe('language and clock settings', () => {
  it('shows 14:05 with the 24-hour clock and 2:05 PM with the 12-hour one', async () => {
    renderWithLayout(
      <>
        <Inbox />
        <DesktopLayer />
      </>,
    );
    expect(rowTime('Acme order')).toBe('2:05 PM'); // en-US's own habit
    const dialog = await openSettings();
    const clock = within(dialog).getByRole('combobox', { name: 'Clock' });
    expect(within(clock).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'System default (2:05 PM)',
      '12-hour (2:05 PM)',
      '24-hour (14:05)',
    ]);
    // Saving goes to main and back: awaited, not assumed done with the select's own event.
    await userEvent.selectOptions(clock, '24h');
    await vi.waitFor(() => expect(saved.clock).toBe('24h'));
    await vi.waitFor(() => expect(rowTime('Acme order')).toBe('14:05'));
    await userEvent.selectOptions(clock, '12h');
    await vi.waitFor(() => expect(rowTime('Acme order')).toBe('2:05 PM'));
  });

  it('switches visible text, dates and times to Español', async () => {
    renderWithLayout(
      <>
        <Inbox />
        <DesktopLayer />
      </>,
    );
    expect(screen.getByRole('searchbox', { name: 'Search conversations' }).getAttribute('placeholder')).toBe('Search names, numbers, messages');
    expect(rowTime('Refund request')).toBe('Mar 12');
    const dialog = await openSettings();
    expect(within(dialog).getByRole('heading').textContent).toBe('Settings');

    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Language' }), 'es');
    expect(saved.language).toBe('es');
    expect(within(dialog).getByRole('heading').textContent).toBe('Ajustes');
    expect(within(dialog).getByRole('combobox', { name: 'Idioma' })).toBeTruthy();
    const search = screen.getByRole('searchbox', { name: 'Buscar conversaciones' });
    expect(search.getAttribute('placeholder')).toBe('Nombres, números, mensajes');
    expect(screen.getAllByText('Todavía no hay mensajes')).toHaveLength(2);
    // Spanish writes the day before the month and, by default, a 24-hour clock.
    expect(rowTime('Refund request')).toBe('12 mar');
    expect(rowTime('Acme order')).toBe('14:05');
    expect(document.documentElement.lang).toBe('es');
    // Remembered for the next launch's first paint.
    expect(JSON.parse(localStorage.getItem('desk.locale') ?? 'null')).toMatchObject({ language: 'es', clock: 'system' });
  });

  it('says the connection’s state and the SDK layer’s stock messages in the language', () => {
    renderWithLayout(<ConnectionBanner />);
    act(() => setLocale({ language: 'es', formatLocale: 'es', clock: 'system' }));
    expect(screen.getByRole('status').textContent).toBe('Conectado como alice · Espacio local');
    act(() => state().setConnection('disconnected', defaultMessage('disconnected')));
    expect(screen.getByRole('status').textContent).toContain('DesconectadoDesconectado del servicio.');
    expect(screen.getByRole('button', { name: 'Reintentar' })).toBeTruthy();
    act(() => state().setConnection('refreshing-token', 'Renewing the access token…'));
    expect(screen.getByRole('status').textContent).toBe('Renovando el token de acceso…');
  });

  it('says why a message waits in the outbox, and what the agent can do, in the language', async () => {
    const conv = seedConversation('CH3', { friendlyName: 'Courier', dateUpdated: today });
    conv.getMessages.mockImplementation(() => new Promise(() => undefined));
    act(() => {
      state().pendingSend('CH3', { type: 'add', pending: { localId: 'key-1', body: 'Llega el lunes', attachments: [], status: 'queued', error: 'busy', index: null, createdAt: 1 } });
      state().pendingSend('CH3', { type: 'add', pending: { localId: 'key-2', body: 'Y otro', attachments: [], status: 'sending', error: null, index: null, createdAt: 2 } });
      state().pendingSend('CH3', { type: 'failed', localId: 'key-2', error: 'conversationGone' });
      state().select('CH3');
    });
    renderWithLayout(<Thread />);
    act(() => setLocale({ language: 'es', formatLocale: 'es', clock: 'system' }));
    const queued = await screen.findByRole('article', { name: 'Mensaje en cola' });
    expect(queued.textContent).toContain('En cola');
    expect(queued.textContent).toContain('Twilio está ocupado; se reintentará en breve.');
    expect(within(queued).getByRole('button', { name: 'Editar' })).toBeTruthy();
    expect(within(queued).getByRole('button', { name: 'Cancelar' })).toBeTruthy();
    act(() => setLocale({ language: 'fr', formatLocale: 'fr-FR', clock: 'system' }));
    expect((await screen.findByRole('article', { name: 'Message en file d’attente' })).textContent).toContain('Twilio est occupé\u00a0; nouvel essai sous peu.');
    expect(screen.getByRole('alert').textContent).toContain('Cette conversation n’est plus disponible');
  });

  it('says unread counts with the language’s plural forms', () => {
    seedConversation('CH3', { friendlyName: 'Team chat', dateUpdated: today, unreadCount: 1, lastMessageIndex: 0 });
    seedConversation('CH4', { friendlyName: 'Billing', dateUpdated: today, unreadCount: 3, lastMessageIndex: 2 });
    renderWithLayout(<Inbox />);
    expect(screen.getByRole('button', { name: /^Team chat/ }).getAttribute('aria-label')).toBe('Team chat, Chat, 1 unread');
    act(() => setLocale({ language: 'fr', formatLocale: 'fr-FR', clock: 'system' }));
    expect(screen.getByRole('button', { name: /^Team chat/ }).getAttribute('aria-label')).toBe('Team chat, Chat, 1 non lu');
    expect(screen.getByRole('button', { name: /^Billing/ }).getAttribute('aria-label')).toBe('Billing, Chat, 3 non lus');
    expect(screen.getByRole('navigation', { name: 'Réception' })).toBeTruthy();
  });
});
