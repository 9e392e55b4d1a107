import { describe, expect, it } from 'vitest';
import { fullJitterDelay, retryAfterMs, retryDelay } from '../../../../electron/main/rest/backoff';
import { createGovernor } from '../../../../electron/main/rest/governor';
import { createServerClock } from '../../../../electron/main/rest/server-clock';

describe('full-jitter backoff', () => {
  it('draws uniformly below a ceiling that doubles per attempt up to the cap', () => {
    expect(fullJitterDelay(0, { baseMs: 100, random: () => 0.999 })).toBe(99);
    expect(fullJitterDelay(3, { baseMs: 100, random: () => 0.5 })).toBe(400);
    expect(fullJitterDelay(30, { baseMs: 100, capMs: 5_000, random: () => 0.5 })).toBe(2_500);
    expect(fullJitterDelay(5, { random: () => 0 })).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date and treats it as a floor', () => {
    expect(retryAfterMs('3', 0)).toBe(3_000);
    expect(retryAfterMs(undefined, 0)).toBeNull();
    expect(retryAfterMs('soon', 0)).toBeNull();
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(retryAfterMs('Sat, 28 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(retryDelay(0, 2_000, { random: () => 0.9 })).toBe(2_000);
    expect(retryDelay(6, 100, { baseMs: 100, random: () => 0.5 })).toBe(3_200);
    expect(retryDelay(0, 3_600_000, { random: () => 0.5 })).toBe(30_000);
    expect(retryDelay(0, 3_600_000, { maxRetryAfterMs: 5_000, random: () => 0.5 })).toBe(5_000);
  });
});

describe('concurrency governor', () => {
  it('lets interactive work ahead of queued background work', async () => {
    const g = createGovernor({ initial: 1 });
    const order: string[] = [];
    const first = await g.acquire('background');
    const waits = [
      g.acquire('background').then((r) => (order.push('bg1'), r)),
      g.acquire('background').then((r) => (order.push('bg2'), r)),
      g.acquire('interactive').then((r) => (order.push('click'), r)),
    ];
    expect(g.waiting('background')).toBe(2);
    expect(g.waiting('interactive')).toBe(1);
    first();
    (await waits[2]!)();
    (await waits[0]!)();
    (await waits[1]!)();
    expect(order).toEqual(['click', 'bg1', 'bg2']);
  });

  it('keeps one slot free of background work, unless it has only one', async () => {
    const g = createGovernor({ initial: 3 });
    const background = [await g.acquire('background'), await g.acquire('background')];
    let third = false;
    const waiting = g.acquire('background').then((r) => ((third = true), r));
    await Promise.resolve();
    expect(third).toBe(false);
    expect(g.inFlight()).toBe(2);
    // A click takes the kept slot at once; background work never does.
    const click = await g.acquire('interactive');
    expect(g.inFlight()).toBe(3);
    click();
    await Promise.resolve();
    expect(third).toBe(false);
    background[0]!();
    (await waiting)();
    background[1]!();
    // Throttled down to one slot, background work may use it.
    g.throttled();
    g.throttled();
    expect(g.limit()).toBe(1);
    (await g.acquire('background'))();
  });

  it('halves on a 429 and grows back by one per window of successes', async () => {
    const g = createGovernor({ initial: 8, max: 10 });
    g.throttled();
    expect(g.limit()).toBe(4);
    g.throttled();
    g.throttled();
    g.throttled();
    expect(g.limit()).toBe(1);
    g.succeeded();
    expect(g.limit()).toBe(2);
    g.succeeded();
    expect(g.limit()).toBe(2);
    g.succeeded();
    expect(g.limit()).toBe(3);
    for (let i = 0; i < 100; i++) g.succeeded();
    expect(g.limit()).toBe(10);
  });

  it('never runs more than its limit at once, and a lowered limit drains before new work starts', async () => {
    const g = createGovernor({ initial: 2 });
    const a = await g.acquire('interactive');
    const b = await g.acquire('interactive');
    let started = false;
    const c = g.acquire('interactive').then((r) => ((started = true), r));
    g.throttled();
    a();
    await Promise.resolve();
    expect(started).toBe(false);
    expect(g.inFlight()).toBe(1);
    b();
    (await c)();
    expect(started).toBe(true);
    expect(g.inFlight()).toBe(0);
  });
});

describe('server clock', () => {
  it('follows the Date header beyond its one-second resolution and maps local instants to server time', () => {
    let local = Date.parse('2026-11-28T10:00:00.000Z');
    const clock = createServerClock(() => local);
    clock.observe('Sat, 28 Nov 2026 10:00:00 GMT', local - 100, local);
    expect(clock.offset()).toBe(0);
    clock.observe('Sat, 28 Nov 2026 11:00:00 GMT', local - 100, local);
    expect(clock.offset()).toBe(3_600_000 + 500 + 50);
    local += 1_000;
    expect(clock.now()).toBe(local + 3_600_550);
    expect(clock.toServer(local + 60_000)).toBe(local + 60_000 + 3_600_550);
    clock.observe('not a date', 0, 0);
    expect(clock.offset()).toBe(3_600_550);
  });
});
