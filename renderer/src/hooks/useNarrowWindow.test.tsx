import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskProvider } from '../session/context';
import { hostForTests, resetAll, signIn, state } from '../test/fakes';
import { NARROW_QUERY, useNarrowWindow } from './useNarrowWindow';

/** A window whose width the test sets, as matchMedia reports it. */
function fakeWidth(initial: number) {
  let width = initial;
  const listeners = new Set<() => void>();
  vi.stubGlobal('matchMedia', (q: string) => {
    expect(q).toBe(NARROW_QUERY);
    return {
      get matches() {
        return width < 1200;
      },
      addEventListener: (_: string, l: () => void) => listeners.add(l),
      removeEventListener: (_: string, l: () => void) => listeners.delete(l),
    };
  });
  return (w: number) => {
    width = w;
    for (const l of listeners) l();
  };
}

const wrapper = ({ children }: { children: ReactNode }) => <DeskProvider host={hostForTests()}>{children}</DeskProvider>;

beforeEach(() => {
  resetAll();
  signIn('alice');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useNarrowWindow', () => {
  it('starts with the participants drawer closed in a 1024 px window and opens the panel when the window widens', () => {
    const resize = fakeWidth(1024);
    const { result } = renderHook(() => useNarrowWindow(), { wrapper });
    expect(result.current).toBe(true);
    expect(state().participantsOpen).toBe(false);
    act(() => state().toggleParticipants(true)); // the header's Participants button opens the drawer
    expect(state().participantsOpen).toBe(true);
    act(() => resize(1360));
    expect(result.current).toBe(false);
    expect(state().participantsOpen).toBe(true);
    act(() => resize(1100));
    expect(state().participantsOpen).toBe(false);
  });

  it('leaves the panel open in a wide window', () => {
    fakeWidth(1360);
    const { result } = renderHook(() => useNarrowWindow(), { wrapper });
    expect(result.current).toBe(false);
    expect(state().participantsOpen).toBe(true);
  });
});
