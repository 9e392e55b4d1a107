/**
 * The built renderer in Chromium (playwright-core) against the Local workspace emulator, with a
 * data dir seeded at agent scale. Times are taken inside the page (performance.now(), event
 * timestamps, requestAnimationFrame), so the CDP round trips of the driver don't count.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../../electron/dev/browser-app';
import { Client, type Conversation, type Message } from '@twilio/conversations';
import { DEMO_AGENT_IDENTITY, DEMO_SECOND_AGENT_IDENTITY } from '../../electron/emulator/seed/demo';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/desk-app';
import { percentile } from './stats';

// Functions handed to page.evaluate run in Chromium; the Node tsconfig has no DOM lib, so the
// few browser globals they use are declared here, for this module only.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any, PerformanceObserver: any, MutationObserver: any, IntersectionObserver: any;
declare const requestAnimationFrame: (cb: (t: number) => void) => number;
type Element = any;
type HTMLInputElement = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface BenchDesk {
  app: BrowserApp;
  page: Page;
  userDataDir: string;
  /** Closes the page's context and the app; deletes the user-data dir unless opened with `keep`. */
  close(): Promise<void>;
}

/** What the launch probe notes whenever something it watches changed since the last frame. */
interface LaunchFrame {
  /** performance.now() in the frame (0 = navigation start) */
  t: number;
  /** `.inbox-row`s in the DOM and the top one's aria-label */
  rows: number;
  top: string;
  status: string;
  source: string;
  conversations: number;
  /** The inbox list's scroll offset (a list pushed down by rows inserted above is not a first screen). */
  scroll: number;
}

/** In-page helpers, installed before the renderer's own scripts run. */
function installProbe(): void {
  const w = window as unknown as Record<string, unknown>;
  const frames: number[] = [];
  let recording = false;
  // The launch, frame by frame from the renderer's first script on: a frame is noted when what it
  // would show differs from the last noted one. Read before the frame paints, like polling: 'raf'.
  const launch: LaunchFrame[] = [];
  let launchKey = '';
  // Until the bench has what it needs (stopLaunch), at most 5 minutes.
  let noteUntil = 300_000;
  const noteLaunch = (t: number) => {
    const s = (globalThis as { deskStore?: { getState(): { connection: { status: string }; inboxSource?: string; conversations: Map<string, unknown> } } }).deskStore?.getState();
    const rows = document.querySelectorAll('.inbox-row');
    const frame = {
      rows: rows.length as number,
      top: (rows[0]?.getAttribute('aria-label') ?? '') as string,
      status: s?.connection.status ?? 'none',
      // 'snapshot': the rows on top are the launch snapshot's static HTML, painted before the app loaded.
      source: rows[0]?.closest('#launch-snapshot-layer') ? 'snapshot' : (s?.inboxSource ?? 'none'),
      conversations: s?.conversations.size ?? 0,
      scroll: Math.round((document.querySelector('nav.inbox [data-virtuoso-scroller]')?.scrollTop ?? 0) as number),
    };
    const key = JSON.stringify(frame);
    if (key !== launchKey) launch.push({ t, ...frame });
    launchKey = key;
  };
  const loop = (t: number) => {
    if (recording) frames.push(t);
    if (performance.now() < noteUntil) noteLaunch(performance.now());
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  /** Resolves after the next paint: rAF runs before it, a task queued from rAF runs after it. */
  const afterPaint = () => new Promise<number>((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0)));
  let lastLongTask = 0;
  try {
    new PerformanceObserver((list: { getEntries(): Array<{ startTime: number; duration: number }> }) => {
      for (const e of list.getEntries()) lastLongTask = Math.max(lastLongTask, e.startTime + e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing: quiet() then only waits its minimum.
  }
  w.__bench = {
    afterPaint,
    launch,
    stopLaunch() {
      noteUntil = 0;
    },
    startFrames() {
      frames.length = 0;
      recording = true;
    },
    /** Frames missed while recording: every gap of n frame intervals hides n-1 frames. */
    stopFrames(): { frames: number; dropped: number } {
      recording = false;
      const gaps = frames.slice(1).map((t, i) => t - (frames[i] as number));
      const interval = Math.min(...gaps.filter((g) => g > 4), 1000 / 60);
      const dropped = gaps.reduce((n, g) => n + Math.max(0, Math.round(g / interval) - 1), 0);
      return { frames: frames.length, dropped };
    },
    /** Resolves once no long task (> 50 ms) has run for `ms`, or after `max` ms. */
    quiet(ms: number, max: number): Promise<number> {
      const start = performance.now();
      return new Promise((done) => {
        const check = () => {
          const now = performance.now();
          if ((now - Math.max(lastLongTask, start) >= ms) || now - start > max) done(now - start);
          else setTimeout(check, 50);
        };
        check();
      });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
}

/**
 * A desk over a copy of `dataDir` (so every run starts from the same state), or over the
 * user-data dir of an earlier desk (`userDataDir`: a relaunch, with what the last one saved). The
 * Local workspace is started before the page opens: its cold start is measured on its own.
 */
export async function openDesk(
  browser: Browser,
  options: {
    dataDir?: string;
    identity?: string;
    share?: BrowserApp;
    /** Relaunch over this dir as it is (`dataDir` is then not copied). */
    userDataDir?: string;
    /** `close()` leaves the user-data dir for the caller (to relaunch over, then delete). */
    keep?: boolean;
    /** Also run this in the page before the renderer's scripts (after the probe). */
    init?: () => void;
    /** Before the page loads (routes that stand in for main's answers). */
    beforeLoad?: (page: Page) => Promise<void>;
  },
): Promise<BenchDesk> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'desk-bench-'));
  if (options.dataDir && !options.userDataDir) cpSync(options.dataDir, join(userDataDir, 'local-workspace'), { recursive: true });
  const shared = options.share?.emulator() ?? undefined;
  const app = await startBrowserApp({ userDataDir, rendererDir: resolve('out/renderer'), identity: options.identity, sharedEmulator: shared });
  await app.services.local.start();
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  // tsx keeps function names with a `__name` helper that functions sent to the page also call.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await context.addInitScript(installProbe);
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await options.beforeLoad?.(page);
  await page.goto(`${app.url}&probe`);
  return {
    app,
    page,
    userDataDir,
    async close() {
      await context.close();
      await app.close();
      if (!options.keep) rmSync(userDataDir, { recursive: true, force: true });
      if (errors.length) process.stderr.write(`bench: page errors: ${errors.slice(0, 3).join('; ')}\n`);
    },
  };
}

/**
 * Waits until main has saved the inbox under `<userDataDir>/inbox-cache` (the renderer hands a
 * live inbox over about 2 s after it became live), so a relaunch over the dir can paint it.
 */
export async function waitForInboxCache(desk: BenchDesk, timeoutMs = 30_000): Promise<string> {
  const dir = join(desk.userDataDir, 'inbox-cache');
  const started = Date.now();
  for (;;) {
    const saved = (() => {
      try {
        return readdirSync(dir).filter((f) => f.endsWith('.enc'));
      } catch {
        return [];
      }
    })();
    if (saved.length) return join(dir, saved[0] as string);
    if (Date.now() - started > timeoutMs) {
      const s = await desk.page.evaluate(() => {
        const st = (globalThis as { deskStore?: { getState(): { inboxSource?: string; connection: { status: string }; conversations: Map<string, unknown> } } }).deskStore?.getState();
        return { inboxSource: st?.inboxSource, status: st?.connection.status, conversations: st?.conversations.size };
      });
      throw new Error(`no saved inbox (*.enc) in ${dir} after ${timeoutMs} ms (the page has ${JSON.stringify(s)}; only a live inbox is saved)`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The launch frames noted so far (and stop noting them). */
async function launchFrames(page: Page): Promise<LaunchFrame[]> {
  return page.evaluate(() => {
    const b = (window as never as { __bench: { launch: LaunchFrame[]; stopLaunch(): void } }).__bench;
    b.stopLaunch();
    return b.launch;
  });
}

/** Navigation start → the first frame where `test` held; NaN if none did. */
const firstFrame = (frames: LaunchFrame[], test: (f: LaunchFrame) => boolean): number => frames.find(test)?.t ?? NaN;
/** The newest conversation on top of a screenful of rows (from the copy or the SDK, connected or not). */
const screenful = (f: LaunchFrame, n: number, newest: string) => f.rows >= Math.min(n, 10) && f.top.startsWith(newest);
/** The first screen, usable: a screenful, and connected. */
const usable = (f: LaunchFrame, n: number, newest: string) => f.status === 'connected' && screenful(f, n, newest);

/**
 * Waits (checking every frame) until the probe's latest frame satisfies `done` (connected, a
 * screenful with the newest on top, every conversation in the store, and live if asked), then
 * returns every frame noted since navigation; after `limitMs`, those noted so far.
 */
async function launchUntil(page: Page, done: { n: number; newest: string; live: boolean }, limitMs: number): Promise<LaunchFrame[]> {
  await page
    .waitForFunction(
      ({ n, newest, live }) => {
        const f = (window as never as { __bench: { launch: LaunchFrame[] } }).__bench.launch.at(-1);
        if (!f) return false;
        const ready = f.status === 'connected' && f.rows >= Math.min(n, 10) && f.top.startsWith(newest) && f.conversations >= n;
        return ready && (!live || f.source === 'live');
      },
      done,
      { polling: 'raf', timeout: limitMs },
    )
    // Not in time: the frames noted so far say how far it got.
    .catch(() => undefined);
  return launchFrames(page);
}

export interface Interactive {
  /** Navigation start → first frame with the newest conversation on top of a screenful of rows, connected or not. */
  paintedMs: number;
  /** Where that frame's rows came from: 'cache' (a kept copy, or on a cold start main's REST page) or 'live' / 'none' (the SDK). */
  paintedFrom: string;
  /** Navigation start → first frame with the newest conversation on top of a screenful of rows, connected. */
  firstScreenMs: number;
  /** Navigation start → first frame with every conversation in the inbox (and the first screen); NaN if not within the limit. */
  allListedMs: number;
  /** Conversations listed when measuring stopped. */
  listed: number;
}

/**
 * Launch to interactive inbox, in the page's own clock (0 = navigation start), checked every
 * frame: when the first screen is usable, and when every conversation is listed.
 */
export async function timeToInteractive(page: Page, conversations: number, newest: string, limitMs = 240_000): Promise<Interactive> {
  const frames = await launchUntil(page, { n: conversations, newest, live: false }, limitMs);
  const last = frames.at(-1);
  const painted = frames.find((f) => screenful(f, conversations, newest));
  const result = {
    paintedMs: painted?.t ?? NaN,
    paintedFrom: painted?.source ?? 'never',
    firstScreenMs: firstFrame(frames, (f) => usable(f, conversations, newest)),
    allListedMs: firstFrame(frames, (f) => usable(f, conversations, newest) && f.conversations >= conversations),
    listed: last?.conversations ?? 0,
  };
  // Usable but not everything listed in time: report how far it got instead of failing the bench.
  if (!Number.isFinite(result.firstScreenMs)) throw new Error(`inbox never became interactive (${JSON.stringify(last)})`);
  return result;
}

export interface WarmLaunch {
  /** Navigation start → first frame with the newest conversation on top of a screenful of rows, connected or not. */
  paintedMs: number;
  /** Where that frame's inbox came from ('snapshot' when the launch snapshot painted it, 'cache' when the app painted the saved copy). */
  paintedFrom: string;
  /** Navigation start → first frame where the app itself (not the launch snapshot) shows that screenful. */
  appPaintedMs: number;
  /** Navigation start → first screen usable (connected), as `timeToInteractive`. */
  firstScreenMs: number;
  /** Navigation start → the SDK has announced every conversation (inboxSource 'live'); NaN if not within the limit. */
  liveMs: number;
  /** Conversations in the store when measuring stopped. */
  listed: number;
}

/**
 * A relaunch over a user-data dir with a saved inbox, in the page's clock, checked every frame:
 * the copy painted, the first screen usable, and the inbox live.
 */
export async function timeToWarmInbox(page: Page, conversations: number, newest: string, limitMs = 240_000): Promise<WarmLaunch> {
  const frames = await launchUntil(page, { n: conversations, newest, live: true }, limitMs);
  const painted = frames.find((f) => screenful(f, conversations, newest));
  const result = {
    paintedMs: painted?.t ?? NaN,
    paintedFrom: painted?.source ?? 'never',
    appPaintedMs: firstFrame(frames, (f) => f.source !== 'snapshot' && screenful(f, conversations, newest)),
    firstScreenMs: firstFrame(frames, (f) => usable(f, conversations, newest)),
    liveMs: firstFrame(frames, (f) => f.source === 'live' && f.conversations >= conversations),
    listed: frames.at(-1)?.conversations ?? 0,
  };
  if (!Number.isFinite(result.firstScreenMs)) throw new Error(`warm inbox never became interactive (${JSON.stringify(frames.at(-1))})`);
  return result;
}

/** The page's `desk:*` User Timing marks (ms from navigation start), for where a launch's time went. */
export async function launchMarks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      (performance.getEntriesByType('mark') as Array<{ name: string; startTime: number }>).filter((m) => m.name.startsWith('desk:')).map((m) => [m.name.slice(5), Math.round(m.startTime)]),
    ),
  );
}

/**
 * The SDK's start-up on a page, seen from outside it (the browser's view of the page's sockets, so
 * nothing runs in the page): after connecting, the SDK establishes a Sync subscription for each
 * conversation's document, message list and roster, 100 a request, each confirmed by its own
 * `subscription_established` notification that the SDK handles and acknowledges on the page's
 * thread (~3,000 at 1,000 conversations, for ~10–15 s after a cold launch here). Attach before the
 * page loads (`openDesk`'s `beforeLoad`).
 */
export interface SdkStartup {
  /** Notifications the page's sockets received so far. */
  count(): number;
  /** Resolves once none has arrived for `quietMs`, or after `maxMs` (`timedOut`), with the count then. */
  settled(quietMs?: number, maxMs?: number): Promise<{ count: number; timedOut: boolean }>;
}

export function watchSdkStartup(page: Page): SdkStartup {
  let count = 0;
  let last = Date.now();
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (payload.includes('subscription_established')) {
        count++;
        last = Date.now();
      }
    }),
  );
  return {
    count: () => count,
    async settled(quietMs = 2000, maxMs = 60_000) {
      const started = Date.now();
      while (Date.now() - last < quietMs) {
        if (Date.now() - started >= maxMs) return { count, timedOut: true };
        await page.waitForTimeout(100);
      }
      return { count, timedOut: false };
    },
  };
}

export async function waitQuiet(page: Page, ms = 1000, max = 60_000): Promise<number> {
  return page.evaluate(([q, m]) => (window as never as { __bench: { quiet(a: number, b: number): Promise<number> } }).__bench.quiet(q, m), [ms, max] as const);
}

/**
 * Types `query` into the search box one key at a time, then deletes it again; each sample is
 * keydown → the frame after the one whose list was filtered by the box's text (the inbox's
 * `data-list-query`; the filter may follow the box by a frame or more, and that counts).
 */
export async function searchKeystrokes(page: Page, query: string): Promise<number[]> {
  const input = page.getByRole('searchbox', { name: 'Search conversations' });
  await input.click();
  await page.evaluate(() => {
    const w = window as never as { __keys: number[] };
    w.__keys = [];
    const box = document.querySelector('input[type="search"]') as HTMLInputElement;
    box.addEventListener(
      'keydown',
      (e: { timeStamp: number }) => {
        const t0 = e.timeStamp;
        // Checked before each paint: the first frame whose list matches the box is the one that shows it.
        const check = () => {
          const shown = document.querySelector('nav.inbox')?.getAttribute('data-list-query');
          if (shown === box.value) setTimeout(() => w.__keys.push(performance.now() - t0), 0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      },
      { capture: true },
    );
  });
  const keys = [...query.split(''), ...query.split('').map(() => 'Backspace')];
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i] as string);
    await page.waitForFunction((n) => (window as never as { __keys: number[] }).__keys.length > n, i, { polling: 'raf' });
  }
  return page.evaluate(() => (window as never as { __keys: number[] }).__keys);
}

/** Click on a conversation → its newest message on screen (ms, in the page). */
export async function openThread(page: Page, name: string, newestText: string): Promise<number> {
  const row = page.getByRole('button', { name: new RegExp(`^${name}`) }).first();
  await page.evaluate(() => {
    const w = window as never as { __click: number };
    document.addEventListener('click', (e: { timeStamp: number }) => (w.__click = e.timeStamp), { capture: true, once: true });
  });
  await row.click();
  const handle = await page.waitForFunction(
    (text) => {
      const list = document.querySelector('.message-list');
      const hit = [...(list?.querySelectorAll('.message-text') ?? [])].some((p) => p.textContent?.includes(text));
      return hit ? performance.now() - (window as never as { __click: number }).__click : false;
    },
    newestText,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Scrolls the open thread up through `pages` older pages with the mouse wheel. Returns each
 * page's load time ("Loading older messages…" shown → gone, on screen or not: the desk asks for
 * the next page before the agent reaches the top) and when it was shown (the page's
 * performance.now()), how long the agent saw it on screen (0 for a page that was in before the
 * agent got there), and frames dropped while scrolling.
 */
export async function scrollHistory(page: Page, pages: number): Promise<{ pageMs: number[]; waitMs: number[]; startMs: number[]; droppedPerSecond: number; dropped: number; seconds: number }> {
  const list = page.locator('.message-list');
  const box = await list.boundingBox();
  if (!box) throw new Error('no message list');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    const w = window as never as { __pages: number[]; __waits: number[]; __starts: number[]; __bench: { startFrames(): void }; __scrollWatch?: { disconnect(): void } };
    w.__scrollWatch?.disconnect();
    w.__pages = [];
    w.__waits = [];
    w.__starts = [];
    let shownAt: number | null = null;
    let seenAt: number | null = null;
    const root = document.querySelector('.message-list') as Element;
    // Whether the header is on screen comes from an IntersectionObserver: it is worked out after
    // the frame's own layout. (Reading the header's and the list's boxes in every frame while a
    // page loaded forced a layout from the probe, inside the frames being counted.)
    let headerOnScreen = false;
    let watched: Element | null = null;
    const visible = new IntersectionObserver(
      (entries: Array<{ isIntersecting: boolean; time: number }>) => {
        for (const e of entries) {
          headerOnScreen = e.isIntersecting;
          if (headerOnScreen && shownAt !== null && seenAt === null) seenAt = e.time;
        }
      },
      { root },
    );
    const watchHeader = () => {
      const header = root.querySelector('.history-header');
      if (header === watched) return;
      if (watched) visible.unobserve(watched);
      watched = header;
      headerOnScreen = false;
      if (header) visible.observe(header);
    };
    watchHeader();
    const changes = new MutationObserver(() => {
      watchHeader();
      const loading = root.querySelector('.history-header')?.textContent?.includes('Loading older messages…') ?? false;
      if (loading && shownAt === null) {
        shownAt = performance.now();
        if (headerOnScreen) seenAt = shownAt;
      }
      if (!loading && shownAt !== null) {
        const began = shownAt;
        const seen = seenAt;
        shownAt = null;
        seenAt = null;
        requestAnimationFrame(() => {
          w.__starts.push(began);
          w.__pages.push(performance.now() - began);
          w.__waits.push(seen === null ? 0 : performance.now() - seen);
        });
      }
    });
    changes.observe(root, { childList: true, subtree: true, characterData: true });
    // Stopped when this scroll ends: a later scroll of the same list must not count its pages twice.
    w.__scrollWatch = {
      disconnect() {
        changes.disconnect();
        visible.disconnect();
      },
    };
    w.__bench.startFrames();
  });
  const started = Date.now();
  while ((await page.evaluate(() => (window as never as { __pages: number[] }).__pages.length)) < pages) {
    await page.mouse.wheel(0, -600);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    if (Date.now() - started > 120_000) throw new Error('scrolling history timed out');
  }
  const seconds = (Date.now() - started) / 1000;
  const { frames, pageMs, waitMs, startMs } = await page.evaluate((n) => {
    const w = window as never as { __pages: number[]; __waits: number[]; __starts: number[]; __bench: { stopFrames(): { frames: number; dropped: number } }; __scrollWatch?: { disconnect(): void } };
    w.__scrollWatch?.disconnect();
    return { frames: w.__bench.stopFrames(), pageMs: w.__pages.slice(0, n), waitMs: w.__waits.slice(0, n), startMs: w.__starts.slice(0, n) };
  }, pages);
  return { pageMs, waitMs, startMs, dropped: frames.dropped, seconds, droppedPerSecond: frames.dropped / seconds };
}

/** JS heap after a forced GC, and element count of the document. */
export async function memory(page: Page): Promise<{ heapMb: number; domNodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { heapMb: usedSize / 1024 / 1024, domNodes };
}

/**
 * Installed in both agents' pages for send → seen: notes (wall clock) every twilsock frame that
 * carries a bench message's text, out and in, and (once the bench asks) when the DOM first holds
 * it, so a send's time splits into sender → socket, socket → socket (emulator and network),
 * socket → DOM (SDK decode, the desk's store update, React) and DOM → the frame that paints it.
 */
function captureSendStages(): void {
  const w = globalThis as unknown as {
    WebSocket: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    __stages: Array<[string, string, number]>;
  };
  w.__stages = [];
  const decoder = new TextDecoder();
  const wall = () => performance.timeOrigin + performance.now();
  const keyOf = (data: unknown): string | null => {
    const text = typeof data === 'string' ? data : data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? decoder.decode(data as ArrayBuffer) : '';
    return /ping-(\d+)-end/.exec(text)?.[1] ?? null;
  };
  const Native = w.WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (this: unknown, data: unknown) {
    const key = keyOf(data);
    if (key !== null) w.__stages.push(['socketOut', key, wall()]);
    return send.call(this, data);
  };
  w.WebSocket = class extends Native {
    constructor(...args: unknown[]) {
      super(...args);
      // Registered before the SDK's own handler, so it runs first.
      this.addEventListener('message', (e: { data: unknown }) => {
        const key = keyOf(e.data);
        if (key !== null) w.__stages.push(['socketIn', key, wall()]);
      });
    }
  };
}

/** Where one send's time went (ms); NaN where a stage was not seen. */
export interface SendStages {
  /** A's Enter keydown → A's socket sends the message (composer, outbox, SDK send path). */
  senderMs: number;
  /** A's socket → B's socket receives the message (the emulator and the loopback network). */
  emulatorMs: number;
  /** B's socket → B's DOM holds the text (SDK decode and events, the desk's store update, React). */
  receiverMs: number;
  /** B's DOM → the frame that paints it. */
  frameMs: number;
}

export interface SendTrace {
  stages?: SendStages[];
  /** A CPU profile of B's page over the sends, written here. */
  receiverProfile?: string;
  /** A CPU profile of A's page over the sends, written here. */
  senderProfile?: string;
  /**
   * Receives each send's A's Enter → B's DOM holds the text (B's MutationObserver, read at the
   * mutation): the same moment without the wait for the frame that paints it.
   */
  domLatencies?: number[];
  /** Receives the floor: the same number of sends between two bare SDK clients (see sdkFloor). */
  floor?: number[];
  /**
   * Receives each process's CPU time per send (ms) over the sends: the emulator's (from /proc)
   * and every Chromium process's (CDP SystemInfo). CPU time, not wall, but not free of the load
   * either: the harness's own work in the pages (Playwright's polling every 50 ms, the probe's
   * frame loop, compositing those frames) runs for as long as each send takes.
   */
  cpu?: Map<string, number>;
}

/**
 * Two agents, two browser contexts, one emulator: agent A sends, agent B has the conversation
 * open. Each sample is A's Enter keydown → the frame after B's DOM shows the text, both as wall
 * clock (performance.timeOrigin + now) so the two pages compare. `trace.stages`, when given,
 * receives each send's split (see SendStages); `trace.receiverProfile` names a file for a CPU
 * profile of B's page over the sends (`senderProfile` of A's).
 */
export async function sendToSeen(
  browser: Browser,
  dataDir: string,
  conversations: number,
  conversation: string,
  sends: number,
  trace: SendTrace = {},
): Promise<number[]> {
  const { stages } = trace;
  const init = stages ? captureSendStages : undefined;
  const a = await openDesk(browser, { dataDir, init });
  await timeToInteractive(a.page, conversations, conversation);
  const b = await openDesk(browser, { identity: DEMO_SECOND_AGENT_IDENTITY, share: a.app, init });
  await timeToInteractive(b.page, 1, conversation);
  let floorWanted = false;
  try {
    for (const desk of [a, b]) {
      await desk.page.getByRole('button', { name: new RegExp(`^${conversation}`) }).first().click();
      await desk.page.locator('.message-list').waitFor();
      await waitQuiet(desk.page, 500, 60_000);
    }
    await b.page.evaluate(() => {
      // Checked every frame (before paint) while a send is awaited: the first frame whose DOM
      // holds the text is the frame that shows it. The DOM itself is watched for the stages.
      const w = window as never as { __watch(key: string): void; __seen: Map<string, number>; __inDom: Map<string, number> };
      w.__seen = new Map();
      w.__inDom = new Map();
      let watching: string | null = null;
      // Both clocks are read before the page's text is: the search itself is the bench's cost.
      new MutationObserver(() => {
        const at = performance.timeOrigin + performance.now();
        if (watching !== null && !w.__inDom.has(watching) && document.body.textContent?.includes(`ping-${watching}-end`)) w.__inDom.set(watching, at);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
      w.__watch = (key: string) => {
        watching = key;
        const check = () => {
          const at = performance.timeOrigin + performance.now();
          // In the open thread or in the inbox row's preview, whichever shows it first.
          if (document.body.textContent?.includes(`ping-${key}-end`)) w.__seen.set(key, at);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      };
    });
    await a.page.evaluate(() => {
      const w = window as never as { __sent: number[] };
      w.__sent = [];
      document.addEventListener('keydown', (e: { key: string; timeStamp: number }) => e.key === 'Enter' && w.__sent.push(performance.timeOrigin + e.timeStamp), { capture: true });
    });
    const composer = a.page.getByRole('textbox', { name: 'Message' });
    const latencies: number[] = [];
    const cpuBefore = trace.cpu ? await processCpu(browser, a.app) : null;
    const profiler = trace.receiverProfile ? await b.page.context().newCDPSession(b.page) : null;
    const senderProfiler = trace.senderProfile ? await a.page.context().newCDPSession(a.page) : null;
    for (const p of [profiler, senderProfiler]) {
      if (!p) continue;
      await p.send('Profiler.enable');
      await p.send('Profiler.setSamplingInterval', { interval: 100 });
      await p.send('Profiler.start');
    }
    for (let i = 0; i < sends; i++) {
      await composer.fill(`ping-${i}-end`);
      await b.page.evaluate((k) => (window as never as { __watch(key: string): void }).__watch(k), String(i));
      await composer.press('Enter');
      const seen = await b.page.waitForFunction((k) => {
        const v = (window as never as { __seen: Map<string, number> }).__seen.get(k);
        return v !== undefined && v > 0 ? v : false;
      }, String(i), { polling: 50, timeout: 15_000 }).catch(async (e: unknown) => {
        if (process.env.BENCH_DEBUG) {
          await a.page.screenshot({ path: '/tmp/bench/send-a.png' });
          await b.page.screenshot({ path: '/tmp/bench/send-b.png' });
        }
        throw e;
      });
      const sent = await a.page.evaluate((k) => (window as never as { __sent: number[] }).__sent[k] as number, i);
      const seenAt = (await seen.jsonValue()) as number;
      latencies.push(seenAt - sent);
      const key = String(i);
      const inDom = await b.page.evaluate((k) => (window as never as { __inDom: Map<string, number> }).__inDom.get(k) ?? NaN, key);
      trace.domLatencies?.push(inDom - sent);
      if (stages) {
        type Stage = Array<[string, string, number]>;
        const first = (list: Stage, kind: string) => list.find(([k, n]) => k === kind && n === key)?.[2] ?? NaN;
        const outA = first(await a.page.evaluate(() => (window as never as { __stages: Stage }).__stages), 'socketOut');
        const inB = first(await b.page.evaluate(() => (window as never as { __stages: Stage }).__stages), 'socketIn');
        stages.push({ senderMs: outA - sent, emulatorMs: inB - outA, receiverMs: inDom - inB, frameMs: seenAt - inDom });
      }
    }
    if (cpuBefore && trace.cpu) {
      const after = await processCpu(browser, a.app);
      for (const [k, v] of after) trace.cpu.set(k, (v - (cpuBefore.get(k) ?? 0)) / sends);
    }
    if (profiler && trace.receiverProfile) {
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(trace.receiverProfile, JSON.stringify(profile));
    }
    if (senderProfiler && trace.senderProfile) {
      const { profile } = (await senderProfiler.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(trace.senderProfile, JSON.stringify(profile));
    }
    floorWanted = trace.floor !== undefined;
    return latencies;
  } finally {
    await b.close();
    // With both pages closed, so neither renders the floor's messages on the same cores.
    if (floorWanted) {
      await a.page.context().close();
      trace.floor?.push(...(await sdkFloor(a.app, conversation, sends)));
    }
    await a.close();
  }
}

export const p = (values: number[], q: number): number => percentile(values, q);

/**
 * The floor under send → seen: the same two agents as bare SDK clients in this Node process (no
 * UI, no store, no React), on the same emulator over loopback. Each sample is A's sendMessage()
 * → B's messageAdded, one send at a time, as the desk bench sends.
 */
async function sdkFloor(app: BrowserApp, conversation: string, sends: number): Promise<number[]> {
  const emulator = app.emulator();
  if (!emulator) throw new Error('sdkFloor: no emulator');
  const connect = async (identity: string): Promise<Client> => {
    const client = new Client(emulator.mintToken(identity), { ...emulator.info.clientOptions, logLevel: 'error' } as never);
    await new Promise<void>((done, fail) => {
      client.once('initialized', () => done());
      client.once('initFailed', ({ error }) => fail(new Error(`sdkFloor: ${error?.message ?? 'initFailed'}`)));
    });
    return client;
  };
  const named = async (client: Client): Promise<Conversation> => {
    for (let page = await client.getSubscribedConversations(); ; page = await page.nextPage()) {
      const found = page.items.find((c) => c.friendlyName === conversation);
      if (found) return found;
      if (!page.hasNextPage) throw new Error(`sdkFloor: ${conversation} not found`);
    }
  };
  const a = await connect(DEMO_AGENT_IDENTITY);
  const b = await connect(DEMO_SECOND_AGENT_IDENTITY);
  try {
    const [ca] = await Promise.all([named(a), named(b)]);
    const out: number[] = [];
    for (let i = 0; i < sends; i++) {
      const body = `floor-${i}-end`;
      const seen = new Promise<number>((done) => {
        const on = (m: Message) => {
          if (m.body !== body) return;
          b.off('messageAdded', on);
          done(performance.now());
        };
        b.on('messageAdded', on);
      });
      const sent = performance.now();
      await ca.sendMessage(body);
      out.push((await seen) - sent);
    }
    return out;
  } finally {
    await Promise.all([a.shutdown(), b.shutdown()]);
  }
}

/** CPU time (ms) so far of the emulator's process and of each Chromium process, by name. */
async function processCpu(browser: Browser, app: BrowserApp): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const pid = app.emulator()?.pid;
  if (pid !== undefined) {
    // utime and stime, in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    out.set('emulator', ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
  }
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number; cpuTime: number }> };
    for (const p of processInfo) out.set(`chromium ${p.type} ${p.id}`, p.cpuTime * 1000);
  } finally {
    await cdp.detach();
  }
  return out;
}
