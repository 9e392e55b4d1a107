/**
 * The team's scale (issue 13): the team queue and the resolved history at 10,000 and 100,000
 * service-wide conversations, which is where Twilio's numbers grow (an agent's own inbox stops at
 * 1,000). Main's `team:queue` answer is stood in for on the harness's HTTP bridge, as in
 * views-bench, so this measures the renderer: launch → rows, the view's tab → its first screen,
 * and the renderer's JS heap and DOM elements with that view on screen (both should stay flat
 * from 1,000 to 100,000 rows: the list is virtualized).
 */
import type { Browser } from 'playwright-core';
import { memory, openDesk, waitQuiet } from './desk-bench';
import { queueSnapshot } from './views-bench';

export type ScaleView = 'unassigned' | 'resolved';

export interface ScaleRun {
  view: ScaleView;
  rows: number;
  /** Navigation → the first queue rows painted. */
  launchToRowsMs: number;
  /** Click on the view's tab → its first screen painted. */
  tabMs: number;
  heapMb: number;
  domNodes: number;
}

/**
 * The views bench's queue, or (history) the same rows closed, as Twilio keeps resolved
 * conversations: a team's resolved history is what grows past 100,000.
 */
export function scaleSnapshot(n: number, view: ScaleView): string {
  if (view === 'unassigned') return queueSnapshot(n);
  const parsed = JSON.parse(queueSnapshot(n)) as { value: { rows: Array<Record<string, unknown>> } };
  for (const row of parsed.value.rows) {
    row.state = 'closed';
    row.snoozedUntil = null;
  }
  return JSON.stringify(parsed);
}

export async function scaleRun(browser: Browser, n: number, view: ScaleView): Promise<ScaleRun> {
  const desk = await openDesk(browser, {});
  try {
    const { page } = desk;
    const body = scaleSnapshot(n, view);
    await page.route('**/ipc/team%3Aqueue', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.reload();
    const tabId = `view-tab-${view}`;
    // Resolved rows are listed only in Resolved; the tab's count says the snapshot has landed.
    await page.waitForFunction((id) => /\d{3}/.test((globalThis as never as { document: { getElementById(i: string): { textContent: string } | null } }).document.getElementById(id)?.textContent ?? ''), tabId, { timeout: 120_000, polling: 100 });
    const launchToRowsMs = await page.evaluate(() => performance.now());
    await waitQuiet(page, 500, 30_000);
    const tabMs = await page.evaluate(
      (id) =>
        new Promise<number>((done) => {
          const g = globalThis as unknown as {
            document: { getElementById(s: string): { click(): void; getAttribute(n: string): string | null } | null; querySelector(s: string): unknown };
            requestAnimationFrame(cb: () => void): void;
          };
          const t0 = performance.now();
          g.document.getElementById(id)?.click();
          const check = () => {
            if (g.document.getElementById(id)?.getAttribute('aria-selected') === 'true' && g.document.querySelector('.queue-row')) {
              g.requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
            } else g.requestAnimationFrame(check);
          };
          check();
        }),
      tabId,
    );
    await waitQuiet(page, 500, 30_000);
    const mem = await memory(page);
    return { view, rows: n, launchToRowsMs, tabMs, ...mem };
  } finally {
    await desk.close();
  }
}
