import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from '../helpers/desk-app';
import { composer, conversationNamed, deskPerTest, open, PNG_1PX, rest, shown } from './support';

const encryptedFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.enc'))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};
const queuedRows = (page: Page) => page.getByRole('article', { name: 'Message queued' });
const sentRow = (page: Page, text: string) => page.getByRole('article', { name: /^You at / }).filter({ hasText: text });

async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await page.keyboard.press('Enter');
}

describe('the outbox', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  /** How many messages of the conversation have exactly this body, read over REST. */
  const arrived = async (name: string, body: string) => {
    const conv = await conversationNamed(t.desk, name);
    return (await rest(t.desk).conversations(conv.sid).messages.list({ limit: 200 })).filter((m) => m.body === body).length;
  };

  it('queues a message sent while the workspace is down and delivers it once when it is back', async () => {
    const { page } = t.desk;
    await open(page, 'Noah Patel');
    await t.desk.app.restartEmulator(async () => {
      await shown(page, /Reconnecting|Connecting/).waitFor();
      await send(page, 'Your replacement ships Monday');
      await queuedRows(page).waitFor();
      await shown(page, 'Queued').waitFor();
      expect(await composer(page).inputValue()).toBe('');
      await t.desk.screenshot('outbox-queued-1360x860');
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.screenshot({ path: `${ARTIFACTS}/outbox-queued-1024x700.png` });
      await page.setViewportSize({ width: 1360, height: 860 });
    });
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 20_000 });
    await sentRow(page, 'Your replacement ships Monday').waitFor({ timeout: 15_000 });
    await queuedRows(page).waitFor({ state: 'detached' });
    expect(await arrived('Noah Patel', 'Your replacement ships Monday')).toBe(1);
  });

  it('lets the agent edit and cancel queued messages; only the edited one goes out', async () => {
    const { page } = t.desk;
    await open(page, 'Kevin Tran');
    await t.desk.app.restartEmulator(async () => {
      await shown(page, /Reconnecting|Connecting/).waitFor();
      await send(page, 'Pickup is at 3pm');
      await send(page, 'Ignore this one');
      await expect.poll(() => queuedRows(page).count()).toBe(2);

      await queuedRows(page).filter({ hasText: 'Pickup is at 3pm' }).getByRole('button', { name: 'Edit' }).click();
      const edit = page.getByRole('textbox', { name: 'Edit queued message' });
      await edit.fill('Pickup is at 4pm');
      await t.desk.screenshot('outbox-edit-1360x860');
      await edit.press('Enter');
      await queuedRows(page).filter({ hasText: 'Pickup is at 4pm' }).waitFor();

      await queuedRows(page).filter({ hasText: 'Ignore this one' }).getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => queuedRows(page).count()).toBe(1);
    });
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 20_000 });
    await sentRow(page, 'Pickup is at 4pm').waitFor({ timeout: 15_000 });
    await queuedRows(page).waitFor({ state: 'detached' });
    expect(await arrived('Kevin Tran', 'Pickup is at 4pm')).toBe(1);
    expect(await arrived('Kevin Tran', 'Pickup is at 3pm')).toBe(0);
    expect(await arrived('Kevin Tran', 'Ignore this one')).toBe(0);
  });

  it('keeps a queued message and its attachment through a restart of the app and delivers it once', async () => {
    const { page, userDataDir } = t.desk;
    // The inbox copy a restart paints while offline (warm start) is written once the inbox is live
    // (the whole copy and its first screen; the launch snapshot beside them is not needed here).
    await expect.poll(() => encryptedFiles(join(userDataDir, 'inbox-cache')).filter((f) => !f.includes('.paint')).length, { timeout: 15_000 }).toBe(2);
    await open(page, 'Jack Wilson');
    await t.desk.app.restartEmulator(async () => {
      await shown(page, /Reconnecting|Connecting/).waitFor();
      await page.getByLabel('Choose files to attach').setInputFiles({ name: 'customs.png', mimeType: 'image/png', buffer: PNG_1PX });
      await send(page, 'Customs paperwork is attached to your order');
      await queuedRows(page).filter({ hasText: 'customs.png' }).waitFor();
      // The row says "Queued" at once; main has it (attachment encoded, kept on disk) a moment later.
      // A restart comes after that moment: reloaded within it, the page would take it away unkept.
      await expect.poll(() => encryptedFiles(join(userDataDir, 'outbox')).filter((f) => /-m-[0-9a-f]+\.enc$/.test(f)).length, { timeout: 10_000 }).toBe(1);
      // The app quits and starts again while still offline: main's outbox gives it back.
      await page.reload();
      await open(page, 'Jack Wilson');
      await queuedRows(page).filter({ hasText: 'Customs paperwork is attached to your order' }).filter({ hasText: 'customs.png' }).waitFor();
      // What main keeps is encrypted: the text is not on disk in the clear.
      const kept = encryptedFiles(join(userDataDir, 'outbox'));
      expect(kept.length).toBeGreaterThan(0);
      for (const f of kept) expect(readFileSync(f, 'latin1')).not.toContain('Customs paperwork');
    });
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 20_000 });
    await sentRow(page, 'Customs paperwork is attached to your order').waitFor({ timeout: 15_000 });
    await queuedRows(page).waitFor({ state: 'detached' });
    await page.locator('img[alt="customs.png"]').first().waitFor({ timeout: 15_000 });
    expect(await arrived('Jack Wilson', 'Customs paperwork is attached to your order')).toBe(1);
    const jack = await conversationNamed(t.desk, 'Jack Wilson');
    const [sent] = (await rest(t.desk).conversations(jack.sid).messages.list({ limit: 200 })).filter((m) => m.body === 'Customs paperwork is attached to your order');
    expect(sent?.media ?? []).toHaveLength(1);
  });
});
