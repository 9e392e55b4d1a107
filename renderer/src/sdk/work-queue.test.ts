import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkQueue } from './work-queue';

afterEach(() => vi.useRealTimers());

describe('WorkQueue', () => {
  it('runs held work once the hold ends, even when the timer fires a moment before the clock says so', async () => {
    vi.useFakeTimers();
    const queue = new WorkQueue(2);
    const task = vi.fn(async () => undefined);
    queue.holdFor(300);
    queue.add('roster:CH1', task);
    // Timers and Date.now() disagree by a millisecond (rounding): the hold's timer comes early.
    vi.setSystemTime(Date.now() - 1);
    await vi.advanceTimersByTimeAsync(300);
    await vi.advanceTimersByTimeAsync(5);
    expect(task).toHaveBeenCalledTimes(1);
    queue.stop();
  });

  it('runs urgent work during a hold and the rest after it, a few at a time', async () => {
    vi.useFakeTimers();
    const queue = new WorkQueue(1);
    const order: string[] = [];
    const task = (key: string) => async () => void order.push(key);
    queue.holdFor(100);
    queue.add('a', task('a'));
    queue.add('b', task('b'), true);
    await vi.advanceTimersByTimeAsync(50);
    expect(order).toEqual(['b']);
    await vi.advanceTimersByTimeAsync(100);
    expect(order).toEqual(['b', 'a']);
    queue.stop();
  });
});
