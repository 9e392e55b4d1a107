/**
 * Resolve, then the customer writes again, against main's real team service and the emulator:
 * Twilio's closed is final, so the customer's message starts a new conversation (the demo's
 * auto-join adds the agent to it, so it is in the agent's own inbox too), linked by main's queue
 * to the resolved one through the customer's address.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { controlApi } from '../helpers/control-api';
import { conversationNamed, deskPerTest, emulatorOf, inboxRow, open, rest, shown } from './support';

const SMS_NUMBER = '+15005550006';
const PRIYA = '+14155550142';

const tabCount = async (page: Page, view: string): Promise<number> => {
  const label = (await page.getByRole('navigation', { name: 'Inbox' }).getByRole('tab', { name: new RegExp(`^${view} \\(`) }).getAttribute('aria-label')) ?? '';
  return Number(/\((\d+)\)$/.exec(label)?.[1] ?? NaN);
};

const actions = (page: Page) => page.getByRole('group', { name: 'Conversation actions' });

describe('a customer writes again after a resolve', { timeout: 90_000 }, () => {
  // No background refresh comes during the test: opening the new conversation asks main to read it at once.
  const t = deskPerTest({ teamRefreshMs: 600_000 });

  it('starts a new conversation in Unassigned, linked to the resolved one, which stays read-only in Resolved', async () => {
    const { page } = t.desk;
    await open(page, 'Priya Shah');
    await actions(page).getByRole('button', { name: 'Resolve' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Resolved “Priya Shah”' });
    await toast.waitFor();
    // Waiting out the undo: then it is sent, and Twilio has it closed.
    await toast.waitFor({ state: 'detached', timeout: 20_000 });
    const priya = await conversationNamed(t.desk, 'Priya Shah');
    await expect.poll(async () => (await rest(t.desk).conversations(priya.sid).fetch()).state, { timeout: 10_000 }).toBe('closed');

    const unassignedBefore = await tabCount(page, 'Unassigned');
    const reply = await controlApi(emulatorOf(t.desk).info).inbound({ From: PRIYA, To: SMS_NUMBER, Body: 'Hi again, the replacement arrived broken.' });
    expect(reply.body.created).toBe(true);
    expect(reply.body.conversation_sid).not.toBe(priya.sid);

    await page.getByRole('tab', { name: /^Unassigned/ }).click();
    await expect.poll(() => tabCount(page, 'Unassigned'), { timeout: 15_000 }).toBe(unassignedBefore + 1);
    const fresh = page.getByRole('tabpanel').getByRole('button', { name: /^\+1 415/ }).first();
    await fresh.click();
    await shown(page, 'Hi again, the replacement arrived broken.').waitFor();
    const earlier = page.getByRole('navigation', { name: 'Earlier conversations with this customer' });
    const link = earlier.getByRole('button', { name: /^Priya Shah · .* · Resolved$/ });
    await link.waitFor({ timeout: 15_000 });
    for (const size of [
      { width: 1360, height: 860, name: 'wide' },
      { width: 1024, height: 700, name: 'narrow' },
    ]) {
      await page.setViewportSize(size);
      await t.desk.screenshot(`${size.name}-customer-returns`);
    }
    await page.setViewportSize({ width: 1360, height: 860 });

    // The earlier one: resolved, read-only, with what was said then.
    await link.click();
    await page.getByRole('heading', { name: 'Priya Shah', level: 2 }).waitFor();
    await page.getByRole('note').filter({ hasText: 'Resolved — read-only. The customer’s next message starts a new conversation.' }).waitFor();
    await shown(page, 'Great, thanks Sam!').waitFor();
    // …and it links back to the new one.
    await earlier.getByRole('button', { name: /^\+1 415 555 0142 · Today$/ }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    await page.getByRole('tab', { name: /^Resolved/ }).click();
    await inboxRow(page, 'Priya Shah').waitFor();
    await t.desk.screenshot('wide-customer-returns-resolved');
  });
});
