import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp, type BrowserAppOptions } from '../../electron/dev/browser-app';

/** Flags Debian's Chromium needs here: no sandbox as root, no network beyond 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve('tests/.artifacts');

/** The built renderer in Chromium, its bridge served by the real main-process handlers. */
export interface Desk {
  app: BrowserApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  userDataDir: string;
  screenshot(name: string): Promise<string>;
  /** The page's last console lines and the app's log, oldest first (for a failure's message). */
  recentLog(): string[];
  close(): Promise<void>;
}

const RECENT_LOG_LINES = 60;

/** `options`: the harness's test knobs (emulator limits, team refresh interval, a held emulator start). */
export async function launchDesk(options: Pick<BrowserAppOptions, 'emulatorLimits' | 'teamRefreshMs' | 'segments' | 'beforeEmulatorStarts' | 'launchSnapshotWaitMs'> = {}): Promise<Desk> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-'));
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (recent.length > RECENT_LOG_LINES) recent.shift();
  };
  // Tests never reach twilio.com: Twilio profiles connect to the Local workspace's emulator.
  const app = await startBrowserApp({ ...options, userDataDir, rendererDir: resolve('out/renderer'), twilioViaEmulator: true, log: (line) => remember(`[main] ${line.slice(0, 300)}`) });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // English whatever the machine's locale: the tests read the desk's English text (language "System").
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  // The first frames too: a rejection from inside the SDK names only its own message ("disconnected").
  page.on('pageerror', (e) => errors.push(e.stack ? e.stack.split('\n').slice(0, 4).join(' ← ') : e.message));
  // The page runs under the app's CSP (browser-app.ts): anything it blocks is a bug in the app or the
  // CSP (but for the port-9 probe of the CSP test, blocked on purpose).
  page.on('console', (m) => {
    remember(`[page ${m.type()}] ${m.text().slice(0, 300)}`);
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text()) && !m.text().includes('127.0.0.1:9/')) errors.push(m.text());
  });
  page.on('pageerror', (e) => remember(`[page exception] ${e.message.slice(0, 300)}`));
  page.on('response', (r) => {
    if (r.status() >= 400) remember(`[http ${r.status()}] ${r.request().method()} ${r.url().slice(0, 200)}`);
  });
  await page.goto(app.url);
  return {
    app,
    browser,
    context,
    page,
    userDataDir,
    async screenshot(name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    recentLog: () => [...recent],
    async close() {
      await browser.close();
      await app.close();
      rmSync(userDataDir, { recursive: true, force: true });
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}
