import { describe, expect, it } from 'vitest';
import { createGovernor, type Release } from '../../../../electron/main/rest/governor';

describe('governor under a campaign', () => {
  it("keeps a slot free for an agent's click while hundreds of campaign requests wait", async () => {
    const g = createGovernor({ initial: 10, max: 10 });
    const held: Release[] = [];
    for (let i = 0; i < 9; i++) held.push(await g.acquire('background'));
    const order: string[] = [];
    const campaign = Array.from({ length: 300 }, (_, i) => g.acquire('background').then((r) => (order.push(`bg${i}`), r)));
    expect(g.inFlight()).toBe(9);
    expect(g.waiting('background')).toBe(300);
    // The click needs no campaign request to end first.
    const click = await g.acquire('interactive');
    expect(g.inFlight()).toBe(10);
    // With every slot taken, the next click still goes before the campaign's queue once one frees.
    const second = g.acquire('interactive').then((r) => (order.push('click'), r));
    click();
    (await second)();
    expect(order[0]).toBe('click');
    // A campaign request that ends hands its slot to the next one, never the kept slot.
    held.shift()!();
    await campaign[0];
    expect(g.inFlight()).toBe(9);
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
