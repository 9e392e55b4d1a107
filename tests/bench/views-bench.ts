/**
 * The inbox's views at 100,000 service-wide conversations, in the built renderer in Chromium. Main's
 * team queue (its REST reader is another part of issue 10) is stood in for on the harness's HTTP
 * transport with a 100,000-row snapshot, so this measures the renderer's side: from the Unassigned
 * tab's click to its first screen of rows, and each search keystroke → the frame after the list.
 */
import type { Browser, Page } from 'playwright-core';
import { openDesk } from './desk-bench';

export interface ViewsRun {
  /** Navigation → the first queue rows painted (the snapshot fetched, merged, counted and listed). */
  launchToRowsMs: number;
  /** Click on Unassigned → its first screen painted. */
  unassignedMs: number;
  unassignedCount: number;
  keys: number[];
  /** keydown → the end of the key's own task (the store, the filter, React's render and commit). */
  scripts: number[];
  /** The same keys, measured the same way, typed into a plain <input> on the same page that nothing listens to: what frame alignment alone costs. */
  floor: number[];
}

const sidOf = (n: number) => `CH${n.toString(16).padStart(32, '0')}`;
const NAMES = ['Ana Lima', 'Ben Ode', 'Cy Pratt', 'Di Snow', 'Eva Roth', 'Femi Ade', 'Gus Lund', 'Hana Sato'];

export function queueSnapshot(n: number, now = Date.now()): string {
  const rows = Array.from({ length: n }, (_, i) => ({
    sid: sidOf(i + 1),
    friendlyName: `Order #${10_000 + i} – ${NAMES[i % NAMES.length]}`,
    uniqueName: null,
    state: i % 50 === 0 ? 'inactive' : 'active',
    dateCreated: now - i * 60_000,
    dateUpdated: now - i * 60_000,
    assignee: i % 4 === 0 ? `agent${i % 7}@desk.local` : null,
    snoozedUntil: i % 50 === 0 ? now + 86_400_000 : null,
    channel: i % 3 === 0 ? 'whatsapp' : 'sms',
    customer: `+1415${String(i).padStart(7, '0')}`,
    previous: [],
  }));
  return JSON.stringify({ ok: true, value: { rows, version: 1, complete: true, refreshedAt: now } });
}

export async function viewsRun(browser: Browser, n: number): Promise<ViewsRun> {
  const desk = await openDesk(browser, {});
  try {
    const { page } = desk;
    const body = queueSnapshot(n);
    await page.route('**/ipc/team%3Aqueue', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.reload();
    await page.locator('.queue-row').first().waitFor({ timeout: 120_000 });
    const launchToRowsMs = await page.evaluate(() => performance.now());
    const tab = page.getByRole('tab', { name: /^Unassigned/ });
    await tab.waitFor();
    const unassignedMs = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const page = globalThis as unknown as {
            document: { querySelector(s: string): { click(): void; getAttribute(n: string): string | null } | null };
            requestAnimationFrame(cb: () => void): void;
          };
          const doc = page.document;
          const requestAnimationFrame = (cb: () => void) => page.requestAnimationFrame(cb);
          const t0 = performance.now();
          doc.querySelector('#view-tab-unassigned')?.click();
          const check = () => {
            if (doc.querySelector('#view-tab-unassigned')?.getAttribute('aria-selected') === 'true' && doc.querySelector('.queue-row')) {
              requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
            } else requestAnimationFrame(check);
          };
          check();
        }),
    );
    const label = (await tab.getAttribute('aria-label')) ?? '';
    const unassignedCount = Number(/\(([\d,.\s\u00a0\u202f]+)\)/.exec(label)?.[1]?.replace(/\D/g, '') ?? NaN);
    const { keys, scripts } = await typeAndMeasure(page, 'hana sato 14');
    const floor = await floorKeys(page, 'hana sato 14');
    return { launchToRowsMs, unassignedMs, unassignedCount, keys, scripts, floor };
  } finally {
    await desk.close();
  }
}

// Code sent to the page runs there; these name its globals for the type checker (as desk-bench does).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;
declare const requestAnimationFrame: (cb: (t: number) => void) => number;

export interface KeySamples {
  /** keydown → the frame after the one whose list was filtered by the box's text (desk-bench's searchKeystrokes). */
  keys: number[];
  /** keydown → the end of its input event's task: the part of `keys` that is the page's own work. */
  scripts: number[];
  /** Per sample, how many of the agent's own conversations the SDK had announced at keydown. */
  own: number[];
  /** Per sample, the store updates not made by the search box between the last key's frame and this one's (the SDK loading, main's queue). */
  background: number[];
}

/**
 * Types `query` one key at a time and deletes it again, `rounds` times (or, with `untilSettled`,
 * until a whole round saw no store update but its own, at most `rounds`), measuring each key as searchKeystrokes does, plus
 * the key's own task: a window listener for `input`, added after React's root listener, runs once
 * React has rendered and committed in that event.
 */
const input = (page: Page) => page.getByRole('searchbox', { name: 'Search conversations' });

export async function typeAndMeasure(page: Page, query: string, options: { rounds?: number; untilSettled?: boolean } = {}): Promise<KeySamples> {
  await input(page).click();
  await page.evaluate(() => {
    const w = window as { __k: { keys: number[]; scripts: number[]; own: number[]; background: number[]; t0: number } };
    w.__k = { keys: [], scripts: [], own: [], background: [], t0: 0 };
    const box = document.querySelector('input[type="search"]');
    type St = { conversations: Map<string, unknown>; searchQuery: string };
    const state = () => (globalThis as { deskStore?: { getState(): St } }).deskStore?.getState();
    const own = () => state()?.conversations.size ?? 0;
    // Every frame: a new state object with the same query is an update from elsewhere.
    let last = state();
    let background = 0;
    let counted = 0;
    const watch = () => {
      const now = state();
      if (now !== last && now?.searchQuery === last?.searchQuery) background++;
      last = now;
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    box.addEventListener(
      'keydown',
      (e: { timeStamp: number }) => {
        const t0 = e.timeStamp;
        w.__k.t0 = t0;
        w.__k.own.push(own());
        const check = () => {
          const shown = document.querySelector('nav.inbox')?.getAttribute('data-list-query');
          if (shown === box.value)
            setTimeout(() => {
              w.__k.background.push(background - counted);
              counted = background;
              w.__k.keys.push(performance.now() - t0);
            }, 0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      },
      { capture: true },
    );
    window.addEventListener('input', () => w.__k.scripts.push(performance.now() - w.__k.t0));
  });
  const forward = query.split('');
  const oneRound = [...forward, ...forward.map(() => 'Backspace')];
  const rounds = options.rounds ?? 1;
  let pressed = 0;
  for (let r = 0; r < rounds; r++) {
    for (const key of oneRound) {
      await page.keyboard.press(key);
      pressed++;
      await page.waitForFunction((n: number) => (window as { __k: { keys: number[] } }).__k.keys.length >= n, pressed, { polling: 'raf', timeout: 60_000 });
    }
    const background = await page.evaluate(() => (window as { __k: { background: number[] } }).__k.background);
    if (options.untilSettled && background.slice(-oneRound.length).every((n) => n === 0)) break;
  }
  return page.evaluate(() => (window as { __k: KeySamples }).__k);
}

/**
 * The same floor with no app at all: `floorKeys` on a blank page in a new context of the same
 * Chromium. Whatever a page does, its keystroke → frame figure cannot go below this one; its p95 is
 * about one frame interval (a key waits 0–16.7 ms for the next frame), i.e. above a 16 ms target.
 */
export async function blankPageFloor(browser: Browser, query: string): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  try {
    const page = await context.newPage();
    await page.setContent('<!doctype html><html lang="en"><head><title>floor</title></head><body></body></html>');
    return await floorKeys(page, query);
  } finally {
    await context.close();
  }
}

/**
 * The floor under the keystroke figure: the same keys, the same keydown → first animation frame
 * that shows them → setTimeout(0), for a plain `<input>` the bench adds outside React's root (no
 * listener of the app's sees its keys; the desk's window-level keydown handlers return at once).
 * A key that does no work still waits for the next frame (0–16.7 ms), then that frame's style,
 * layout and paint of the page as it stands.
 */
export async function floorKeys(page: Page, query: string): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as { __floor: number[] };
    w.__floor = [];
    const box = document.createElement('input');
    box.id = 'bench-floor-input';
    box.setAttribute('aria-label', 'bench floor');
    box.style.cssText = 'position:fixed;right:0;bottom:0;width:120px;z-index:9999';
    document.body.appendChild(box);
    box.addEventListener(
      'keydown',
      (e: { timeStamp: number }) => {
        const t0 = e.timeStamp;
        requestAnimationFrame(() => setTimeout(() => w.__floor.push(performance.now() - t0), 0));
      },
      { capture: true },
    );
  });
  const box = page.locator('#bench-floor-input');
  await box.click();
  const keys = query.split('');
  const all = [...keys, ...keys.map(() => 'Backspace')];
  for (let i = 0; i < all.length; i++) {
    await page.keyboard.press(all[i] as string);
    await page.waitForFunction((n: number) => (window as { __floor: number[] }).__floor.length > n, i, { polling: 'raf', timeout: 60_000 });
  }
  const floor = await page.evaluate(() => (window as { __floor: number[] }).__floor);
  await page.evaluate(() => document.getElementById('bench-floor-input')?.remove());
  return floor;
}

export interface LoadingKeysRun extends KeySamples {
  /** Conversations the SDK had announced when the first key was pressed, and in all. */
  ownAtStart: number;
  ownTotal: number;
  /** The same query typed once more after the inbox is live (1,000 own + the queue, settled). */
  live: KeySamples;
}

/**
 * Keystrokes while the inbox is still loading: a cold launch (nothing cached) of the
 * `dataDir` workspace (the agent's own conversations, e.g. 1,000) beside a `queueRows`-row team
 * queue (stood in for as in viewsRun); typing starts once the first row is on screen and goes
 * on until a whole round of keys saw no other store update. Only keys that shared their frame
 * interval with such updates count (the SDK announcing conversations, rosters and previews).
 */
export async function loadingKeysRun(browser: Browser, dataDir: string, queueRows: number, query: string): Promise<LoadingKeysRun> {
  const desk = await openDesk(browser, { dataDir });
  try {
    const { page } = desk;
    const body = queueSnapshot(queueRows);
    await page.route('**/ipc/team%3Aqueue', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.reload();
    await page.locator('.inbox-row').first().waitFor({ timeout: 120_000 });
    const own = () => page.evaluate(() => (globalThis as { deskStore?: { getState(): { conversations: Map<string, unknown> } } }).deskStore?.getState().conversations.size ?? 0);
    const ownAtStart = await own();
    const samples = await typeAndMeasure(page, query, { rounds: 40, untilSettled: true });
    const ownTotal = await own();
    // Keys whose frame shared the main thread with other store updates (the SDK announcing conversations, rosters, previews; the queue).
    const keep = <T,>(xs: T[]) => xs.filter((_, i) => (samples.background[i] as number) > 0);
    await input(page).fill('');
    const live = await typeAndMeasure(page, query);
    return { keys: keep(samples.keys), scripts: keep(samples.scripts), own: keep(samples.own), background: keep(samples.background), ownAtStart, ownTotal, live };
  } finally {
    await desk.close();
  }
}
