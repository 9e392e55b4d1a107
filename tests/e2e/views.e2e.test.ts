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

const sidOf = (n: number) => `CH${n.toString(16).padStart(32, '0')}`;
const hour = 3_600_000;

/**
 * Main's team queue is served by an inert port until its REST reader is merged: this stands in for
 * it on the same HTTP transport the browser harness uses, with rows the agent is not a participant of.
 */
async function standInQueue(page: Page): Promise<void> {
  const now = Date.now();
  const row = (n: number, patch: Record<string, unknown>) => ({
    sid: sidOf(n),
    friendlyName: null,
    uniqueName: null,
    state: 'active',
    dateCreated: now - n * hour,
    dateUpdated: now - n * hour,
    assignee: null,
    snoozedUntil: null,
    channel: 'sms',
    customer: `+1415555${String(n).padStart(4, '0')}`,
    previous: [],
    ...patch,
  });
  const rows = [
    row(1, { friendlyName: 'Order #2001 – Ana Lima', channel: 'whatsapp', customer: 'whatsapp:+5511998760001', previous: [sidOf(7)] }),
    row(2, { assignee: 'lee@desk.local' }),
    row(3, { friendlyName: 'Refund for Ben', state: 'inactive', snoozedUntil: now + 20 * hour, assignee: 'lee@desk.local' }),
    row(7, { friendlyName: 'Order #1800 – Ana Lima', state: 'closed', assignee: 'lee@desk.local', channel: 'whatsapp', customer: 'whatsapp:+5511998760001' }),
  ];
  const json = (value: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value }) });
  await page.route('**/ipc/team%3Aqueue', (route) => route.fulfill(json({ rows, version: 1, complete: true, refreshedAt: now })));
  await page.route('**/ipc/team%3Aagents', (route) => route.fulfill(json({ identities: ['agent@desk.local', 'lee@desk.local'] })));
  await page.route('**/ipc/team%3Amessages', (route) =>
    route.fulfill(
      json({
        messages: [
          { sid: `IM${'1'.padStart(32, '0')}`, index: 0, author: 'whatsapp:+5511998760001', body: 'Oi! My order #2001 has not arrived yet.', dateCreated: now - 2 * hour, media: 0 },
          { sid: `IM${'2'.padStart(32, '0')}`, index: 1, author: 'lee@desk.local', body: 'Sorry about that, Ana. Let me check with the carrier.', dateCreated: now - hour, media: 0 },
        ],
        olderPageToken: null,
      }),
    ),
  );
  await page.reload();
}

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

  it('shows the team queue beside the agent’s own conversations and opens the rest read-only (main stood in for)', async () => {
    const { page } = t.desk;
    await standInQueue(page);
    await inboxRow(page, 'Jack Wilson').waitFor();
    await page.getByRole('button', { name: /^Order #2001 – Ana Lima, WhatsApp$/ }).waitFor();
    await page.getByRole('tab', { name: /^Unassigned/ }).click();
    for (const size of [
      { width: 1360, height: 860, name: 'wide' },
      { width: 1024, height: 700, name: 'narrow' },
    ]) {
      await page.setViewportSize(size);
      await page.getByRole('button', { name: /^Order #2001 – Ana Lima/ }).click();
      const thread = page.getByRole('main', { name: 'Order #2001 – Ana Lima (read-only)' });
      await thread.getByText('Oi! My order #2001 has not arrived yet.').waitFor();
      await thread.getByRole('button', { name: 'Unassigned: assign' }).waitFor();
      await t.desk.screenshot(`${size.name}-views-read-only`);
    }
    await page.getByRole('navigation', { name: 'Earlier conversations with this customer' }).getByRole('button', { name: /^Order #1800 – Ana Lima · .* · Resolved$/ }).click();
    const resolved = page.getByRole('main', { name: 'Order #1800 – Ana Lima (read-only)' });
    await resolved.getByText(/^Resolved: this conversation is closed in Twilio/).waitFor();
    await page.getByRole('tab', { name: /^Snoozed \(1\)/ }).click();
    await page.getByRole('button', { name: /^Refund for Ben, SMS, Snoozed · .*Assigned to lee@desk.local/ }).waitFor();
    await t.desk.screenshot('narrow-views-snoozed');
  });
});
