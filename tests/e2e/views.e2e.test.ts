import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENT, composer, conversationNamed, deskPerTest, inboxRow, rest } from './support';

/** Views over the real SDK inbox (main's team queue is still inert here: empty, so the agent's own conversations are all there is). */
const tabLabels = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Inbox' })
    .getByRole('tab')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
const count = (labels: string[], view: string) => Number(new RegExp(`^${view} \\((\\d+)\\)$`).exec(labels.find((l) => l.startsWith(`${view} (`)) ?? '')?.[1] ?? NaN);
const focusedLabel = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('aria-label') ?? '');

describe('views', { timeout: 40_000 }, () => {
  const t = deskPerTest();

  it('counts the agent’s conversations per view, and follows an assignment made in Twilio’s attributes live', async () => {
    const { page } = t.desk;
    await inboxRow(page, 'Jack Wilson').waitFor();
    await expect.poll(async () => count(await tabLabels(page), 'All open')).toBeGreaterThan(3);
    const before = await tabLabels(page);
    expect(count(before, 'Mine')).toBe(0);
    expect(count(before, 'Unassigned')).toBe(count(before, 'All open'));

    // Another desk (or main) assigns Jack's conversation to this agent: the SDK's attributes update moves it into Mine.
    const jack = await conversationNamed(t.desk, 'Jack Wilson');
    await rest(t.desk).conversations(jack.sid).update({ attributes: JSON.stringify({ desk: { assignee: AGENT, assignedAt: new Date().toISOString() } }) });
    await expect.poll(async () => count(await tabLabels(page), 'Mine')).toBe(1);
    await page.getByRole('tab', { name: /^Mine/ }).click();
    await page.getByRole('button', { name: /^Jack Wilson, .*Assigned to You/ }).waitFor();
    for (const size of [
      { width: 1360, height: 860, name: 'wide' },
      { width: 1024, height: 700, name: 'narrow' },
    ]) {
      await page.setViewportSize(size);
      await t.desk.screenshot(`${size.name}-views-mine`);
    }
    await page.getByRole('tab', { name: /^Unassigned/ }).click();
    await expect.poll(async () => count(await tabLabels(page), 'Unassigned')).toBe(count(before, 'Unassigned') - 1);
    await expect(inboxRow(page, 'Jack Wilson').count()).resolves.toBe(0);
  });

  it('moves through the list with j/k and arrows, opens into the composer with Enter, and Escape returns to the list', async () => {
    const { page } = t.desk;
    await page.setViewportSize({ width: 1360, height: 860 });
    const first = page.getByRole('tabpanel').getByRole('button').first();
    await first.waitFor();
    const firstName = (await first.getAttribute('aria-label'))?.split(',')[0] ?? '';
    await first.focus();
    await page.keyboard.press('j');
    const second = await focusedLabel(page);
    expect(second.split(',')[0]).not.toBe(firstName);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    expect(await focusedLabel(page)).toBe(second);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: second.split(',')[0], level: 2 }).waitFor();
    await expect.poll(() => composer(page).evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await focusedLabel(page)).split(',')[0]).toBe(second.split(',')[0]);
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await focusedLabel(page)).split(',')[0]).toBe(firstName);
    await t.desk.screenshot('wide-views-keyboard');
  });
});
