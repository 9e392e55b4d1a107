import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, fakeDesk, resetAll, signIn, state } from '../test/fakes';
import { renderInSession } from '../test/render';
import type { ConnectionStatus } from '../store/types';
import { ConnectionBanner } from './ConnectionBanner';

const set = (status: ConnectionStatus, message: string | null = null) =>
  act(() => state().setConnection(status, message));

beforeEach(() => {
  resetAll();
  signIn('agent@desk.local');
});
afterEach(cleanup);

describe('ConnectionBanner', () => {
  it('shows a first connection and a token renewal without actions', () => {
    fakeDesk();
    renderInSession(<ConnectionBanner />);
    expect(screen.getByRole('status').textContent).toContain('Connected as agent@desk.local · Local workspace');
    for (const [status, text] of [
      ['connecting', 'Connecting…'],
      ['refreshing-token', 'Renewing the access token…'],
    ] as const) {
      set(status);
      expect(screen.getByRole('status').textContent).toContain(text);
      expect(screen.queryByRole('button')).toBeNull();
    }
  });

  it('offers Retry and Open accounts while reconnecting, so a dead profile does not spin forever', async () => {
    // Main still cannot give a session: Retry asks again and the banner says why, without spinning.
    const desk = fakeDesk({ currentSession: vi.fn(async () => ({ ok: false as const, error: { code: 'unavailable' as const, message: 'Twilio is unreachable' } })) });
    renderInSession(<ConnectionBanner />);
    set('reconnecting');
    expect(screen.getByRole('status').textContent).toContain('Connection lost. Reconnecting…');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(desk.currentSession).toHaveBeenCalled();
    await waitFor(() => expect(state().connection).toEqual({ status: 'error', message: 'Twilio is unreachable' }));
  });

  it('says a first connection’s socket failure in words, with Retry first', () => {
    fakeDesk();
    renderInSession(<ConnectionBanner />);
    set('connecting', 'Socket error: getaddrinfo ENOTFOUND tsock.us1.twilio.com');
    expect(screen.getByText(/This computer can’t find tsock\.us1\.twilio\.com: it looks offline/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' }).className).toBe('primary');
    expect(screen.getByRole('button', { name: 'Open accounts' }).className).toBe('');
  });

  it('sends a refused key (20003) to Accounts', () => {
    fakeDesk();
    renderInSession(<ConnectionBanner />);
    set('error', 'Authenticate (20003)');
    expect(screen.getByText(/The service refused this account’s credentials/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open accounts' }).className).toBe('primary');
  });

  it('explains refused credentials and offers Retry and Accounts', async () => {
    const desk = fakeDesk({ currentSession: vi.fn(async () => ({ ok: false as const, error: { code: 'unavailable' as const, message: 'Main process not reachable' } })) });
    renderInSession(<ConnectionBanner />);
    set('error', 'Connection error: Invalid access token signature');
    expect(screen.getByText(/The service refused this account’s credentials/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(desk.currentSession).toHaveBeenCalled();
    expect(screen.getByText('Main process not reachable')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Open accounts' }));
    expect(app().getState().screen).toBe('accounts');
  });

  it('treats denied as a credentials problem', () => {
    fakeDesk();
    renderInSession(<ConnectionBanner />);
    set('denied');
    expect(screen.getByText('Access denied')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open accounts' }).className).toBe('primary');
  });
});
