import { describe, expect, it } from 'vitest';
import { createGovernor, type Release } from '../../../../electron/main/rest/governor';

describe('governor under a campaign', () => {
  it("gives an agent's click the next free slot while hundreds of campaign requests wait", async () => {
    const g = createGovernor({ initial: 10, max: 10 });
    const held: Release[] = [];
    for (let i = 0; i < 10; i++) held.push(await g.acquire('background'));
    const order: string[] = [];
    const campaign = Array.from({ length: 300 }, (_, i) => g.acquire('background').then((r) => (order.push(`bg${i}`), r)));
    const click = g.acquire('interactive').then((r) => (order.push('click'), r));
    expect(g.waiting('background')).toBe(300);
    held.shift()!();
    (await click)();
    // The click went first, behind no campaign request, after a single release.
    expect(order[0]).toBe('click');
    held.forEach((r) => r());
    for (const p of campaign) (await p)();
  });

  it("steps down by one at the level Twilio refused (Twilio-Concurrent-Requests on the 429) and does not grow back into it", () => {
    let t = 0;
    const g = createGovernor({ initial: 11, max: 16, now: () => t });
    g.throttled(undefined, 11);
    expect(g.limit()).toBe(10);
    for (let i = 0; i < 100; i++) g.succeeded(10);
    expect(g.limit()).toBe(10);
    // Once the refusal is a minute old the ceiling probes upward again.
    t = 61_000;
    for (let i = 0; i < 100; i++) g.succeeded(10);
    expect(g.limit()).toBeGreaterThan(10);
  });

  it('halves on a 429 that says nothing about concurrency, and slows when the account reaches the refused level', () => {
    const g = createGovernor({ initial: 12, max: 16, now: () => 0 });
    g.throttled();
    expect(g.limit()).toBe(6);
    const h = createGovernor({ initial: 12, max: 16, now: () => 0 });
    h.throttled(undefined, 13);
    expect(h.limit()).toBe(11);
    // Other desks push the account to the level Twilio refused: this one backs off before a 429.
    h.succeeded(13);
    expect(h.limit()).toBe(10);
  });
});
