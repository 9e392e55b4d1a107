/**
 * Search inside messages at 1,000 conversations × 50 messages, in the built renderer in Chromium
 * with main's real message index. The team queue is stood in for with 1,000 rows (as views-bench
 * does) and main's index is filled with 50 messages for each of them through its IPC handler, so
 * text matches have rows to join. Measured per keystroke: keydown → the frame after the list shows
 * the box's query (name matches, in the keystroke's own render), and keydown → the frame after
 * main's text matches joined it (asked off the keystroke, after a 40 ms pause in typing); and
 * main's own query time. One letter is not searched by text (SEARCH_MIN_QUERY_CHARS).
 */
import type { Browser, Page } from 'playwright-core';
import type { IndexedMessage } from '../../shared/ipc/search-schema';
import { SEARCH_BATCH_MAX } from '../../shared/ipc/search-schema';
import { LOCAL_PROFILE_ID } from '../../electron/main/profiles';
import { openDesk } from './desk-bench';
import { queueSnapshot, typeAndMeasure } from './views-bench';

export interface TextSearchRun {
  indexMs: number;
  messages: number;
  /** keydown → list filtered by the box's query. */
  keys: number[];
  /** keydown → the end of the key's own task. */
  scripts: number[];
  /** keydown → text matches for the box's query in the list. */
  joins: number[];
  /** main's search:query handler, per query. */
  queries: number[];
}

// Code sent to the page runs there; these name its globals for the type checker (as desk-bench does).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;
declare const requestAnimationFrame: (cb: (t: number) => void) => number;

const sidOf = (n: number) => `CH${n.toString(16).padStart(32, '0')}`;
const WORDS = (
  'order parcel refund delivery courier tracking invoice payment card bank address warehouse box damaged late ' +
  'early weekend evening morning blender jug kettle toaster lamp chair table sofa shelf mirror rug pillow ' +
  'blanket towel charger cable dock laptop phone tablet screen battery warranty repair replace return label ' +
  'discount coupon promo voucher gift wrap message birthday thanks please hello sorry update status problem'
).split(' ');

/** Deterministic text: the same words on every run. */
function messageBody(c: number, m: number): string {
  let x = (c * 7919 + m * 104_729) >>> 0;
  const next = () => (x = (x * 1_103_515_245 + 12_345) >>> 0) % WORDS.length;
  const n = 6 + (x % 14);
  return Array.from({ length: n }, () => WORDS[next()]).join(' ') + ` #${10_000 + c}`;
}

export async function textSearchRun(browser: Browser, conversations: number, perConversation: number): Promise<TextSearchRun> {
  const desk = await openDesk(browser, {});
  try {
    const { page, app } = desk;
    const body = queueSnapshot(conversations);
    await page.route('**/ipc/team%3Aqueue', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.reload();
    await page.locator('.queue-row').first().waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: /^All open/ }).click();

    const now = Date.now();
    const all: IndexedMessage[] = [];
    for (let c = 0; c < conversations; c++) {
      for (let m = 0; m < perConversation; m++) all.push({ conversationSid: sidOf(c + 1), index: m, body: messageBody(c, m), date: now - (c * perConversation + m) * 1000 });
    }
    const handlers = app.services.handlers;
    const t0 = performance.now();
    for (let i = 0; i < all.length; i += SEARCH_BATCH_MAX) {
      await handlers['search:index']({ profileId: LOCAL_PROFILE_ID, messages: all.slice(i, i + SEARCH_BATCH_MAX), removed: [] });
    }
    const indexMs = performance.now() - t0;

    const query = 'blender warr';
    const queries: number[] = [];
    for (let i = 1; i <= query.length; i++) {
      const q0 = performance.now();
      await handlers['search:query']({ profileId: LOCAL_PROFILE_ID, query: query.slice(0, i), limit: 200 });
      queries.push(performance.now() - q0);
    }
    const { keys, scripts } = await typeAndMeasure(page, query);
    const joins = await textJoins(page, query);
    return { indexMs, messages: all.length, keys, scripts, joins, queries };
  } finally {
    await desk.close();
  }
}

/** keydown → the first frame whose list holds main's text matches for the box's query. */
async function textJoins(page: Page, query: string): Promise<number[]> {
  const input = page.getByRole('searchbox', { name: 'Search conversations' });
  await input.click();
  await input.fill('');
  await page.evaluate(() => {
    const w = window as never as { __joins: number[] };
    w.__joins = [];
    const box = document.querySelector('input[type="search"]') as { value: string; addEventListener: (t: string, f: (e: { timeStamp: number }) => void, o: unknown) => void };
    box.addEventListener(
      'keydown',
      (e: { timeStamp: number }) => {
        const t0 = e.timeStamp;
        const check = () => {
          const shown = document.querySelector('nav.inbox')?.getAttribute('data-text-query');
          const q = box.value.trim().toLowerCase();
          // Below two characters main is not asked: the list holds no text matches.
          if (shown === (q.length < 2 ? '' : q)) setTimeout(() => w.__joins.push(performance.now() - t0), 0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      },
      { capture: true },
    );
  });
  // Typing forward only: each letter waits for its answer, so none is coalesced with the next.
  for (let i = 0; i < query.length; i++) {
    await page.keyboard.press(query[i] as string);
    await page.waitForFunction((n) => (window as never as { __joins: number[] }).__joins.length > n, i, { polling: 'raf', timeout: 30_000 });
  }
  return page.evaluate(() => (window as never as { __joins: number[] }).__joins);
}
