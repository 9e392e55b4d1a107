import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDeskStore } from '../store';
import { fakeDesk, resetAll, signIn } from '../test/fakes';
import { ConnectionBanner } from './ConnectionBanner';

const set = (status: Parameters<ReturnType<typeof useDeskStore.getState>['setConnection']>[0], message: string | null = null) =>
  act(() => useDeskStore.getState().setConnection(status, message));

beforeEach(() => {
  resetAll();
  signIn('agent@desk.local');
});
afterEach(cleanup);

describe('ConnectionBanner', () => {
  it('shows every transient state without actions', () => {
    fakeDesk();
    render(<ConnectionBanner />);
    expect(screen.getByRole('status').textContent).toContain('Connected as agent@desk.local · Local workspace');
    for (const [status, text] of [
      ['connecting', 'Connecting…'],
      ['reconnecting', 'Connection lost. Reconnecting…'],
      ['refreshing-token', 'Renewing the access token…'],
    ] as const) {
      set(status);
      expect(screen.getByRole('status').textContent).toContain(text);
      expect(screen.queryByRole('button')).toBeNull();
    }
  });

  it('explains refused credentials and offers Retry and Accounts', async () => {
    const desk = fakeDesk({ currentSession: vi.fn(async () => ({ ok: false as const, error: { code: 'unavailable' as const, message: 'Main process not reachable' } })) });
    render(<ConnectionBanner />);
    set('error', 'Connection error: Invalid access token signature');
    expect(screen.getByText(/The service refused this account’s credentials/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(desk.currentSession).toHaveBeenCalled();
    expect(screen.getByText('Main process not reachable')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Open accounts' }));
    expect(useDeskStore.getState().screen).toBe('accounts');
  });

  it('treats denied as a credentials problem', () => {
    fakeDesk();
    render(<ConnectionBanner />);
    set('denied');
    expect(screen.getByText('Access denied')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open accounts' }).className).toBe('primary');
  });
});
