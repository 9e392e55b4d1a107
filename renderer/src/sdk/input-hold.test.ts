import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInputHold } from './input-hold';

describe('input hold', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at once when the agent is not typing, holds work in order after a key, and never past its limit', () => {
    vi.useFakeTimers();
    const target = new EventTarget() as unknown as Window;
    const hold = createInputHold(target, 400, 1_000);
    const done: number[] = [];
    hold.run(() => done.push(1));
    expect(done).toEqual([1]);
    target.dispatchEvent(new Event('keydown'));
    hold.run(() => done.push(2));
    hold.run(() => done.push(3));
    vi.advanceTimersByTime(300);
    expect(done).toEqual([1]);
    vi.advanceTimersByTime(150);
    expect(done).toEqual([1, 2, 3]);
    // Typing on and on: held work still runs within the limit.
    target.dispatchEvent(new Event('keydown'));
    hold.run(() => done.push(4));
    for (let t = 0; t < 900; t += 100) {
      vi.advanceTimersByTime(100);
      target.dispatchEvent(new Event('keydown'));
    }
    expect(done).toEqual([1, 2, 3]);
    vi.advanceTimersByTime(200);
    target.dispatchEvent(new Event('keydown'));
    expect(done).toEqual([1, 2, 3, 4]);
    hold.dispose();
  });
});
