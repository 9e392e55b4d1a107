/**
 * The agent's main workflow end to end, against main's real team service (REST over the
 * emulator) and the real SDK: a customer waiting in Unassigned is opened read-only, taken with
 * Assign to me and answered; resolve with undo; snooze and reopen; and two agents racing for the
 * same conversation from two desks on one emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startBrowserApp } from '../../electron/dev/browser-app';
import { DEMO_SMS_NUMBER } from '../../electron/emulator/seed/demo';
import type { Desk } from '../helpers/desk-app';
import { AGENT, AGENT_TWO, composer, conversationNamed, deskPerTest, emulatorOf, rest, shown } from './support';

const CUSTOMER = '+14155550187';

/** A customer's SMS conversation nobody on the team is in yet, as it reaches the service; main's queue reads it. */
async function waitingCustomer(desk: Desk, name: string, body: string): Promise<string> {
  const conv = await rest(desk).conversations.create({ friendlyName: name });
  await rest(desk).conversations(conv.sid).participants.create({ 'messagingBinding.address': CUSTOMER, 'messagingBinding.proxyAddress': DEMO_SMS_NUMBER });
  await rest(desk).conversations(conv.sid).messages.create({ author: CUSTOMER, body });
  // Main's background refresh runs every 20 s; a teammate's desk would have read it by then.
  await desk.app.services.team.refresh();
  return conv.sid;
}

const inbox = (page: Page) => page.getByRole('navigation', { name: 'Inbox' });
const tab = (page: Page, view: string) => inbox(page).getByRole('tab', { name: new RegExp(`^${view} \\(`) });
const row = (page: Page, name: string) => inbox(page).getByRole('tabpanel').getByRole('button', { name: new RegExp(`^${name.replace(/[#–]/g, '.')}`) });
const readOnly = (page: Page, name: string) => page.getByRole('main', { name: `${name} (read-only)` });
const headerActions = (page: Page) => page.getByRole('group', { name: 'Conversation actions' });

/** Opens the queue's row in Unassigned: read-only, with the header's actions. */
async function openFromUnassigned(page: Page, name: string, body: string): Promise<void> {
  await tab(page, 'Unassigned').click();
  await row(page, name).click();
  const thread = readOnly(page, name);
  await thread.getByText(body).waitFor();
  await thread.getByRole('group', { name: 'Conversation actions' }).getByRole('button', { name: 'Assign to me' }).waitFor();
}

const participantIdentities = async (desk: Desk, sid: string) =>
  (await rest(desk).conversations(sid).participants.list()).map((p) => p.identity).filter((i): i is string => !!i);

describe('the agent’s workflow against main’s team service', { timeout: 90_000 }, () => {
  const t = deskPerTest();

  it('opens an Unassigned conversation read-only with the actions; Assign to me brings it into Mine with a working composer', async () => {
    const { page } = t.desk;
    const name = 'Order #3001 – Rosa Diaz';
    const body = 'Hi, my parcel says delivered but it is not here.';
    const sid = await waitingCustomer(t.desk, name, body);
    await openFromUnassigned(page, name, body);
    for (const size of [
      { width: 1360, height: 860, name: 'wide' },
      { width: 1024, height: 700, name: 'narrow' },
    ]) {
      await page.setViewportSize(size);
      await t.desk.screenshot(`${size.name}-workflow-read-only-actions`);
    }
    // The row's context menu offers the same actions.
    await row(page, name).click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Conversation' });
    await menu.getByRole('menuitem', { name: 'Assign to me' }).waitFor();
    await menu.getByRole('menuitem', { name: 'Resolve' }).waitFor();
    await menu.getByRole('menuitem', { name: 'Snooze…' }).waitFor();
    expect(await menu.getByRole('menuitem', { name: 'Mark as unread' }).count()).toBe(0);
    await t.desk.screenshot('narrow-workflow-row-menu');
    await page.setViewportSize({ width: 1360, height: 860 });
    await t.desk.screenshot('wide-workflow-row-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);

    await readOnly(page, name).getByRole('button', { name: 'Assign to me' }).click();
    // Main adds the agent as a participant; the SDK's conversationJoined hands over to the live thread.
    await composer(page).waitFor();
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    await headerActions(page).getByRole('button', { name: 'Assigned to You: transfer' }).waitFor();
    expect(await readOnly(page, name).count()).toBe(0);
    await tab(page, 'Mine').click();
    await row(page, name).filter({ hasText: 'You' }).waitFor();
    await tab(page, 'Unassigned').click();
    await expect.poll(() => row(page, name).count()).toBe(0);

    await composer(page).fill('Sorry about that, Rosa. I am on it.');
    await composer(page).press('Enter');
    await expect
      .poll(async () => (await rest(t.desk).conversations(sid).messages.list()).map((m) => `${m.author}: ${m.body}`))
      .toContain(`${AGENT}: Sorry about that, Rosa. I am on it.`);
    expect(await participantIdentities(t.desk, sid)).toEqual([AGENT]);
    expect(JSON.parse((await rest(t.desk).conversations(sid).fetch()).attributes).desk.assignee).toBe(AGENT);
  });

  it('resolves from the header: Undo within the window keeps it; letting it pass closes it in Twilio and it waits under Resolved, read-only', async () => {
    const { page } = t.desk;
    const jack = await conversationNamed(t.desk, 'Jack Wilson');
    await tab(page, 'All open').click();
    await row(page, 'Jack Wilson').click();
    await headerActions(page).getByRole('button', { name: 'Resolve' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Resolved “Jack Wilson”' });
    await toast.waitFor();
    await expect.poll(() => row(page, 'Jack Wilson').count()).toBe(0);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await row(page, 'Jack Wilson').waitFor();
    expect((await rest(t.desk).conversations(jack.sid).fetch()).state).toBe('active');

    await row(page, 'Jack Wilson').click();
    await headerActions(page).getByRole('button', { name: 'Resolve' }).click();
    await toast.waitFor();
    // The window passes (5 s), the resolve is sent, and Twilio has it closed.
    await toast.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await rest(t.desk).conversations(jack.sid).fetch()).state, { timeout: 10_000 }).toBe('closed');
    await tab(page, 'All open').click();
    expect(await row(page, 'Jack Wilson').count()).toBe(0);
    await tab(page, 'Resolved').click();
    await row(page, 'Jack Wilson').click();
    await page.getByRole('note').filter({ hasText: 'Resolved — read-only.' }).waitFor();
    expect(await composer(page).count()).toBe(0);
    await headerActions(page).getByText('Resolved', { exact: true }).waitFor();
  });

  it('snoozes with h and the picker, then reopens', async () => {
    const { page } = t.desk;
    const jack = await conversationNamed(t.desk, 'Jack Wilson');
    await row(page, 'Jack Wilson').click();
    await shown(page, "G'day, do you ship to Australia?").waitFor();
    // Out of the composer (single keys are left alone while typing).
    await page.getByRole('heading', { name: 'Jack Wilson', level: 2 }).click();
    await page.keyboard.press('h');
    await page.getByRole('dialog', { name: 'Snooze until' }).getByRole('button', { name: /^In 1 hour/ }).click();
    await headerActions(page).getByText(/^Snoozed until/).waitFor();
    await expect.poll(async () => (await rest(t.desk).conversations(jack.sid).fetch()).state).toBe('inactive');
    await tab(page, 'Snoozed').click();
    await row(page, 'Jack Wilson').waitFor();
    await headerActions(page).getByRole('button', { name: 'Reopen' }).click();
    await headerActions(page).getByRole('button', { name: 'Snooze' }).waitFor();
    await expect.poll(async () => (await rest(t.desk).conversations(jack.sid).fetch()).state).toBe('active');
    await expect.poll(() => row(page, 'Jack Wilson').count()).toBe(0);
    await tab(page, 'Unassigned').click();
    await row(page, 'Jack Wilson').waitFor();
  });

  it('two agents press Assign to me at once: one has it in Mine, the other is told who has it, and only the winner is a participant', async () => {
    const name = 'Order #3002 – Ana Lima';
    const body = 'Can someone change my delivery address?';
    const sid = await waitingCustomer(t.desk, name, body);
    const second = await secondDesk(t.desk, AGENT_TWO);
    try {
      const desks = [t.desk.page, second.page];
      await Promise.all(desks.map((page) => openFromUnassigned(page, name, body)));
      await Promise.all(desks.map((page) => readOnly(page, name).getByRole('button', { name: 'Assign to me' }).click()));

      const holder = async () => JSON.parse((await rest(t.desk).conversations(sid).fetch()).attributes).desk?.assignee as string | undefined;
      // Each desk settles: the winner's live thread with its composer, the loser's notice naming the winner.
      const outcome = async (page: Page) => {
        if ((await composer(page).count()) > 0) return 'won';
        if ((await page.getByRole('alert').filter({ hasText: /has this conversation/ }).count()) > 0) return 'lost';
        return 'pending';
      };
      await expect.poll(async () => [await outcome(desks[0] as Page), await outcome(desks[1] as Page)].sort(), { timeout: 15_000 }).toEqual(['lost', 'won']);
      const winner = await holder();
      expect([AGENT, AGENT_TWO]).toContain(winner);
      const [winPage, losePage] = winner === AGENT ? desks : [...desks].reverse();
      const winnerName = winner === AGENT ? /Sam Rivera|agent@desk\.local/ : /Lee Park|lee@desk\.local/;
      expect(await (losePage as Page).getByRole('alert').filter({ hasText: /has this conversation/ }).textContent()).toMatch(winnerName);
      await readOnly(losePage as Page, name).getByRole('button', { name: /^Assigned to .+: transfer$/ }).waitFor();
      expect(await readOnly(losePage as Page, name).getByRole('button', { name: /^Assigned to .+: transfer$/ }).getAttribute('aria-label')).toMatch(winnerName);
      await headerActions(winPage as Page).getByRole('button', { name: 'Assigned to You: transfer' }).waitFor();
      await tab(winPage as Page, 'Mine').click();
      await row(winPage as Page, name).waitFor();
      await tab(losePage as Page, 'Mine').click();
      await expect.poll(() => row(losePage as Page, name).count()).toBe(0);
      expect(await participantIdentities(t.desk, sid)).toEqual([winner]);
      await (losePage as Page).screenshot({ path: resolve('tests/.artifacts/wide-workflow-race-lost.png') });
    } finally {
      await second.close();
    }
  });
});

/** A second agent's desk on the first desk's emulator (its own main process services and Chromium page). */
async function secondDesk(first: Desk, identity: string): Promise<{ page: Page; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-second-'));
  const app = await startBrowserApp({ userDataDir, rendererDir: resolve('out/renderer'), identity, sharedEmulator: emulatorOf(first) });
  await app.services.local.start();
  const context = await first.browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(app.url);
  await shown(page, `Connected as ${identity}`).waitFor({ timeout: 60_000 });
  return {
    page,
    async close() {
      await context.close();
      await app.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
