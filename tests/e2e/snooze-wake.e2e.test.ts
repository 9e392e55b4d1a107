/**
 * Snooze against main's real team service and the emulator: woken by the clock (main compares
 * the wake-up time with the server's, from the `Date` header) and by the customer writing
 * (Twilio makes an inactive conversation active on a new message). Main's queue refreshes every
 * 1.5 s here (20 s in the app; a due wake-up also has its own timer, see the unit tests).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { controlApi } from '../helpers/control-api';
import type { Desk } from '../helpers/desk-app';
import { conversationNamed, deskPerTest, emulatorOf, inboxRow, open } from './support';

const SMS_NUMBER = '+15005550006';

const tabCount = async (page: Page, view: string): Promise<number> => {
  const label = (await page.getByRole('navigation', { name: 'Inbox' }).getByRole('tab', { name: new RegExp(`^${view} \\(`) }).getAttribute('aria-label')) ?? '';
  return Number(/\((\d+)\)$/.exec(label)?.[1] ?? NaN);
};

async function snoozeForAnHour(page: Page, name: string): Promise<void> {
  await open(page, name);
  await page.getByRole('group', { name: 'Conversation actions' }).getByRole('button', { name: 'Snooze' }).click();
  await page.getByRole('dialog', { name: 'Snooze until' }).getByRole('button', { name: /^In 1 hour/ }).click();
  await page.getByRole('tab', { name: /^Snoozed/ }).click();
  await expect.poll(() => tabCount(page, 'Snoozed')).toBe(1);
  await page.getByRole('tabpanel').getByRole('button', { name: new RegExp(`^${name}, .*Snoozed · `) }).waitFor();
}

const deskOf = async (desk: Desk, name: string) => {
  const c = await conversationNamed(desk, name);
  return (JSON.parse(c.attributes || '{}') as { desk?: { snoozedUntil?: string } }).desk ?? {};
};

describe('snooze wakes up', { timeout: 90_000 }, () => {
  const t = deskPerTest({ teamRefreshMs: 1_500 });

  it('when its time comes by the service’s clock, back to Unassigned without the agent doing anything', async () => {
    const { page } = t.desk;
    await snoozeForAnHour(page, 'Dana Okafor');
    await t.desk.screenshot('wide-snoozed');
    expect((await conversationNamed(t.desk, 'Dana Okafor')).state).toBe('inactive');
    const unassigned = await tabCount(page, 'Unassigned');

    // An hour and a bit passes on Twilio's side.
    await controlApi(emulatorOf(t.desk).info).advanceClock(3_700);
    await expect.poll(() => tabCount(page, 'Snoozed'), { timeout: 15_000 }).toBe(0);
    expect(await tabCount(page, 'Unassigned')).toBe(unassigned + 1);
    await page.getByRole('tab', { name: /^Unassigned/ }).click();
    await inboxRow(page, 'Dana Okafor').waitFor();
    const dana = await conversationNamed(t.desk, 'Dana Okafor');
    expect(dana.state).toBe('active');
    expect(await deskOf(t.desk, 'Dana Okafor')).not.toHaveProperty('snoozedUntil');
  });

  it('when the customer writes, at once, and main clears the stale wake-up time', async () => {
    const { page } = t.desk;
    await snoozeForAnHour(page, 'Marcus Bell');
    await controlApi(emulatorOf(t.desk).info).inbound({ From: '+12125550187', To: SMS_NUMBER, Body: 'Any news on my refund?' });
    await expect.poll(() => tabCount(page, 'Snoozed'), { timeout: 10_000 }).toBe(0);
    await page.getByRole('tab', { name: /^Unassigned/ }).click();
    await page.getByRole('button', { name: /^Marcus Bell,/ }).waitFor();
    expect((await conversationNamed(t.desk, 'Marcus Bell')).state).toBe('active');
    await expect.poll(() => deskOf(t.desk, 'Marcus Bell'), { timeout: 15_000 }).not.toHaveProperty('snoozedUntil');
    await t.desk.screenshot('wide-snooze-woken-by-customer');
  });
});
