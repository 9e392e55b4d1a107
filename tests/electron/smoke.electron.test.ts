/**
 * The built app in the real Electron binary: the window opens, the Local workspace (its emulator
 * in a utility process) connects, a message is sent, and the tray and badge follow the unread
 * count. Runs wherever Electron can run (CI: under xvfb on Linux); elsewhere it is skipped and
 * says why. `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/**
 * The Electron binary if it is installed and starts here, else why not. Looked up as
 * `require('electron')` does, but without letting it download a missing binary.
 */
function electronBinary(): { path: string } | { reason: string } {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(__filename).resolve('electron/package.json'));
  } catch (error) {
    return { reason: `the electron package is not installed (${(error as Error).message.split('\n')[0]})` };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: `the Electron binary was never downloaded (no ${pathFile}; npm install fetches it where the network allows)` };
  const name = readFileSync(pathFile, 'utf8');
  const path = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name) : join(packageDir, 'dist', name);
  if (!existsSync(path)) return { reason: `the Electron binary ${path} does not exist` };
  try {
    execFileSync(path, ['-e', 'process.exit(0)'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 30_000, stdio: 'ignore' });
  } catch (error) {
    return { reason: `the Electron binary ${path} does not run here (${(error as Error).message.split('\n')[0]})` };
  }
  if (!existsSync(join(ROOT, 'out/main/index.js'))) return { reason: 'out/ is missing: run `npm run build` first' };
  return { path };
}

const binary = electronBinary();
if ('reason' in binary) process.stderr.write(`electron smoke test skipped: ${binary.reason}\n`);

interface SmokeProbe {
  badge: number | null;
  tray: string | null;
  hasTray: boolean;
}

describe.skipIf('reason' in binary)('Conversations Desk in Electron', () => {
  let app: ElectronApplication;
  let window: Page;
  let userDataDir: string;
  const probe = () => app.evaluate(() => (globalThis as unknown as { deskSmokeProbe: SmokeProbe }).deskSmokeProbe);

  beforeAll(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'desk-electron-'));
    app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      // Linux CI runners forbid the unprivileged user namespaces Chromium's sandbox needs.
      args: [ROOT, ...(process.platform === 'linux' && process.env.CI ? ['--no-sandbox'] : [])],
      env: { ...process.env, DESK_SMOKE_TEST: '1', DESK_SMOKE_USER_DATA: userDataDir },
      cwd: ROOT,
    });
    window = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('opens the window on app://, and the Local workspace connects', async () => {
    expect(window.url()).toBe('app://desk/index.html');
    await window.getByText(/Connected as agent@desk\.local/).first().waitFor({ timeout: 60_000 });
  });

  it('sends a message', async () => {
    await window.getByRole('button', { name: /^Kevin Tran/ }).click();
    await window.getByRole('textbox', { name: 'Message' }).fill('Hello from the Electron smoke test');
    await window.keyboard.press('Enter');
    // The pending copy shows the text at once; only the service's echo turns it into a message
    // row of its own ("You at …"), and the SMS customer's phone reports it delivered.
    const sent = window.getByRole('article', { name: /^You at / }).filter({ hasText: 'Hello from the Electron smoke test' });
    await sent.waitFor({ timeout: 30_000 });
    await sent.getByText(/^(Delivered|Read)$/).waitFor({ timeout: 30_000 });
    expect(await window.getByRole('article', { name: /^Message (sending|queued|not sent)$/ }).count()).toBe(0);
  });

  it('shows the unread count on the badge and the tray, and lowers it when a conversation is read', async () => {
    await expect.poll(async () => (await probe()).badge ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    const before = (await probe()).badge as number;
    const { hasTray, tray } = await probe();
    if (process.platform !== 'darwin') {
      expect(hasTray, 'a tray icon on Windows and Linux').toBe(true);
      expect(tray).toBe(`Conversations Desk: ${before} unread ${before === 1 ? 'message' : 'messages'}`);
    }
    await window.getByRole('button', { name: /^Jack Wilson, WhatsApp, \d+ unread/ }).click();
    await expect.poll(async () => (await probe()).badge, { timeout: 20_000 }).toBeLessThan(before);
    if (process.platform !== 'darwin') await expect.poll(async () => (await probe()).tray).not.toBe(tray);
  });
});
