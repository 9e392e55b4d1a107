import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskBridge } from '../../../shared/ipc/contract';
import type { QueueRow } from '../../../shared/ipc/team-schema';
import { i18n } from '../i18n';
import { TeamLayer } from '../components/team/TeamLayer';
import { Thread } from '../components/thread/Thread';
import { selectInboxSids } from '../store/selectors';
import { fakeDesk, resetAll, seedConversation, signIn, state } from '../test/fakes';
import { renderInSession } from '../test/render';
import { keyCaps, matchesKey, SHORTCUTS, shortcutsFor } from './shortcuts';

const CH1 = `CH${'1'.repeat(32)}`;
const CH2 = `CH${'2'.repeat(32)}`;
const CH3 = `CH${'3'.repeat(32)}`;
const row = (sid: string, patch: Partial<QueueRow> = {}): QueueRow => ({
  sid,
  friendlyName: null,
  uniqueName: null,
  state: 'active',
  dateCreated: 1,
  dateUpdated: 5_000,
  assignee: null,
  snoozedUntil: null,
  channel: 'chat',
  customer: null,
  previous: [],
  ...patch,
});
const ok = <T,>(value: T) => ({ ok: true as const, value });

const key = (k: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('matching keys', () => {
  it('tells letters, modifiers and symbols apart', () => {
    expect(matchesKey(key('e'), 'E')).toBe(true);
    expect(matchesKey(key('E', { shiftKey: true }), 'E')).toBe(false);
    expect(matchesKey(key('e', { ctrlKey: true }), 'E')).toBe(false);
    expect(matchesKey(key('k', { ctrlKey: true }), 'CmdOrCtrl+K')).toBe(true);
    expect(matchesKey(key('k', { metaKey: true }), 'CmdOrCtrl+K')).toBe(true);
    expect(matchesKey(key('ArrowDown', { altKey: true }), 'Alt+Down')).toBe(true);
    expect(matchesKey(key('ArrowDown'), 'Alt+Down')).toBe(false);
    // "?" is Shift+/ on most layouts and a key of its own on others.
    expect(matchesKey(key('?', { shiftKey: true }), '?')).toBe(true);
    expect(matchesKey(key('?'), '?')).toBe(true);
  });

  it('shows key caps for the platform', () => {
    expect(keyCaps('CmdOrCtrl+K', 'linux')).toEqual(['Ctrl', 'K']);
    expect(keyCaps('CmdOrCtrl+K', 'darwin')).toEqual(['⌘', 'K']);
    expect(keyCaps('CmdOrCtrl+Shift+P', 'win32')).toEqual(['Ctrl', 'Shift', 'P']);
    expect(keyCaps('Down', 'linux')).toEqual(['↓']);
    expect(keyCaps('J', 'linux')).toEqual(['j']);
  });
});

describe('shortcuts in the window', () => {
  let desk: DeskBridge;
  beforeEach(() => {
    resetAll();
    desk = fakeDesk({
      assignConversation: vi.fn(async (r) => ok({ outcome: 'assigned' as const, assignee: r.assignee, row: row(r.conversationSid, { assignee: r.assignee }) })),
      setConversationState: vi.fn(async (r) => ok(row(r.conversationSid, { state: r.action === 'resolve' ? 'closed' : 'active' }))),
      teamAgents: vi.fn(async () => ok({ identities: [] })),
    });
    signIn('alice');
    seedConversation(CH1, { friendlyName: 'Acme order', dateUpdated: 300 });
    seedConversation(CH2, { friendlyName: 'Refund', dateUpdated: 200 });
    seedConversation(CH3, { friendlyName: 'Team chat', dateUpdated: 100, unreadCount: 3 });
    state().select(CH1);
    renderInSession(
      <>
        <Thread />
        <TeamLayer />
      </>,
    );
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('a assigns the open conversation to me', async () => {
    await userEvent.keyboard('a');
    expect(desk.assignConversation).toHaveBeenCalledWith({ conversationSid: CH1, assignee: 'alice', expected: null });
  });

  it('a and e act on the list row in focus, a queue conversation the agent is not in included', async () => {
    const queued = `CH${'4'.repeat(32)}`;
    state().applyQueueSnapshot({ rows: [row(queued, { friendlyName: 'Waiting customer' })], version: 1, complete: true, refreshedAt: 1 });
    state().setInboxCursor(queued);
    await userEvent.keyboard('a');
    expect(desk.assignConversation).toHaveBeenCalledWith({ conversationSid: queued, assignee: 'alice', expected: null });
    expect(state().selectedSid).toBe(CH1);
  });

  it('does nothing while the agent types in a field', async () => {
    await userEvent.click(screen.getByRole('textbox', { name: /message/i }));
    await userEvent.keyboard('aeh?u');
    expect(desk.assignConversation).not.toHaveBeenCalled();
    expect(selectInboxSids(state())).toEqual([CH1, CH2, CH3]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(state().selectedSid).toBe(CH1);
  });

  it('e resolves (with the undo window), z undoes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime.bind(vi) });
    await user.keyboard('e');
    expect(selectInboxSids(state())).toEqual([CH2, CH3]);
    expect(screen.getByRole('status').textContent).toContain('Resolved “Acme order”');
    await user.keyboard('z');
    expect(selectInboxSids(state())).toEqual([CH1, CH2, CH3]);
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(desk.setConversationState).not.toHaveBeenCalled();
  });

  it('h opens the snooze picker on the open conversation', async () => {
    await userEvent.keyboard('h');
    const picker = screen.getByRole('dialog', { name: 'Snooze until' });
    expect(within(picker).getByRole('button', { name: /^In 1 hour/ })).toBe(document.activeElement);
  });

  it('u goes to the next unread conversation, and says so when there is none', async () => {
    await userEvent.keyboard('u');
    expect(state().selectedSid).toBe(CH3);
    seedConversation(CH3, { friendlyName: 'Team chat', dateUpdated: 100, unreadCount: 0 });
    await userEvent.keyboard('u');
    expect(state().selectedSid).toBe(CH3);
    expect((await screen.findByRole('alert')).textContent).toContain('No other conversation has unread messages.');
  });

  it('? shows every shortcut of the map, with its keys; single keys do nothing while it is open', async () => {
    await userEvent.keyboard('?');
    const overlay = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(overlay).getAllByRole('term');
    const mine = shortcutsFor('linux');
    expect(rows.map((r) => r.textContent)).toEqual(mine.map((s) => i18n.t(s.label) + (s.source === 'menu' ? 'desktop app' : '')));
    for (const s of mine) {
      const caps = [...(overlay.querySelector(`[data-shortcut="${s.id}"] dd`)?.querySelectorAll('kbd') ?? [])].map((k) => k.textContent);
      expect(caps).toEqual(s.keys.flatMap((k) => keyCaps(k, 'linux')));
    }
    // The inbox's own keys (another part carries them out) are listed too.
    expect(within(overlay).getByText('Next conversation in the list')).toBeTruthy();
    await userEvent.keyboard('e');
    expect(selectInboxSids(state())).toEqual([CH1, CH2, CH3]);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('covers every shortcut of the map in the overlay (none of them platform-only on Linux)', () => {
    expect(shortcutsFor('linux').length).toBe(SHORTCUTS.length);
    expect(shortcutsFor('darwin').map((s) => s.id)).not.toContain('quit');
  });
});
