/**
 * The inbox's views at 100,000 service-wide conversations, in the built renderer in Chromium. Main's
 * team queue (its REST reader is another part of issue 10) is stood in for on the harness's HTTP
 * transport with a 100,000-row snapshot, so this measures the renderer's side: from the Unassigned
 * tab's click to its first screen of rows, and each search keystroke → the frame after the list.
 */
import type { Browser } from 'playwright-core';
import { openDesk, searchKeystrokes } from './desk-bench';

export interface ViewsRun {
  /** Navigation → the first queue rows painted (the snapshot fetched, merged, counted and listed). */
  launchToRowsMs: number;
  /** Click on Unassigned → its first screen painted. */
  unassignedMs: number;
  unassignedCount: number;
  keys: number[];
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
    const keys = await searchKeystrokes(page, 'hana sato 14');
    return { launchToRowsMs, unassignedMs, unassignedCount, keys };
  } finally {
    await desk.close();
  }
}
