/**
 * Floors under two of the desk's figures, measured with the SDK alone on the desk bench's
 * 1,000-conversation dataset and the same emulator, so a target below them is known to be out of
 * reach here rather than guessed to be:
 *
 *   npx tsx tests/bench/sdk-floors.ts [--runs 6] [--older-at 8000]
 *
 * - cold → connected: a page whose only script is the SDK (bundled and minified by Vite from
 *   sdk-page-entry.ts), served from a local HTTP server, connecting with the token and client
 *   options the desk gets. Navigation → the SDK's script run → `connectionStateChanged`
 *   'connected' → `initialized`.
 * - older page: a bare SDK client in Node (no UI) paging back through "Big thread", 30 messages a
 *   page as the desk does, `prevPage()` per page, after the SDK has settled.
 * - older page in the SDK-only page: the same paging in Chromium, starting `--older-at` ms after
 *   navigation (default 8,000: inside the SDK's start-up, when it is still establishing most of
 *   its ~3,000 subscriptions, as during the desk bench's first scroll), 15 pages 200 ms apart;
 *   `prevPage()` → resolved, and → the next frame, with how many `subscription_established`
 *   notifications arrived while it paged.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, type Conversation } from '@twilio/conversations';
import { build } from 'vite';
import { startBrowserApp } from '../../electron/dev/browser-app';
import { DEMO_AGENT_IDENTITY } from '../../electron/emulator/seed/demo';
import { BIG_THREAD_NAME, buildDataset } from './datasets';
import { launchBrowser } from './desk-bench';
import { percentile } from './stats';
import { runScript } from './script';

const args = process.argv.slice(2);
/** A whole-number option's value (at least `least`), or `fallback` when it is absent; anything else stops the script. */
const option = (name: string, fallback: number, least: number): number => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < least || args[at + 1]?.trim() === '') throw new Error(`sdk-floors: ${name} wants a whole number from ${least}, got ${args[at + 1] ?? 'nothing'}`);
  return value;
};
const RUNS = option('--runs', 6, 1);
const OLDER_AT = option('--older-at', 8_000, 0);
const load = () => (loadavg()[0] ?? 0).toFixed(1);
const f0 = (n: number) => n.toFixed(0);

async function sdkBundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, lib: { entry: resolve('tests/bench/sdk-page-entry.ts'), formats: ['iife'], name: 'SdkPage' } },
  });
  const chunk = (Array.isArray(out) ? out[0] : out) as { output: Array<{ type: string; code?: string }> };
  const code = chunk.output.find((o) => o.type === 'chunk')?.code;
  if (!code) throw new Error('sdk-floors: no bundle');
  return code;
}

async function main(): Promise<void> {
  const data = await buildDataset(1000);
  const userDataDir = mkdtempSync(join(tmpdir(), 'sdk-floors-'));
  cpSync(data.dir, join(userDataDir, 'local-workspace'), { recursive: true });
  const app = await startBrowserApp({ userDataDir, rendererDir: resolve('out/renderer') });
  const sdk = await sdkBundle();
  let html = '';
  const server = createServer((req, res) => {
    const script = req.url === '/sdk.js';
    res.writeHead(200, { 'content-type': script ? 'text/javascript' : 'text/html' });
    res.end(script ? sdk : html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await launchBrowser();
  try {
    await app.services.local.start();
    const emulator = app.emulator();
    if (!emulator) throw new Error('sdk-floors: no emulator');
    await emulator.allowOrigin(origin);
    process.stdout.write(`SDK-only page (${(sdk.length / 1024).toFixed(0)} KB script), ms from navigation:\n`);
    const connected: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const options = { ...emulator.info.clientOptions, logLevel: 'error' };
      html = `<!doctype html><html lang="en"><head><title>SDK only</title><script src="/sdk.js"></script><script>
        window.__t = { script: performance.now() };
        const client = new SdkClient(${JSON.stringify(emulator.mintToken(DEMO_AGENT_IDENTITY))}, ${JSON.stringify(options)});
        client.on('connectionStateChanged', (s) => { if (s === 'connected') window.__t.connected ??= performance.now(); });
        client.on('initialized', () => { window.__t.initialized = performance.now(); });
      </script></head><body></body></html>`;
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
      try {
        const page = await context.newPage();
        await page.goto(`${origin}/`);
        const handle = await page.waitForFunction(() => {
          const t = (globalThis as unknown as { __t?: { script: number; connected?: number; initialized?: number } }).__t;
          return t?.connected !== undefined && t.initialized !== undefined ? t : null;
        }, null, { timeout: 60_000 });
        const t = (await handle.jsonValue()) as { script: number; connected: number; initialized: number };
        connected.push(t.connected);
        process.stdout.write(`  script run ${f0(t.script)}, connected ${f0(t.connected)}, initialized ${f0(t.initialized)} (load ${load()})\n`);
      } finally {
        await context.close();
      }
    }
    process.stdout.write(`  connected: p50 ${f0(percentile(connected, 50))}, min ${f0(Math.min(...connected))}, max ${f0(Math.max(...connected))} ms\n`);

    const older = { read: [] as number[], framed: [] as number[] };
    process.stdout.write(`SDK-only page paging "${BIG_THREAD_NAME}" from ${OLDER_AT} ms after navigation:\n`);
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      const options = { ...emulator.info.clientOptions, logLevel: 'error' };
      html = `<!doctype html><html lang="en"><head><title>SDK only</title><script src="/sdk.js"></script><script>
        const client = new SdkClient(${JSON.stringify(emulator.mintToken(DEMO_AGENT_IDENTITY))}, ${JSON.stringify(options)});
        client.on('initialized', async () => {
          let thread;
          for (let p = await client.getSubscribedConversations(); !thread; p = await p.nextPage()) {
            thread = p.items.find((c) => c.friendlyName === ${JSON.stringify(BIG_THREAD_NAME)});
            if (!thread && !p.hasNextPage) throw new Error('no thread');
          }
          let page = await thread.getMessages(30);
          await new Promise((r) => setTimeout(r, Math.max(0, ${OLDER_AT} - performance.now())));
          const began = performance.now();
          const read = [], framed = [];
          for (let n = 0; n < 15 && page.hasPrevPage; n++) {
            const t = performance.now();
            page = await page.prevPage();
            read.push(performance.now() - t);
            await new Promise((r) => requestAnimationFrame(r));
            framed.push(performance.now() - t);
            await new Promise((r) => setTimeout(r, 200));
          }
          // Wall clock, to be compared with when the browser saw each notification.
          window.__older = { began: performance.timeOrigin + began, ended: performance.timeOrigin + performance.now(), read, framed };
        });
      </script></head><body></body></html>`;
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
      try {
        const page = await context.newPage();
        // Notifications the page's socket received (wall clock as the bench is told of each, a few ms
        // after the browser saw it), to count those inside the paging.
        const established: number[] = [];
        page.on('websocket', (ws) => ws.on('framereceived', (f) => { if (String(f.payload).includes('subscription_established')) established.push(Date.now()); }));
        await page.goto(`${origin}/`);
        const handle = await page.waitForFunction(() => (globalThis as unknown as { __older?: unknown }).__older ?? null, null, { timeout: 120_000 });
        const r = (await handle.jsonValue()) as { began: number; ended: number; read: number[]; framed: number[] };
        older.read.push(...r.read);
        older.framed.push(...r.framed);
        const during = established.filter((t) => t >= r.began && t <= r.ended).length;
        process.stdout.write(
          `  run ${i + 1}: prevPage() p50 ${f0(percentile(r.read, 50))} / p95 ${f0(percentile(r.read, 95))} ms [${r.read.map(f0).join(' ')}]; ` +
            `${during} of ${established.length} subscription_established arrived while paging (load ${load()})\n`,
        );
      } finally {
        await context.close();
      }
    }
    process.stdout.write(
      `  older page, SDK-only page: prevPage() p50 ${f0(percentile(older.read, 50))} / p95 ${f0(percentile(older.read, 95))} ms; ` +
        `to the next frame p50 ${f0(percentile(older.framed, 50))} / p95 ${f0(percentile(older.framed, 95))} ms (${older.read.length} pages)\n`,
    );

    const client = new Client(emulator.mintToken(DEMO_AGENT_IDENTITY), { ...emulator.info.clientOptions, logLevel: 'error' } as never);
    await new Promise<void>((done, fail) => {
      client.once('initialized', () => done());
      client.once('initFailed', ({ error }) => fail(new Error(`sdk-floors: ${error?.message ?? 'initFailed'}`)));
    });
    try {
      let thread: Conversation | undefined;
      for (let p = await client.getSubscribedConversations(); !thread; p = await p.nextPage()) {
        thread = p.items.find((c) => c.friendlyName === BIG_THREAD_NAME);
        if (!thread && !p.hasNextPage) throw new Error(`sdk-floors: no ${BIG_THREAD_NAME}`);
      }
      // The SDK settles (its subscriptions to 1,000 conversations) before the pages are timed.
      await new Promise((done) => setTimeout(done, 5_000));
      let page = await thread.getMessages(30);
      const pages: number[] = [];
      for (let i = 0; i < 45 && page.hasPrevPage; i++) {
        const started = performance.now();
        page = await page.prevPage();
        pages.push(performance.now() - started);
      }
      process.stdout.write(`Bare SDK client in Node, older page of 30 (${pages.length} pages, none read before): p50 ${percentile(pages, 50).toFixed(1)} / p95 ${percentile(pages, 95).toFixed(1)} ms (load ${load()})\n`);
    } finally {
      await client.shutdown();
    }
  } finally {
    await browser.close();
    server.close();
    await app.close();
    rmSync(userDataDir, { recursive: true, force: true });
    data.remove();
  }
}

runScript(main);
