import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deskPerTest, inboxRow, joinedConversation, open, PNG_1PX, sdkClient, shown, openSimulator } from './support';

const rows = (page: Page) => page.getByRole('navigation', { name: 'Inbox' }).getByRole('button', { name: /, (SMS|WhatsApp|Chat|Mixed)(,|$)/ });
const rowNames = async (page: Page) => (await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((l) => l.split(',')[0]);
const titleCount = async (page: Page) => Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0);

describe('the inbox', { timeout: 30_000 }, () => {
  const t = deskPerTest();

  it('moves a conversation to the top when its customer writes, with unread counts in the row and the title', async () => {
    const { page } = t.desk;
    await inboxRow(page, 'Jack Wilson').waitFor();
    await expect.poll(() => titleCount(page)).toBeGreaterThan(0);
    const before = await titleCount(page);
    expect((await rowNames(page))[0]).toBe('Jack Wilson');

    // Priya's conversation is days old; a photo from her brings it to the top, unread.
    await openSimulator(page);
    const dialog = page.getByRole('dialog', { name: 'Simulate customer' });
    await dialog.getByLabel('Customer number').fill('+14155550142');
    await dialog.getByLabel('Message', { exact: true }).fill('The box was wet when it arrived');
    await dialog.getByLabel('Image (optional)').setInputFiles({ name: 'wet-box.png', mimeType: 'image/png', buffer: PNG_1PX });
    await t.desk.screenshot('simulate');
    await dialog.getByRole('button', { name: 'Send as customer' }).click();
    await dialog.getByText('Delivered to the inbox').waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();

    await page.getByRole('button', { name: /^Priya Shah, SMS, 1 unread/ }).waitFor();
    await expect.poll(async () => (await rowNames(page))[0]).toBe('Priya Shah');
    await expect.poll(() => titleCount(page)).toBe(before + 1);
    await inboxRow(page, 'Priya Shah').getByText('The box was wet when it arrived').waitFor();

    await open(page, 'Priya Shah');
    await page.locator('img[alt="wet-box.png"]').first().waitFor({ timeout: 10_000 });
    await expect.poll(() => titleCount(page)).toBe(before);
  });

  it('finds conversations by name, participant identity, agent name or phone number', async () => {
    const { page } = t.desk;
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('lena');
    await expect.poll(() => rowNames(page)).toEqual(['Lena Fischer']);
    await search.fill('visitor-e07b3b');
    await expect.poll(() => rowNames(page)).toEqual(['Hannah Kim']);
    await search.fill('512 555 0134');
    await expect.poll(() => rowNames(page)).toEqual(['Alicia Romero']);
    await search.fill('Lee Park');
    await expect.poll(async () => (await rowNames(page)).sort()).toEqual(['Alicia Romero', 'Camille Martin']);
    await search.fill('nobody like this');
    await shown(page, 'No conversations match “nobody like this”').waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await inboxRow(page, 'Jack Wilson').waitFor();
  });

  it('shows typing in the row and renders only the rows on screen', async () => {
    const { page } = t.desk;
    await open(page, 'Jack Wilson');
    const noah = await sdkClient(t.desk, 'visitor-8b2e47');
    t.clients.push(noah);
    const conv = await joinedConversation(noah, 'Noah Patel');
    await conv.typing();
    await inboxRow(page, 'Noah Patel').getByText('Noah Patel is typing…').waitFor();

    // 20 seeded conversations; a virtualized list renders the visible ones plus a little overscan.
    expect(await rows(page).count()).toBeLessThan(20);
    await page.locator('.inbox-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await inboxRow(page, 'Maya Chen').waitFor();
    expect(await inboxRow(page, 'Jack Wilson').count()).toBe(0);
  });
});
