/**
 * The SMS composer end to end: the segment counter switching to Unicode on an emoji (and naming
 * it), and an opted-out customer: STOP from their phone, then a reply whose receipt fails with
 * 21610, explained, with no Retry that could not help.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { controlApi } from '../helpers/control-api';
import { ARTIFACTS } from '../helpers/desk-app';
import { composer, deskPerTest, emulatorOf, open, shown } from './support';

const SMS_NUMBER = '+15005550006';
const PRIYA = '+14155550142';

const counter = (page: Page) => page.getByRole('group', { name: 'SMS segments' });

async function screenshots(desk: { page: Page; screenshot: (n: string) => Promise<string> }, name: string): Promise<void> {
  await desk.screenshot(`${name}-1360x860`);
  await desk.page.setViewportSize({ width: 1024, height: 700 });
  await desk.page.screenshot({ path: `${ARTIFACTS}/${name}-1024x700.png` });
  await desk.page.setViewportSize({ width: 1360, height: 860 });
}

describe('the SMS composer', { timeout: 90_000 }, () => {
  const t = deskPerTest();

  it('counts segments and switches to Unicode on an emoji, naming it', async () => {
    const { page } = t.desk;
    await open(page, 'Priya Shah');
    await composer(page).pressSequentially('Your replacement ships Monday');
    await counter(page).getByText('1 segment · 131 characters left in this one · GSM-7 (160 per segment)').waitFor();
    await composer(page).pressSequentially(' 😀');
    await counter(page).getByText('1 segment · 38 characters left in this one · Unicode (70 per segment)').waitFor();
    await counter(page).getByText('😀 switches this message to Unicode (70 per segment)').waitFor();
    await screenshots(t.desk, 'composer-sms-unicode');
    // Long enough for three Unicode segments.
    await composer(page).fill(`${'Thanks for waiting. '.repeat(8)}😀`);
    await counter(page).getByText(/^3 segments · /).waitFor();
  });

  it('after the customer texts STOP, a reply fails and says they opted out, without a Retry', async () => {
    const { page } = t.desk;
    await open(page, 'Priya Shah');
    await controlApi(emulatorOf(t.desk).info).inbound({ From: PRIYA, To: SMS_NUMBER, Body: 'STOP' });
    await shown(page, 'STOP').waitFor();
    await composer(page).fill('Sorry to see you go, Priya.');
    await page.keyboard.press('Enter');
    const row = page.getByRole('article', { name: /^You at / }).filter({ hasText: 'Sorry to see you go, Priya.' });
    await row.getByText(/^Not delivered: The customer opted out by replying STOP/).waitFor({ timeout: 15_000 });
    await row.getByText('Customer opted out', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: 'Retry: send this message again' }).count()).toBe(0);
    await screenshots(t.desk, 'composer-sms-opted-out');
  });
});
