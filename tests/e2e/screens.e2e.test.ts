import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
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

  it('lines a hint up with what it explains: under a settings checkbox with the label’s text, elsewhere with its column', async () => {
    const { page } = t.desk;
    const left = async (l: Locator) => (await l.boundingBox())!.x;
    // Where a label's words start (past its checkbox and gap): the box of its last text node.
    const textLeft = (label: Locator) =>
      label.evaluate((el) => {
        type Node = { lastChild: Node | null; ownerDocument: { createRange(): { selectNodeContents(n: Node): void; getBoundingClientRect(): { left: number } } } };
        const node = el as unknown as Node;
        const range = node.ownerDocument.createRange();
        range.selectNodeContents(node.lastChild!);
        return range.getBoundingClientRect().left;
      });
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const label = settings.locator('label').filter({ has: page.getByRole('checkbox', { name: 'Show notifications for new messages' }) });
    const hint = settings.getByText('For conversations you are not looking at.');
    expect(Math.abs((await left(hint)) - (await textLeft(label)))).toBeLessThan(1);
    // A hint that explains a field or a whole group starts where Settings' fields do.
    const column = await left(settings.getByRole('textbox', { name: 'Display name' }));
    expect(await left(settings.getByText(/^What teammates see as your name/))).toBe(column);
    expect(await left(settings.getByText('How the desk’s calls to Twilio’s REST API are going, for this account.'))).toBe(column);
    expect(await left(settings.getByText(/^Type \/ and a name in the message box/))).toBe(column);
    await settings.getByRole('button', { name: 'Done' }).click();

    // Outside Settings no hint is indented: the segment builder's and the CSV import's line up with their fields and heading.
    await page.getByRole('button', { name: 'Team tools' }).click();
    await page.getByRole('menuitem', { name: 'Segments' }).click();
    await page.getByRole('button', { name: 'New segment' }).click();
    const opted = page.getByText(/^Opted-out customers are always left out/);
    expect(await left(opted)).toBe(await left(page.getByRole('region', { name: 'Preview' }).getByRole('status')));
    await page.getByRole('button', { name: 'Back to segments' }).click();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    expect(await left(page.getByText(/^One row per recipient/))).toBe(await left(page.getByRole('heading', { name: 'Import a CSV' })));
  });

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
