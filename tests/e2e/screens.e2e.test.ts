import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PageDom, PageElement } from './page-dom';
import { composer, deskPerTest, inboxRow, open, openSimulator } from './support';

/**
 * Every control on screen that a screen reader could not name: buttons without text, aria-label
 * or title, and fields without a label or aria-label. Returns a short description of each.
 */
const unnamedControls = (page: Page) =>
  page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageDom;
    const visible = (el: PageElement) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed';
    const named = (el: PageElement) =>
      Boolean(el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby') || el.getAttribute('title')?.trim()) || (el.labels?.length ?? 0) > 0;
    const problems: string[] = [];
    for (const el of document.querySelectorAll('button, a[href], [role="button"]')) {
      if (visible(el) && !el.textContent?.trim() && !named(el)) problems.push(el.outerHTML.slice(0, 120));
    }
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden' || el.hasAttribute('hidden')) continue;
      if (!named(el)) problems.push(el.outerHTML.slice(0, 120));
    }
    return problems;
  });

/** Nothing sticks out sideways: no horizontal scrolling of the window at this size. */
const overflowsSideways = (page: Page) =>
  page.evaluate(() => {
    const dom = globalThis as unknown as PageDom;
    return dom.document.documentElement.scrollWidth > dom.innerWidth;
  });

describe('screens at 1360×860 and 1024×700', { timeout: 30_000 }, () => {
  const t = deskPerTest();

  for (const size of [
    { width: 1360, height: 860, name: 'wide' },
    { width: 1024, height: 700, name: 'narrow' },
  ]) {
    it(`names every control and fits the ${size.name} window`, async () => {
      const { page } = t.desk;
      await page.setViewportSize(size);
      await open(page, 'Marcus Bell');
      await page.locator('img[alt="cracked-jug.png"]').first().waitFor();
      await composer(page).fill('Refund reference RF-88231');
      expect(await unnamedControls(page)).toEqual([]);
      expect(await overflowsSideways(page)).toBe(false);
      await t.desk.screenshot(`${size.name}-thread`);

      await page.getByRole('button', { name: 'New conversation' }).click();
      await page.getByRole('dialog', { name: 'New conversation' }).getByRole('combobox', { name: 'Type' }).selectOption('whatsapp');
      expect(await unnamedControls(page)).toEqual([]);
      await t.desk.screenshot(`${size.name}-new-conversation`);
      await page.keyboard.press('Escape');

      await openSimulator(page);
      expect(await unnamedControls(page)).toEqual([]);
      await t.desk.screenshot(`${size.name}-simulate`);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Accounts' }).click();
      await page.getByRole('button', { name: 'Add account' }).click();
      expect(await unnamedControls(page)).toEqual([]);
      expect(await overflowsSideways(page)).toBe(false);
      await t.desk.screenshot(`${size.name}-accounts`);
    });
  }

  it('shows the focus ring when moving with the keyboard', async () => {
    const { page } = t.desk;
    // Connected comes before the SDK has listed the inbox: with no rows yet, Tab has nowhere to go.
    await inboxRow(page, 'Kevin Tran').waitFor();
    await page.getByRole('searchbox', { name: 'Search conversations' }).focus();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as PageDom;
      return document.activeElement ? getComputedStyle(document.activeElement).boxShadow : 'none';
    });
    expect(ring).not.toBe('none');
  });
});
