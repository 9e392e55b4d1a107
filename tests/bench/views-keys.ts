/**
 * Each key of the views bench in typing order (`npx tsx tests/bench/views-keys.ts [rows] [runs]`):
 * its own task and its keystroke → frame, so the first keys after the tab click (which may still
 * make the rest of the search index) are seen apart from the others, with the load beside each run.
 */
import { loadavg } from 'node:os';
import { launchBrowser } from './desk-bench';
import { viewsRun } from './views-bench';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 2);
  const browser = await launchBrowser();
  try {
    for (let i = 0; i < runs; i++) {
      const r = await viewsRun(browser, rows);
      const line = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
      process.stdout.write(`load ${(loadavg()[0] ?? 0).toFixed(1)}\n  own task (ms): ${line(r.scripts)}\n  → frame (ms):  ${line(r.keys)}\n  floor (ms):    ${line(r.floor)}\n`);
    }
  } finally {
    await browser.close();
  }
}

void main();
