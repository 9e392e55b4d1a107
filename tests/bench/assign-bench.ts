/**
 * Assign to me, seen by two agents: two desks (two browser contexts, two main processes) on one
 * emulator, over the demo workspace. For each of the first agent's unassigned conversations: the
 * agent opens it, looks at the Mine view, and clicks "Assign to me" in the thread's header. Timed
 * from that click (wall clock, performance.timeOrigin + now, so the two pages compare) to the first
 * frame in which the row is in the agent's Mine list, and to the first frame in which it has left
 * the second agent's Unassigned list (which shows the team queue main reads over REST).
 */
import type { Browser, Page } from 'playwright-core';
import { DEMO_SECOND_AGENT_IDENTITY } from '../../electron/emulator/seed/demo';
import { openDesk } from './desk-bench';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any;
declare const requestAnimationFrame: (cb: (t: number) => void) => number;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface AssignRun {
  /** Click → the row in Mine on the agent's own screen. */
  mine: number[];
  /** Click → the row gone from the second agent's Unassigned; NaN where it had not gone within `otherLimitMs`. */
  other: number[];
  /** Conversations the second agent never listed in Unassigned to begin with (not timed there). */
  notListed: number;
}

async function connected(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = (globalThis as { deskStore?: { getState(): { connection: { status: string }; queue: { version: number } } } }).deskStore?.getState();
      return s?.connection.status === 'connected' && s.queue.version >= 0;
    },
    undefined,
    { polling: 100, timeout: 60_000 },
  );
}

/** Starts watching, before paint each frame, for `present` (or absence) of the row; resolves the wall time of that frame into window.__seen. */
async function watch(page: Page, sid: string, present: boolean, limitMs: number): Promise<void> {
  await page.evaluate(
    ([s, want, limit]) => {
      const w = window as { __seen: number | null };
      w.__seen = null;
      const until = performance.now() + limit;
      const check = () => {
        const has = document.querySelector(`#inbox-view-panel [data-inbox-sid="${s}"]`) !== null;
        if (has === want) w.__seen = performance.timeOrigin + performance.now();
        else if (performance.now() < until) requestAnimationFrame(check);
        else w.__seen = Number.NaN;
      };
      requestAnimationFrame(check);
    },
    [sid, present, limitMs] as const,
  );
}

const seen = async (page: Page, limitMs: number): Promise<number> => {
  const h = await page.waitForFunction(() => ((window as { __seen: number | null }).__seen !== null ? String((window as { __seen: number }).__seen) : false), undefined, {
    polling: 50,
    timeout: limitMs + 5_000,
  });
  return Number(await h.jsonValue());
};

export async function assignToSeen(browser: Browser, samples = 6, otherLimitMs = 25_000): Promise<AssignRun> {
  const a = await openDesk(browser, {});
  const b = await openDesk(browser, { identity: DEMO_SECOND_AGENT_IDENTITY, share: a.app });
  try {
    await connected(a.page);
    await connected(b.page);
    await a.page.getByRole('tab', { name: /^Unassigned/ }).click();
    await b.page.getByRole('tab', { name: /^Unassigned/ }).click();
    // The agent's own unassigned conversations (InboxRow, not a read-only queue row).
    await a.page.locator('#inbox-view-panel .inbox-row:not(.queue-row)').first().waitFor();
    const sids = (await a.page.locator('#inbox-view-panel .inbox-row:not(.queue-row)').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-inbox-sid') as string))).slice(0, samples);
    const run: AssignRun = { mine: [], other: [], notListed: 0 };
    await a.page.evaluate(() => {
      const w = window as { __click: number };
      document.addEventListener('click', (e: { timeStamp: number }) => (w.__click = performance.timeOrigin + e.timeStamp), { capture: true });
    });
    for (const sid of sids) {
      await a.page.getByRole('tab', { name: /^Unassigned/ }).click();
      await a.page.locator(`#inbox-view-panel [data-inbox-sid="${sid}"]`).click();
      const assign = a.page.getByRole('group', { name: 'Conversation actions' }).getByRole('button', { name: 'Assign to me' });
      await assign.waitFor();
      await a.page.getByRole('tab', { name: /^Mine/ }).click();
      const listed = await b.page
        .locator(`#inbox-view-panel [data-inbox-sid="${sid}"]`)
        .waitFor({ timeout: 5_000 })
        .then(() => true, () => false);
      if (!listed) run.notListed++;
      await watch(a.page, sid, true, 15_000);
      if (listed) await watch(b.page, sid, false, otherLimitMs);
      await assign.click();
      const clicked = await a.page.evaluate(() => (window as { __click: number }).__click);
      run.mine.push((await seen(a.page, 15_000)) - clicked);
      if (listed) run.other.push((await seen(b.page, otherLimitMs)) - clicked);
    }
    return run;
  } finally {
    await b.close();
    await a.close();
  }
}
