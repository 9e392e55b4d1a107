/**
 * The desk bench's own-inbox search keys and its cold launch on their own, for finding where the
 * time goes (`desk-bench.ts`'s setup and measures):
 *
 *   npx tsx tests/bench/desk-keys-profile.ts [--conversations 1000] [--runs 1]
 *     [--trace out.json] [--launch-trace launch.json] [--profile keys.cpuprofile] [--query "customer 0123"]
 *
 * Per run: the cold launch's `desk:*` marks, its IPC requests (resource timing) and when the first
 * screen was painted and usable; then the keys typed as the bench types them (after the inbox is
 * quiet), each key → frame, the key's own task, and the floor (the same keys in a plain <input>).
 * `--trace` records a Chromium trace of the keys and prints, for every key slower than two frames,
 * the main thread's tasks inside it (what they were and their thread time); `--launch-trace` does
 * the same for the launch up to usable. Build first (`npx electron-vite build`; unminified for names).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildDataset, NEWEST } from './datasets';
import { launchBrowser, launchMarks, openDesk, timeToInteractive, waitQuiet } from './desk-bench';
import { percentile } from './stats';
import { floorKeys, typeAndMeasure } from './views-bench';
import { runScript } from './script';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const loadNow = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const out = (line: string) => process.stdout.write(`${line}\n`);
const f0 = (v: number) => v.toFixed(0);
const f1 = (v: number) => v.toFixed(1);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'v8.execute', 'disabled-by-default-v8.gc'];

/** The page's renderer main thread (the CrRendererMain with the most tasks) and its complete events. */
function mainThread(json: string): { on: TraceEvent[]; marks: Map<string, number> } {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const threads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const count = (pid: number, tid: number) => events.filter((e) => e.pid === pid && e.tid === tid && e.name === 'RunTask').length;
  const main = threads.map((t) => ({ t, n: count(t.pid, t.tid) })).sort((a, b) => b.n - a.n)[0]?.t;
  if (!main) return { on: [], marks: new Map() };
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const marks = new Map<string, number>();
  for (const e of events) if (e.pid === main.pid && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n') && e.cat.includes('user_timing')) marks.set(e.name, e.ts);
  return { on, marks };
}

/** What a task is, by its heaviest nested events (FunctionCall's function and file, event type, GC, layout…). */
function describe(task: TraceEvent, on: TraceEvent[]): string {
  const end = task.ts + (task.dur ?? 0);
  const inside = on.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && e.name !== 'RunTask');
  const label = (e: TraceEvent): string => {
    const d = e.args?.data ?? {};
    if (e.name === 'FunctionCall') return `FunctionCall ${String(d.functionName || '(anon)')}@${String(d.url ?? '').split('/').pop()}:${String(d.lineNumber ?? '')}`;
    if (e.name === 'EventDispatch') return `Event ${String(d.type)}`;
    if (e.name === 'TimerFire') return 'TimerFire';
    return e.name;
  };
  const kinds = new Map<string, number>();
  for (const e of inside) {
    if (!['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'MajorGC', 'MinorGC', 'V8.GC_MC_BACKGROUND_MARKING', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'ParseHTML', 'EvaluateScript', 'v8.compile', 'XHRLoad', 'XHRReadyStateChange', 'ResourceReceivedData', 'ResourceFinish', 'HandlePostMessage', 'FireIdleCallback'].includes(e.name)) continue;
    const k = label(e);
    kinds.set(k, (kinds.get(k) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
  }
  return [...kinds.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, ms]) => `${k} ${f1(ms)}`)
    .join('; ');
}

/** The tasks of at least `minMs` (thread time) between two trace times (µs). */
function tasksBetween(on: TraceEvent[], from: number, to: number, minMs: number): string[] {
  return on
    .filter((e) => e.name === 'RunTask' && e.ts + (e.dur ?? 0) > from && e.ts < to && (e.tdur ?? e.dur ?? 0) / 1000 >= minMs)
    .map((e) => `    +${f0((e.ts - from) / 1000)} ms: task ${f1((e.dur ?? 0) / 1000)} ms wall / ${f1((e.tdur ?? 0) / 1000)} cpu — ${describe(e, on)}`);
}

async function keysRun(browser: Browser, dir: string, n: number, run: number): Promise<void> {
  const launchTrace = arg('--launch-trace');
  const desk = await openDesk(browser, {
    dataDir: dir,
    beforeLoad: launchTrace ? (page: Page) => browser.startTracing(page, { categories: TRACE_CATEGORIES }) : undefined,
  });
  try {
    const { page } = desk;
    const launch = await timeToInteractive(page, n, NEWEST);
    const load = loadNow();
    out(`run ${run} (load ${load}): cold painted ${f0(launch.paintedMs)} ms (from ${launch.paintedFrom}), usable ${f0(launch.firstScreenMs)} ms, all listed ${f0(launch.allListedMs)} ms`);
    out(`  marks ${JSON.stringify(await launchMarks(page))}`);
    const ipc = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as unknown as Array<{ name: string; startTime: number; responseEnd: number }>)
        .filter((r) => !/\.woff2?$/.test(r.name))
        .map((r) => `${decodeURIComponent(r.name.split('/').pop()?.split('?')[0] ?? '')} ${Math.round(r.startTime)}→${Math.round(r.responseEnd)}`),
    );
    out(`  requests ${ipc.join(', ')}`);
    if (launchTrace) {
      const json = (await browser.stopTracing()).toString();
      const file = launchTrace.replace(/(\.json)?$/, `-${run}.json`);
      writeFileSync(file, json);
      const { on, marks } = mainThread(json);
      const nav = on.find((e) => e.name === 'RunTask')?.ts ?? 0;
      const start = marks.get('desk:session-start') ?? nav;
      out(`  launch trace ${file}: tasks ≥ 10 ms from the first task (session-start at +${f0((start - nav) / 1000)} ms):`);
      for (const line of tasksBetween(on, nav, nav + launch.firstScreenMs * 1000 + 200_000, 10)) out(line);
    }
    await waitQuiet(page, 1000, 15_000);
    const trace = arg('--trace');
    const profile = arg('--profile');
    if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // A mark at each keydown (its dispatch delay noted) places the keys in the trace.
    await page.evaluate(() => {
      const w = globalThis as unknown as { __km: number[]; document: { querySelector(s: string): { addEventListener(t: string, f: (e: { timeStamp: number }) => void, o: unknown): void } } };
      w.__km = [];
      let i = 0;
      w.document.querySelector('input[type="search"]').addEventListener(
        'keydown',
        (e) => {
          w.__km.push(performance.now() - e.timeStamp);
          performance.mark(`bench-key-${i++}`);
        },
        { capture: true },
      );
    });
    const query = arg('--query') ?? 'customer 0123';
    const k = await typeAndMeasure(page, query);
    const delays = await page.evaluate(() => (globalThis as unknown as { __km: number[] }).__km);
    if (cdp) {
      const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(profile as string, JSON.stringify(p));
    }
    const floor = await floorKeys(page, query);
    out(`  keys (load ${loadNow()}): → frame p50 ${f0(percentile(k.keys, 50))} / p95 ${f0(percentile(k.keys, 95))} ms; own task p50 ${f1(percentile(k.scripts, 50))} / p95 ${f1(percentile(k.scripts, 95))} ms; floor p50 ${f0(percentile(floor, 50))} / p95 ${f0(percentile(floor, 95))} ms`);
    out(`  each key → frame: ${k.keys.map(f0).join(' ')}`);
    out(`  each own task:    ${k.scripts.map(f0).join(' ')}`);
    out(`  background updates per key: ${k.background.join(' ')}`);
    if (trace) {
      const json = (await browser.stopTracing()).toString();
      const file = trace.replace(/(\.json)?$/, `-${run}.json`);
      writeFileSync(file, json);
      const { on, marks } = mainThread(json);
      // The main thread's CPU from the first keydown to the last key's frame: the keys' own tasks and everything else.
      const first = marks.get('bench-key-0');
      if (first !== undefined) {
        const end = first + k.keys.reduce((a, b) => a + b, 0) * 1000 + 60_000_000;
        const last = marks.get(`bench-key-${k.keys.length - 1}`) ?? first;
        const until = Math.min(end, last + (k.keys.at(-1) ?? 0) * 1000);
        const tasks = on.filter((e) => e.name === 'RunTask' && e.ts >= first - 2000 && e.ts <= until);
        const keyEvents = on.filter((e) => e.name === 'EventDispatch' && ['keydown', 'keypress', 'input'].includes(String(e.args?.data?.type)));
        const isKey = (t: TraceEvent) => keyEvents.some((e) => e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0));
        const cpu = (ts: TraceEvent[]) => ts.reduce((n, e) => n + (e.tdur ?? e.dur ?? 0), 0) / 1000;
        const keyTasks = tasks.filter(isKey);
        const gcs = on.filter((e) => (e.name === 'MajorGC' || e.name === 'MinorGC') && e.ts >= first && e.ts <= until);
        out(`  main thread CPU over the ${k.keys.length} keys (${f0((until - first) / 1000)} ms): ${f0(cpu(tasks))} ms in ${tasks.length} tasks; the keys' own tasks ${f0(cpu(keyTasks))} ms (${f1(cpu(keyTasks) / k.keys.length)} a key); other tasks ${f0(cpu(tasks) - cpu(keyTasks))} ms; GC ${f0(cpu(gcs))} ms`);
      }
      out(`  keys trace ${file}: tasks ≥ 2 ms inside each key slower than 33 ms`);
      k.keys.forEach((ms, i) => {
        const at = marks.get(`bench-key-${i}`);
        if (at === undefined || ms < 33) return;
        const from = at - (delays[i] ?? 0) * 1000;
        out(`  key ${i} ${JSON.stringify(query[i] ?? 'Backspace')}: ${f0(ms)} ms (own task ${f0(k.scripts[i] ?? NaN)}, keydown dispatched ${f1(delays[i] ?? 0)} ms late)`);
        for (const line of tasksBetween(on, from, from + ms * 1000, 2)) out(line);
      });
    }
  } finally {
    await desk.close();
  }
}

async function main(): Promise<void> {
  const n = Number(arg('--conversations') ?? 1000);
  const data = await buildDataset(n);
  out(`seeded ${n} in ${f0(data.seedMs)} ms`);
  const browser = await launchBrowser();
  try {
    for (let run = 1; run <= Number(arg('--runs') ?? 1); run++) await keysRun(browser, data.dir, n, run);
  } finally {
    await browser.close();
    data.remove();
  }
}

runScript(main);
