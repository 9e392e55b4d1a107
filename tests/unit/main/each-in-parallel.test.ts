import { describe, expect, it } from 'vitest';
import { eachInParallel } from '../../../electron/main/each-in-parallel';

describe('eachInParallel', () => {
  it('runs at most `parallel` calls at once, in order, over every item', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await eachInParallel([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++running);
      seen.push(n);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
    });
    expect(most).toBe(3);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('takes no item after a failure, waits for the calls under way, then throws the failure', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pass = eachInParallel([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('not kept');
      await gate;
      finished.push(n);
    });
    let settled = false;
    void pass.catch(() => (settled = true));
    // Every microtask run: a Promise.all of the workers would have rejected by now.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([1, 2]);
    expect(settled).toBe(false);
    release();
    await expect(pass).rejects.toThrow('not kept');
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([2]);
  });
});
