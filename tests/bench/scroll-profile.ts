/**
 * Scrolling history and send → seen on their own, with the desk bench's setup and measurements
 * (`desk-bench.ts`), for finding where the time goes:
 *
 *   npx tsx tests/bench/scroll-profile.ts [--conversations 1000] [--runs 3] [--pages 15]
 *     [--profile out.cpuprofile] [--trace out.json] [--send 100] [--send-profile b.cpuprofile]
 *     [--sender-profile a.cpuprofile] [--sdk-floor] [--floor floor.json] [--no-scroll]
 *     [--split] [--settle]
 *
 * Prints each run's older-page times and dropped frames with the load average. `--profile` takes a
 * CPU profile of the scroll (CDP Profiler) and prints the functions with the most self time, and
 * the samples inside the slowest page; `--trace` records a Chromium performance trace instead (open
 * either in DevTools' Performance panel) and prints the main thread's CPU time by kind. `--send N`
 * measures N sends → seen by a second agent, split by stage, both to the frame that paints the
 * text (sampled once a frame) and to the DOM mutation that holds it (exact); `--send-profile` /
 * `--sender-profile` profile the receiving / sending agent's page over them; `--sdk-floor` adds the
 * same sends between two bare SDK clients in Node on the same emulator (no UI: the floor). For
 * readable profiles build the renderer unminified first (DESK_MINIFY=0).
 * `--floor` measures what Chromium alone spends on the same rows: the thread's rendered rows are
 * copied as static HTML into a box laid over the list, and put in, laid out, painted and taken
 * out again 10 at a time, as many rows as the scroll's pages (no React, no virtualizer, no SDK),
 * under a trace; it prints the main thread's CPU per 30 rows and the rows' elements/attributes.
 * `--split` splits each older page's time at its twilsock frames: "Loading…" shown → the page's
 * read sent on the socket (the SDK's own hop: operation-retrier's setTimeout before every Sync
 * request), sent → its reply handed to the page (emulator, network, the socket's task waiting for
 * the thread), reply → on screen (the SDK's twilsock setTimeout hop and Message objects, the
 * desk's store and React commit, the frame); and counts the `subscription_established`
 * notifications that arrived while scrolling (the SDK's start-up). `--settle` scrolls only once
 * the SDK's start-up traffic has ended (no `subscription_established` for 2 s).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BIG_THREAD_NAME, bigThreadNewest, buildDataset, NEWEST } from './datasets';
import { launchBrowser, openDesk, openThread, scrollHistory, sendToSeen, timeToInteractive, waitQuiet, watchSdkStartup, type SdkStartup, type SendStages } from './desk-bench';
import { percentile } from './stats';
import { runScript } from './script';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const loadNow = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const out = (line: string) => process.stdout.write(`${line}\n`);
const f0 = (v: number) => v.toFixed(0);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (ms), over the samples `keep` accepts (by their time since the start, µs). */
function selfTimes(profile: CpuProfile, keep: (t: number) => boolean = () => true): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let t = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (!keep(t)) return;
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

/** Inclusive time per function (ms): every sample counts once for each distinct function on its stack. */
function totalTimes(profile: CpuProfile): Array<[string, number]> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (!f || !f.url) continue;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The renderer main thread's CPU time (trace events' thread durations, so time the thread waited
 * for a core doesn't count: the machine is shared) while scrolling, in total and by kind.
 */
function mainThreadCpu(file: string, json: string, pages: number, kinds = ['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC']): void {
  writeFileSync(file, json);
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const threads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // The page's main thread: the renderer main thread with the most tasks.
  const tasks = (pid: number, tid: number) => events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.name === 'RunTask');
  const main = threads.map((t) => ({ t, n: tasks(t.pid, t.tid).length })).sort((a, b) => b.n - a.n)[0]?.t;
  if (!main) {
    out("  trace: no renderer main thread");
    return;
  }
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const cpu = (name: string) => on.filter((e) => e.name === name).reduce((n, e) => n + (e.tdur ?? e.dur ?? 0), 0) / 1000;
  const wall = (name: string) => on.filter((e) => e.name === name).reduce((n, e) => n + (e.dur ?? 0), 0) / 1000;
  const total = cpu('RunTask');
  out(`  trace ${file}: main thread CPU ${f0(total)} ms (${f0(total / Math.max(1, pages))} ms per page; wall in tasks ${f0(wall('RunTask'))} ms)`);
  out(`    ${kinds.map((k) => `${k} ${f0(cpu(k))}`).join(', ')} (CPU ms; nested kinds overlap)`);
}

/**
 * Chromium's own cost for `pages` × 30 of the thread's rows as static HTML (see the header),
 * 10 rows a frame: innerHTML in, one frame to lay out and paint them, out with the next ten.
 */
async function staticFloor(page: Page, pages: number, file: string): Promise<void> {
  const browser = page.context().browser();
  if (!browser) return;
  const shape = await page.evaluate(() => {
    const d = (globalThis as unknown as { document: any }).document; // eslint-disable-line @typescript-eslint/no-explicit-any
    const list = d.querySelector('.message-list');
    const items = [...list.querySelectorAll('[data-item-index]')] as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const rect = list.getBoundingClientRect();
    const box = d.createElement('div');
    box.id = 'floor-box';
    box.style.cssText = `position:fixed;left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px;overflow:hidden;background:var(--bg);z-index:50`;
    d.querySelector('.thread-body').append(box);
    const w = globalThis as unknown as { __floorRows: string[] };
    w.__floorRows = items.map((el) => el.outerHTML as string);
    const count = (el: any) => [el, ...el.querySelectorAll('*')] as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const elements = items.map((el) => count(el).length);
    const attributes = items.map((el) => count(el).reduce((n: number, e: any) => n + (e.attributes.length as number), 0)); // eslint-disable-line @typescript-eslint/no-explicit-any
    return { rows: items.length, elements: elements.reduce((a, b) => a + b, 0) / items.length, attributes: attributes.reduce((a, b) => a + b, 0) / items.length };
  });
  out(`  floor: ${shape.rows} rows copied; per row ${shape.elements.toFixed(1)} elements, ${shape.attributes.toFixed(1)} attributes`);
  await browser.startTracing(page, { path: file, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
  await page.evaluate(async (batches: number) => {
    const g = globalThis as unknown as { document: any; requestAnimationFrame(cb: () => void): void; __floorRows: string[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const box = g.document.getElementById('floor-box');
    const frame = () => new Promise<void>((r) => g.requestAnimationFrame(() => r()));
    for (let b = 0; b < batches; b++) {
      await frame();
      box.innerHTML = Array.from({ length: 10 }, (_, i) => g.__floorRows[(b * 10 + i) % g.__floorRows.length]).join('');
    }
    await frame();
    await frame();
    box.remove();
  }, pages * 3);
  await browser.stopTracing();
  mainThreadCpu(file, readFileSync(file, 'utf8'), pages, ['FireAnimationFrame', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC']);
}

/**
 * Installed before the renderer's scripts with `--split`: notes (performance.now()) each older-page
 * read the SDK sends (a tunnelled GET of list items, newest first) and the reply with the same
 * twilsock id, and each `subscription_established` notification. Only frames' first bytes are read.
 */
function splitProbe(): void {
  const g = globalThis as unknown as { WebSocket: any; __split: { sent: Array<[string, number]>; replies: Record<string, number>; established: number[] } }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const split: typeof g.__split = { sent: [], replies: {}, established: [] };
  g.__split = split;
  const head = (data: unknown, n: number): string => {
    if (typeof data === 'string') return data.slice(0, n);
    if (data instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(data, 0, Math.min(n, data.byteLength)));
    if (ArrayBuffer.isView(data)) return new TextDecoder().decode(new Uint8Array(data.buffer, data.byteOffset, Math.min(n, data.byteLength)));
    return '';
  };
  const asked = new Set<string>();
  const Native = g.WebSocket;
  g.WebSocket = class extends Native {
    constructor(...a: unknown[]) {
      super(...a);
      this.addEventListener('message', (e: { data: unknown }) => {
        const text = head(e.data, 700);
        const id = /"id":"([^"]+)"/.exec(text)?.[1];
        if (id && asked.has(id) && text.includes('"method":"reply"')) split.replies[id] = performance.now();
        else if (text.includes('subscription_established')) split.established.push(performance.now());
      });
    }
    send(data: unknown) {
      const text = head(data, 1500);
      // An older page: newest first from an anchor ("From"; previews and a thread's first page have none).
      if (text.includes('"method":"message"') && text.includes('/Items') && text.includes('"Order":"desc"') && text.includes('"From":')) {
        const id = /"id":"([^"]+)"/.exec(text)?.[1];
        if (id) {
          asked.add(id);
          split.sent.push([id, performance.now()]);
        }
      }
      return super.send(data);
    }
  };
}

/** Per older page: shown → sent, sent → reply, reply → on screen (ms), from `splitProbe`'s notes. */
async function splitPages(page: Page, starts: number[], pageMs: number[], scrollFrom: number): Promise<void> {
  const split = await page.evaluate(() => (globalThis as unknown as { __split: { sent: Array<[string, number]>; replies: Record<string, number>; established: number[] } }).__split);
  const rows = starts.map((start, i) => {
    const end = start + (pageMs[i] ?? 0);
    const sent = split.sent.find(([, t]) => t >= start - 1 && t <= end);
    const reply = sent ? split.replies[sent[0]] : undefined;
    const during = split.established.filter((t) => t >= start && t <= end).length;
    return sent && reply !== undefined ? [sent[1] - start, reply - sent[1], end - reply, during] : null;
  }).filter((r): r is number[] => r !== null);
  const col = (k: number) => rows.map((r) => r[k] as number);
  const stat = (k: number) => `p50 ${f0(percentile(col(k), 50))} / p95 ${f0(percentile(col(k), 95))}`;
  out(`  split of ${rows.length} of ${starts.length} pages (ms): shown → read sent ${stat(0)}; sent → reply ${stat(1)}; reply → on screen ${stat(2)}`);
  out(`    per page [shown→sent, sent→reply, reply→screen, subscription_established during it]: ${rows.map((r) => `[${r.map(f0).join(' ')}]`).join(' ')}`);
  const during = split.established.filter((t) => t >= scrollFrom).length;
  out(`  subscription_established notifications: ${during} while scrolling, ${split.established.length} since launch`);
}

async function scrollRun(page: Page, pages: number, run: number): Promise<{ pageMs: number[]; waitMs: number[]; droppedPerSecond: number }> {
  const profilePath = arg('--profile');
  const tracePath = arg('--trace');
  const browser = page.context().browser();
  const cdp = profilePath ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  if (tracePath && browser) await browser.startTracing(page, { path: tracePath, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'v8.execute'] });
  const startedAt = await page.evaluate(() => performance.now());
  const scroll = await scrollHistory(page, pages);
  if (args.includes('--split')) await splitPages(page, scroll.startMs, scroll.pageMs, startedAt);
  if (tracePath && browser) {
    await browser.stopTracing();
    mainThreadCpu(tracePath.replace(/(\.json)?$/, `-${run}.json`), readFileSync(tracePath, 'utf8'), scroll.pageMs.length);
  }
  if (cdp) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const file = profilePath!.replace(/(\.cpuprofile)?$/, `-${run}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
    out(`  profile ${file}: ${f0(total)} ms sampled`);
    out('  self time, whole scroll:');
    for (const [k, v] of selfTimes(profile).slice(0, 25)) out(`    ${v.toFixed(1).padStart(8)} ms  ${k}`);
    out('  inclusive time, whole scroll:');
    for (const [k, v] of totalTimes(profile).slice(0, 30)) out(`    ${v.toFixed(1).padStart(8)} ms  ${k}`);
    // The slowest page: the samples between its "Loading…" and the end of its time.
    const slowest = scroll.pageMs.indexOf(Math.max(...scroll.pageMs));
    const from = scroll.startMs[slowest];
    if (from !== undefined) {
      // Profile time is µs since profile.startTime (a monotonic clock), page time is ms since navigation; align on the scroll start.
      const a = (from - startedAt) * 1000;
      const b = a + (scroll.pageMs[slowest] as number) * 1000;
      out(`  self time inside the slowest page (#${slowest + 1}, ${f0(scroll.pageMs[slowest] as number)} ms):`);
      for (const [k, v] of selfTimes(profile, (t) => t >= a && t <= b).slice(0, 20)) out(`    ${v.toFixed(1).padStart(8)} ms  ${k}`);
    }
  }
  return scroll;
}

async function main(): Promise<void> {
  const conversations = Number(arg('--conversations') ?? 1000);
  const runs = Number(arg('--runs') ?? 3);
  const pages = Number(arg('--pages') ?? 15);
  const sends = Number(arg('--send') ?? 0);
  const data = await buildDataset(conversations);
  out(`seeded ${conversations} conversations + 20k thread in ${f0(data.seedMs)} ms (load ${loadNow()})`);
  const browser = await launchBrowser();
  const older: number[] = [];
  const waits: number[] = [];
  const dropped: number[] = [];
  try {
    for (let run = 1; run <= runs && !args.includes('--no-scroll'); run++) {
      let startup: SdkStartup | undefined;
      const desk = await openDesk(browser, {
        dataDir: data.dir,
        init: args.includes('--split') ? splitProbe : undefined,
        beforeLoad: async (page) => void (startup = watchSdkStartup(page)),
      });
      try {
        await timeToInteractive(desk.page, conversations, NEWEST);
        await waitQuiet(desk.page, 1000, 15_000);
        const openMs = await openThread(desk.page, BIG_THREAD_NAME, bigThreadNewest);
        await waitQuiet(desk.page, 500, 30_000);
        if (args.includes('--settle') && startup) {
          const { count, timedOut } = await startup.settled();
          out(`  SDK start-up ${timedOut ? 'still going after a minute' : 'over'}: ${count} subscription_established (load ${loadNow()})`);
        }
        const floorPath = arg('--floor');
        if (floorPath) await staticFloor(desk.page, pages, floorPath.replace(/(\.json)?$/, `-${run}.json`));
        const scroll = await scrollRun(desk.page, pages, run);
        older.push(...scroll.pageMs);
        waits.push(...scroll.waitMs);
        dropped.push(scroll.droppedPerSecond);
        out(
          `run ${run}: open ${f0(openMs)} ms; older pages p50 ${f0(percentile(scroll.pageMs, 50))} / p95 ${f0(percentile(scroll.pageMs, 95))} ms ` +
            `[${scroll.pageMs.map(f0).join(' ')}]; on screen [${scroll.waitMs.map(f0).join(' ')}]; dropped ${scroll.droppedPerSecond.toFixed(1)}/s (load ${loadNow()})`,
        );
      } finally {
        await desk.close();
      }
    }
    if (older.length) {
      const sorted = [...dropped].sort((a, b) => a - b);
      out(`older page p50 / p95 over ${older.length} pages: ${f0(percentile(older, 50))} / ${f0(percentile(older, 95))} ms; waited for on screen p50 / p95 ${f0(percentile(waits, 50))} / ${f0(percentile(waits, 95))} ms (${waits.filter((w) => w > 0).length} pages); dropped frames/s median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} [${sorted.map((d) => d.toFixed(1)).join(' ')}] (load ${loadNow()})`);
    }
    if (sends > 0) {
      const stages: SendStages[] = [];
      const receiverProfile = arg('--send-profile');
      const senderProfile = arg('--sender-profile');
      const domLatencies: number[] = [];
      const floor: number[] | undefined = args.includes('--sdk-floor') ? [] : undefined;
      const cpu = new Map<string, number>();
      const latencies = await sendToSeen(browser, data.dir, conversations, NEWEST, sends, { stages, receiverProfile, senderProfile, domLatencies, floor, cpu });
      const p5099 = (v: number[]) => `p50 ${percentile(v, 50).toFixed(1)} / p99 ${percentile(v, 99).toFixed(1)} ms`;
      out(`send → seen (frame that shows it), ${latencies.length} sends: ${p5099(latencies)} (load ${loadNow()})`);
      out(`send → B's DOM holds it (MutationObserver), ${domLatencies.length} sends: ${p5099(domLatencies)}`);
      out(`CPU time per send (ms; includes harness work that grows with each send's wall time): ${[...cpu.entries()].filter(([, v]) => v >= 0.05).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join('; ')}`);
      if (floor) out(`floor, bare SDK client → SDK client (Node, no UI), ${floor.length} sends: ${p5099(floor)} (load ${loadNow()})`);
      for (const [who, file] of [["receiver's", receiverProfile], ["sender's", senderProfile]] as const) {
        if (!file) continue;
        const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
        out(`  ${who} profile ${file}, self time:`);
        for (const [k, v] of selfTimes(profile).slice(0, 25)) out(`    ${v.toFixed(1).padStart(8)} ms  ${k}`);
        out('  inclusive:');
        for (const [k, v] of totalTimes(profile).slice(0, 40)) out(`    ${v.toFixed(1).padStart(8)} ms  ${k}`);
      }
      for (const k of ['senderMs', 'emulatorMs', 'receiverMs', 'frameMs'] as const) {
        const v = stages.map((s) => s[k]).filter(Number.isFinite);
        out(`  ${k.padEnd(11)} p50 ${percentile(v, 50).toFixed(1)} / p90 ${percentile(v, 90).toFixed(1)} / p99 ${percentile(v, 99).toFixed(1)} ms (${v.length} sends)`);
      }
    }
  } finally {
    await browser.close();
    data.remove();
  }
}

runScript(main);
