/**
 * A CPU profile of search keystrokes over the 100,000-row queue view (the views bench's setup):
 * `npx tsx tests/bench/views-profile.ts [out.cpuprofile]` prints the functions with the most self
 * time while typing, and saves the profile (open it in Chromium's DevTools, Performance panel).
 */
import { writeFileSync } from 'node:fs';
import { launchBrowser, openDesk, searchKeystrokes } from './desk-bench';
import { queueSnapshot } from './views-bench';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? '/tmp/views-keys.cpuprofile';
  const browser = await launchBrowser();
  const desk = await openDesk(browser, {});

  try {
    const { page } = desk;
    const body = queueSnapshot(100_000);
    await page.route('**/ipc/team%3Aqueue', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.reload();
    await page.locator('.queue-row').first().waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: /^Unassigned/ }).click();
    // PROFILE_WAIT=0 types at once, as the views bench does (the index may still be in the making).
    await page.waitForTimeout(Number(process.env.PROFILE_WAIT ?? 1500));
    if (process.env.TRACE) {
      await browser.startTracing(page, { path: process.env.TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', ...(process.env.TRACE_CPU ? ['disabled-by-default-v8.cpu_profiler'] : [])] });
      const keys = await searchKeystrokes(page, process.env.QUERY ?? 'hana sato 14');
      await browser.stopTracing();
      process.stdout.write(`keys (ms): ${keys.map((k) => k.toFixed(0)).join(' ')}\n`);
      return;
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const keys = await searchKeystrokes(page, process.env.QUERY ?? 'hana sato 14');
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
    writeFileSync(out, JSON.stringify(profile));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const byName = new Map<string, number>();
    for (const n of profile.nodes) {
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
      byName.set(key, (byName.get(key) ?? 0) + (self.get(n.id) ?? 0));
    }
    const total = [...byName.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(`keys (ms): ${keys.map((k) => k.toFixed(0)).join(' ')}\nprofiled ${(total / 1000).toFixed(0)} ms\n`);
    for (const [k, us] of [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) process.stdout.write(`${(us / 1000).toFixed(1).padStart(8)} ms  ${k}\n`);
  } finally {
    await desk.close();
    await browser.close();
  }
}

void main();
