import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload, Settings } from '../../../../shared/ipc/contract';
import { fakeDesk, resetAll, seedConversation, signIn, state } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { Inbox } from '../inbox/Inbox';
import { DesktopLayer } from './DesktopLayer';

const SETTINGS: Settings = { notifications: true, hideContent: false, sound: true, doNotDisturb: false, closeToTray: true, language: 'system', clock: 'system' };
const ok = <T,>(value: T) => ({ ok: true as const, value });

let menu: (payload: EventPayload<'desktop:menuCommand'>) => void = () => {};
let desk: ReturnType<typeof fakeDesk>;

beforeEach(() => {
  resetAll();
  desk = fakeDesk({
    reportUnread: vi.fn(async () => ok(null)),
    reportNewMessage: vi.fn(async () => ok(null)),
    takePendingLink: vi.fn(async () => ok({ conversationSid: null })),
    onOpenConversation: vi.fn(() => () => undefined),
    onResumed: vi.fn(() => () => undefined),
    onMenuCommand: vi.fn((listener) => {
      menu = listener;
      return () => undefined;
    }),
    onSettingsChanged: vi.fn(() => () => undefined),
    getSettings: vi.fn(async () => ok(SETTINGS)),
    updateSettings: vi.fn(async (patch) => ok({ ...SETTINGS, ...patch })),
    exportDiagnostics: vi.fn(async () => ok({ saved: true, path: '/home/a/diag.txt' })),
  });
  signIn('alice');
  seedConversation('CH1', { friendlyName: 'Acme order', dateUpdated: 300, unreadCount: 2 });
  seedConversation('CH2', { friendlyName: 'Refund request', dateUpdated: 200 });
  seedConversation('CH3', { friendlyName: 'Team chat', dateUpdated: 100 });
});
afterEach(cleanup);

describe('DesktopLayer', () => {
  it('reports the unread total to main', () => {
    renderInSession(<DesktopLayer />);
    expect(desk.reportUnread).toHaveBeenCalledWith({ total: 2 });
  });

  it('opens the quick switcher with Ctrl+K, filters, and opens the chosen conversation with Enter', async () => {
    renderInSession(<DesktopLayer />);
    await userEvent.keyboard('{Control>}k{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Go to conversation' });
    const box = within(dialog).getByRole('combobox', { name: 'Search conversations' });
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['Acme order2 unread', 'Refund request', 'Team chat']);
    await userEvent.type(box, 'r');
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['Acme order2 unread', 'Refund request']);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(state().selectedSid).toBe('CH2');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('carries out menu commands: next/previous conversation, participants, new conversation', () => {
    renderInSession(<DesktopLayer />);
    act(() => menu({ command: 'next-conversation' }));
    expect(state().selectedSid).toBe('CH1');
    act(() => menu({ command: 'next-conversation' }));
    expect(state().selectedSid).toBe('CH2');
    act(() => menu({ command: 'previous-conversation' }));
    expect(state().selectedSid).toBe('CH1');
    const open = state().participantsOpen;
    act(() => menu({ command: 'toggle-participants' }));
    expect(state().participantsOpen).toBe(!open);
    act(() => menu({ command: 'new-conversation' }));
    expect(state().newConversationOpen).toBe(true);
  });

  it('shows labelled settings that save through main, and exports diagnostics', async () => {
    renderInSession(<DesktopLayer />);
    act(() => menu({ command: 'settings' }));
    const dnd = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Do not disturb' });
    await vi.waitFor(() => expect(dnd.closest('fieldset')?.disabled).toBe(false));
    expect(dnd.checked).toBe(false);
    await userEvent.click(dnd);
    expect(desk.updateSettings).toHaveBeenCalledWith({ doNotDisturb: true });
    expect(dnd.checked).toBe(true);
    const hide = screen.getByRole('checkbox', { name: 'Hide message content in notifications' });
    expect(document.getElementById(hide.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/without the sender/);
    await userEvent.click(screen.getByRole('button', { name: 'Export diagnostics…' }));
    expect((await screen.findByRole('status')).textContent).toBe('Diagnostics saved to /home/a/diag.txt.');
  });

  it('opens settings from the inbox’s Settings button', async () => {
    renderInSession(
      <>
        <Inbox />
        <DesktopLayer />
      </>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByRole('checkbox', { name: 'Do not disturb' })).toBeDefined();
  });

  it('opens a conversation linked before the window was listening, and tells main it is done', async () => {
    desk.takePendingLink = vi.fn(async () => ok({ conversationSid: 'CH3' }));
    renderInSession(<DesktopLayer />);
    await vi.waitFor(() => expect(state().selectedSid).toBe('CH3'));
    expect(desk.acknowledgeLink).toHaveBeenCalledWith({ conversationSid: 'CH3' });
  });

  it('asks main again after a reload while a link still waits for its conversation', async () => {
    desk.takePendingLink = vi.fn(async () => ok({ conversationSid: 'CH4' }));
    const first = renderInSession(<DesktopLayer />);
    await vi.waitFor(() => expect(desk.takePendingLink).toHaveBeenCalledTimes(1));
    first.unmount();
    // The reloaded page: main still has the link (never acknowledged), and now the conversation loads.
    renderInSession(<DesktopLayer />);
    await vi.waitFor(() => expect(desk.takePendingLink).toHaveBeenCalledTimes(2));
    expect(desk.acknowledgeLink).not.toHaveBeenCalled();
    act(() => void seedConversation('CH4'));
    expect(state().selectedSid).toBe('CH4');
    expect(desk.acknowledgeLink).toHaveBeenCalledWith({ conversationSid: 'CH4' });
  });

  it('shows the offline banner while the network is down', () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    renderInSession(<DesktopLayer />);
    expect(screen.getByRole('alert').textContent).toContain('You’re offline');
    online.mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event('online')));
    expect(screen.queryByRole('alert')).toBeNull();
    online.mockRestore();
  });
});
