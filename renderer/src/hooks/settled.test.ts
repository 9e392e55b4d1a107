import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { followSettled, SETTLE_MS } from './settled';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const counter = () => createStore<{ n: number; other: number }>(() => ({ n: 1, other: 0 }));

describe('followSettled', () => {
  it('applies the current value at once, and a change once it has held still', () => {
    const store = counter();
    const apply = vi.fn();
    followSettled(store, (s) => s.n, apply);
    expect(apply.mock.calls).toEqual([[1]]);
    store.setState({ n: 2 });
    vi.advanceTimersByTime(SETTLE_MS - 1);
    expect(apply.mock.calls).toEqual([[1]]);
    store.setState({ other: 5 });
    vi.advanceTimersByTime(1);
    expect(apply.mock.calls).toEqual([[1], [2]]);
  });

  it('reports nothing when the value goes back before it settled (a message read as it arrives)', () => {
    const store = counter();
    const apply = vi.fn();
    followSettled(store, (s) => s.n, apply);
    store.setState({ n: 2 });
    store.setState({ n: 1 });
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(apply.mock.calls).toEqual([[1]]);
  });

  it('applies the last of several quick changes, once', () => {
    const store = counter();
    const apply = vi.fn();
    followSettled(store, (s) => s.n, apply);
    for (const n of [2, 3, 4]) {
      store.setState({ n });
      vi.advanceTimersByTime(SETTLE_MS / 2);
    }
    vi.advanceTimersByTime(SETTLE_MS);
    expect(apply.mock.calls).toEqual([[1], [4]]);
  });

  it('stops following when stopped, pending change included', () => {
    const store = counter();
    const apply = vi.fn();
    const stop = followSettled(store, (s) => s.n, apply);
    store.setState({ n: 2 });
    stop();
    vi.advanceTimersByTime(SETTLE_MS * 2);
    store.setState({ n: 3 });
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(apply.mock.calls).toEqual([[1]]);
  });
});
