import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CATALOGUES } from '../../shared/i18n/catalogues';
import { deskPerTest, open, openSimulator } from './support';

interface Box {
  scrollWidth: number;
  clientWidth: number;
  offsetParent: unknown;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; right: number };
  closest(selector: string): Box | null;
}

/**
 * Nothing sticks out sideways, no control's text is cut, and no control pokes out of its pane
 * (a header whose long title pushes a button under the next pane): long Spanish/French labels fit.
 */
const layoutProblems = (page: Page) =>
  page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as {
      innerWidth: number;
      document: { documentElement: { scrollWidth: number }; querySelectorAll(selector: string): Iterable<Box> };
    };
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > innerWidth) problems.push(`page ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.querySelectorAll('button, legend, h1, h2, label, select')) {
      // Hidden, or visually hidden on purpose (a label only screen readers read).
      if (el.offsetParent === null || el.clientWidth === 0 || el.closest('.visually-hidden')) continue;
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim();
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`cut: ${name}`);
      const pane = el.closest('nav, main, aside, [role="dialog"], [role="alertdialog"]');
      const [box, outer] = [el.getBoundingClientRect(), pane?.getBoundingClientRect()];
      if (outer && (box.right > outer.right + 1 || box.left < outer.left - 1)) problems.push(`outside its pane: ${name}`);
    }
    return problems;
  });

async function chooseInSettings(page: Page, title: string, field: string, value: string, newTitle: string) {
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('combobox', { name: field }).selectOption(value);
  await page.getByRole('dialog', { name: newTitle }).waitFor();
}

describe('language and clock', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  it('starts in English in an en-US browser and switches to Español and Français from Settings', async () => {
    const { page } = t.desk;
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    expect(await search.getAttribute('placeholder')).toBe('Search names, numbers, messages');
    await open(page, 'Marcus Bell');
    for (const size of [
      { width: 1024, height: 700 },
      { width: 1360, height: 860 },
    ]) {
      await page.setViewportSize(size);
      expect(await layoutProblems(page)).toEqual([]);
    }

    await chooseInSettings(page, 'Settings', 'Language', 'es', 'Ajustes');
    const settings = page.getByRole('dialog', { name: 'Ajustes' });
    expect(await settings.getByRole('combobox', { name: 'Idioma' }).inputValue()).toBe('es');
    for (const size of [
      { width: 1360, height: 860, name: 'wide' },
      { width: 1024, height: 700, name: 'narrow' },
    ]) {
      await page.setViewportSize(size);
      await t.desk.screenshot(`es-${size.name}-settings`);
      expect(await layoutProblems(page)).toEqual([]);
    }
    await page.keyboard.press('Escape');
    expect(await page.getByRole('searchbox', { name: 'Buscar conversaciones' }).getAttribute('placeholder')).toBe('Nombres, números, mensajes');
    await page.getByRole('textbox', { name: 'Mensaje' }).waitFor();
    for (const size of [
      { width: 1360, height: 860, name: 'wide' },
      { width: 1024, height: 700, name: 'narrow' },
    ]) {
      await page.setViewportSize(size);
      await t.desk.screenshot(`es-${size.name}-thread`);
      expect(await layoutProblems(page)).toEqual([]);
    }

    // The choice is main's setting: a reload (or the next launch) opens in Spanish.
    await page.reload();
    await page.getByRole('navigation', { name: 'Bandeja' }).waitFor();

    await chooseInSettings(page, 'Ajustes', 'Idioma', 'fr', 'Paramètres');
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox', { name: 'Rechercher des conversations' }).fill('Marcus Bell');
    await page.getByRole('button', { name: /^Marcus Bell,/ }).click();
    await page.getByText('Thank you. How long will it take?').waitFor();
    const participants = page.getByRole('button', { name: /^Participants \(/ });
    if ((await participants.getAttribute('aria-pressed')) !== 'true') await participants.click();
    await page.getByRole('complementary', { name: 'Participants' }).waitFor();
    for (const size of [
      { width: 1360, height: 860, name: 'wide' },
      { width: 1024, height: 700, name: 'narrow' },
    ]) {
      await page.setViewportSize(size);
      await t.desk.screenshot(`fr-${size.name}-thread`);
      expect(await layoutProblems(page)).toEqual([]);
    }
    await page.keyboard.press('Control+,');
    await page.getByRole('dialog', { name: 'Paramètres' }).waitFor();
    await t.desk.screenshot('fr-narrow-settings');
    expect(await layoutProblems(page)).toEqual([]);
  });

  for (const language of ['es', 'fr'] as const) {
    it(`fits every screen in ${language} at 1360×860 and 1024×700`, async () => {
      const { page } = t.desk;
      const words = CATALOGUES[language];
      await page.evaluate((lng) => (globalThis as unknown as { desk: { updateSettings(p: object): Promise<unknown> } }).desk.updateSettings({ language: lng }), language);
      await page.reload();
      await page.getByRole('navigation', { name: words.inbox.title }).waitFor();
      await page.getByRole('searchbox', { name: words.inbox.search }).fill('Marcus Bell');
      await page.getByRole('button', { name: /^Marcus Bell,/ }).click();
      await page.getByRole('textbox', { name: words.composer.message }).waitFor();
      for (const size of [
        { width: 1360, height: 860, name: 'wide' },
        { width: 1024, height: 700, name: 'narrow' },
      ]) {
        await page.setViewportSize(size);
        const screens: Array<[string, () => Promise<unknown>]> = [
          ['new-conversation', () => page.getByRole('button', { name: words.inbox.newConversation, exact: true }).click()],
          ['simulate', () => openSimulator(page, { tools: words.tools.title, simulate: words.inbox.simulateLabel })],
          ['switcher', () => page.keyboard.press('Control+k')],
          ['leave', () => page.getByRole('button', { name: words.thread.leave }).click()],
        ];
        for (const [name, show] of screens) {
          await show();
          await page.getByRole(name === 'leave' ? 'alertdialog' : 'dialog').waitFor();
          await t.desk.screenshot(`${language}-${size.name}-${name}`);
          expect(await layoutProblems(page), name).toEqual([]);
          await page.keyboard.press('Escape');
        }
        await page.getByRole('button', { name: words.inbox.accounts, exact: true }).click();
        await page.getByRole('button', { name: words.accounts.add }).click();
        await t.desk.screenshot(`${language}-${size.name}-accounts`);
        expect(await layoutProblems(page), 'accounts').toEqual([]);
        await page.getByRole('button', { name: words.common.cancel }).click();
        await page.getByRole('button', { name: words.accounts.back }).click();
      }
    });
  }

  it('writes times as 14:05 with the 24-hour clock and 2:05 PM with the 12-hour one', async () => {
    const { page } = t.desk;
    await open(page, 'Marcus Bell');
    const times = page.locator('article time');
    await times.first().waitFor();
    // en-US's own habit is the 12-hour clock.
    await expect.poll(() => times.first().textContent()).toMatch(/^\d{1,2}:\d{2}\s(AM|PM)$/);
    await chooseInSettings(page, 'Settings', 'Clock', '24h', 'Settings');
    await expect.poll(() => times.first().textContent()).toMatch(/^\d{2}:\d{2}$/);
    const twentyFour = await times.first().textContent();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Clock' }).selectOption('12h');
    await expect.poll(() => times.first().textContent()).toMatch(/^\d{1,2}:\d{2}\s(AM|PM)$/);
    const twelve = await times.first().textContent();
    // The same moment: 14:05 ⇄ 2:05 PM.
    const [h24, m24] = (twentyFour ?? '').split(':').map(Number);
    const [, h12, m12, half] = /^(\d{1,2}):(\d{2})\s(AM|PM)$/.exec(twelve ?? '') ?? [];
    expect((Number(h12) % 12) + (half === 'PM' ? 12 : 0)).toBe(h24);
    expect(Number(m12)).toBe(m24);
  });
});
