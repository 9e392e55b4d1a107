import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalStatus } from '../../../shared/ipc/contract';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { fakeDesk, resetAll, signIn, state, store } from '../test/fakes';
import { renderInSession } from '../test/render';
import { followLocalWorkspace } from './local-status';

beforeEach(resetAll);
afterEach(cleanup);

const deskReporting = (status: LocalStatus) => {
  let emit: (status: LocalStatus) => void = () => {};
  const desk = fakeDesk({
    localStatus: vi.fn(async () => ({ ok: true as const, value: status })),
    onLocalStatusChanged: vi.fn((listener: (s: LocalStatus) => void) => {
      emit = listener;
      return () => {};
    }),
  });
  return { desk, emit: (s: LocalStatus) => act(() => emit(s)) };
};

describe('followLocalWorkspace', () => {
  it('says the Local workspace is starting while the first session is awaited', async () => {
    const { desk } = deskReporting({ state: 'starting', message: null });
    state().setConnection('connecting');
    renderInSession(<ConnectionBanner />);
    followLocalWorkspace(desk, store);
    expect(await screen.findByText('Starting the Local workspace…')).toBeTruthy();
    expect(screen.queryByText('Connecting…')).toBeNull();
  });

  it('leaves a signed-in session alone while starting, and shows why it failed', async () => {
    const { desk, emit } = deskReporting({ state: 'running', message: null });
    signIn('agent@desk.local');
    state().setConnection('reconnecting');
    renderInSession(<ConnectionBanner />);
    followLocalWorkspace(desk, store);
    emit({ state: 'starting', message: null });
    expect(screen.getByRole('status').textContent).toContain('Connection lost. Reconnecting…');
    emit({ state: 'failed', message: 'The Local workspace stopped 5 times in a row.' });
    expect(screen.getByText('The Local workspace stopped 5 times in a row.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
