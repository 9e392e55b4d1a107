/**
 * The Local workspace's emulator runs in a process of its own (as main's utility process does in
 * the app): killing it mid-session costs the agent a "Reconnecting…" banner, nothing else.
 */
import { describe, expect, it } from 'vitest';
import { launchDesk } from '../helpers/desk-app';
import { composer, deskPerTest, emulatorOf, inboxRow, open, rest, shown } from './support';

describe('the window opens before the emulator is up', { timeout: 60_000 }, () => {
  it('says the Local workspace is starting, then connects', async () => {
    // The emulator's process starts as the window's document is served (main reads the first page of
    // the inbox ahead). It is held here until the banner has been seen: unheld, it can be up before a
    // slow page has asked how it is, and then there is rightly nothing to say.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const desk = await launchDesk({ beforeEmulatorStarts: () => held });
    try {
      await shown(desk.page, 'Starting the Local workspace…').waitFor({ timeout: 10_000 });
      expect(desk.app.emulator()).toBeNull();
      release();
      await shown(desk.page, /Connected as agent@desk\.local/).waitFor({ timeout: 30_000 });
      await expect.poll(() => desk.page.getByText('Starting the Local workspace…').isVisible()).toBe(false);
    } finally {
      release();
      await desk.close();
    }
  });
});

describe('the emulator process dies mid-session', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  it('is restarted on the same port and the desk recovers by itself with nothing lost', async () => {
    const { page } = t.desk;
    const emulator = emulatorOf(t.desk);
    const inboxBefore = (await rest(t.desk).conversations.list({ pageSize: 100 })).map((c) => c.friendlyName).sort();
    // The inbox rows on screen, by their accessible names ("Kevin Tran, SMS, …").
    const rowNames = () =>
      page
        .getByRole('navigation', { name: 'Inbox' })
        .getByRole('button', { name: /^[^,]+, (SMS|WhatsApp|Chat)/ })
        .evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? '').split(',')[0]));
    const rowsBefore = await rowNames();
    expect(rowsBefore.length).toBeGreaterThan(3);

    await open(page, 'Kevin Tran');
    await composer(page).fill('Sent before the crash');
    await page.keyboard.press('Enter');
    await shown(page, 'Sent before the crash').waitFor();
    // On screen is not yet on the service: the crash comes once the emulator has acknowledged it.
    const kevinSid = (await rest(t.desk).conversations.list({ pageSize: 100 })).find((c) => c.friendlyName === 'Kevin Tran')!.sid;
    const bodies = async () => (await rest(t.desk).conversations(kevinSid).messages.list({ limit: 100 })).map((m) => m.body);
    await expect.poll(bodies, { timeout: 15_000 }).toContain('Sent before the crash');

    const { pid, port } = emulator;
    process.kill(pid as number, 'SIGKILL');
    await shown(page, 'Connection lost. Reconnecting…').waitFor({ timeout: 15_000 });
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByText('Connection lost. Reconnecting…').isVisible()).toBe(false);
    expect(emulator.pid).not.toBe(pid);
    expect(emulator.port).toBe(port);

    await composer(page).fill('Sent after the recovery');
    await page.keyboard.press('Enter');
    await shown(page, 'Sent after the recovery').waitFor();
    // The acknowledged message survived the kill (journalled), and the new one reaches the restarted emulator.
    await expect.poll(bodies, { timeout: 15_000 }).toEqual(expect.arrayContaining(['Sent before the crash', 'Sent after the recovery']));
    // The thread still shows what was there, and the inbox every conversation.
    await shown(page, 'Sent before the crash').waitFor();
    expect((await rest(t.desk).conversations.list({ pageSize: 100 })).map((c) => c.friendlyName).sort()).toEqual(inboxBefore);
    for (const name of rowsBefore) await inboxRow(page, name as string).first().waitFor();
    await t.desk.screenshot('after-emulator-crash');
  });
});

describe('the page runs under the app’s one CSP', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  it('gets the CSP as a header naming the emulator, and the page cannot reach another origin', async () => {
    const { page } = t.desk;
    const emulator = emulatorOf(t.desk);
    const response = await page.request.get(page.url());
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(new RegExp(`connect-src [^;]*${emulator.info.restBaseUrl.replace(/[.:/]/g, '\\$&')}`));
    expect(csp).toContain("script-src 'self';");
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
    const blocked = await page.evaluate(async () => {
      // The node tsconfig has no DOM lib (see page-dom.ts): the one DOM call is typed here.
      const { document } = globalThis as unknown as {
        document: { addEventListener(type: string, listener: (e: { violatedDirective: string }) => void, options: { once: boolean }): void };
      };
      const violation = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
      await fetch('http://127.0.0.1:9/').catch(() => undefined);
      return violation;
    });
    expect(blocked).toBe('connect-src');
  });
});
