import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENT, deskPerTest, inboxRow, open, rest } from './support';

const search = (page: Page) => page.getByRole('searchbox', { name: 'Search conversations' });
const rows = (page: Page) => page.getByRole('navigation', { name: 'Inbox' }).getByRole('button', { name: /, (SMS|WhatsApp|Chat|Mixed)(,|$)/ });
const rowNames = async (page: Page) => (await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((l) => l.split(',')[0]);
/** The message the search brought into view: its matching word marked, inside the thread's list, on screen. */
const markedInThread = (page: Page, word: RegExp) => page.getByRole('main').locator('article mark').filter({ hasText: word });

async function onScreen(page: Page, word: RegExp): Promise<boolean> {
  const box = await markedInThread(page, word).first().boundingBox();
  const list = await page.getByRole('main').locator('.message-list').boundingBox();
  return box !== null && list !== null && box.y >= list.y && box.y + box.height <= list.y + list.height;
}

describe('search inside messages', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  it('finds a conversation by a word only its messages hold, shows why, and opens at that message', async () => {
    const { page } = t.desk;
    // The desk has read Marcus's thread once (main indexes what the window loads)…
    await open(page, 'Marcus Bell');
    await page.getByText('My blender arrived with a cracked jug.').waitFor();
    await open(page, 'Jack Wilson');

    // …so a word from its history, in no name or number, finds it.
    await search(page).fill('blend');
    await expect.poll(() => rowNames(page)).toEqual(['Marcus Bell']);
    const row = inboxRow(page, 'Marcus Bell');
    await row.locator('mark', { hasText: /^blender$/i }).first().waitFor();
    expect(await row.getAttribute('aria-label')).toMatch(/message: .*blender/i);
    await t.desk.screenshot('message-search-results');
    await page.setViewportSize({ width: 1024, height: 700 });
    await t.desk.screenshot('message-search-results-narrow');
    await page.setViewportSize({ width: 1360, height: 860 });

    // A name match shows beside text matches; a word nobody wrote finds nothing.
    await search(page).fill('zzqx');
    await page.getByText('No conversations match “zzqx”').waitFor();
    await search(page).fill('blender');
    await row.click();
    await page.getByRole('heading', { name: 'Marcus Bell', level: 2 }).waitFor();
    await markedInThread(page, /^blender$/i).first().waitFor();
    await expect.poll(() => onScreen(page, /^blender$/i)).toBe(true);
    await t.desk.screenshot('message-search-opened');
  });

  it('finds a conversation by the last message the inbox shows, without opening it', async () => {
    const { page } = t.desk;
    // Jack's last message, "Also are there import fees?", is the preview in his row.
    await inboxRow(page, 'Jack Wilson').getByText('Also are there import fees?').waitFor();
    await search(page).fill('import fees');
    await expect.poll(() => rowNames(page)).toEqual(['Jack Wilson']);
    await inboxRow(page, 'Jack Wilson').locator('mark', { hasText: /^import$/i }).waitFor();
    // Clearing the search brings every row back, without snippets.
    await search(page).fill('');
    await expect.poll(async () => (await rowNames(page)).length).toBeGreaterThan(1);
    expect(await page.getByRole('navigation', { name: 'Inbox' }).locator('mark').count()).toBe(0);
  });

  it('loads older pages to reach a match beyond the newest one, after a reload', async () => {
    const { page } = t.desk;
    const api = rest(t.desk);
    const conv = await api.conversations.create({ friendlyName: 'Long history' });
    await api.conversations(conv.sid).participants.create({ identity: AGENT });
    await api.conversations(conv.sid).participants.create({ identity: 'visitor-long' });
    const bodies = Array.from({ length: 45 }, (_, i) => (i === 2 ? 'Our zeppelin order never arrived' : `Message number ${i}`));
    for (const body of bodies) await api.conversations(conv.sid).messages.create({ author: 'visitor-long', body });

    // The agent read the whole history once (scrolling up loads the older page).
    await open(page, 'Long history');
    const thread = page.getByRole('main');
    await thread.getByText('Message number 44').waitFor();
    const list = thread.locator('.message-list');
    await expect
      .poll(async () => {
        await list.evaluate((el) => (el.scrollTop = 0));
        return thread.getByText('Our zeppelin order never arrived').count();
      })
      .toBeGreaterThan(0);
    await open(page, 'Jack Wilson');

    // A reload forgets the window's pages; main's index still knows the words.
    await page.reload();
    await inboxRow(page, 'Jack Wilson').waitFor({ timeout: 30_000 });
    await search(page).fill('zeppelin');
    await expect.poll(() => rowNames(page), { timeout: 10_000 }).toEqual(['Long history']);
    await inboxRow(page, 'Long history').click();
    await markedInThread(page, /^zeppelin$/i).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => onScreen(page, /^zeppelin$/i)).toBe(true);
  });
});
