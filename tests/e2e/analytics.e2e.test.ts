import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENT, AGENT_TWO, deskPerTest, rest } from './support';

/**
 * The analytics screen against the seeded Local workspace: the figures on screen are checked
 * against a hand count made here over REST (twilio-node against the emulator), by the README's
 * definitions: customer messages are "in", everyone else's "out"; a first response is the first
 * message of an agent after the customer's first message.
 */
const AGENTS = new Set([AGENT, AGENT_TWO]);
const isCustomer = (author: string | null) => !!author && author !== 'system' && !AGENTS.has(author);

async function openAnalytics(page: Page) {
  await page.getByRole('button', { name: 'Team tools' }).click();
  await page.getByRole('menuitem', { name: 'Analytics' }).click();
  await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
}

function midnight(daysAgo: number): number {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - daysAgo);
  return d.getTime();
}

describe('analytics', { timeout: 90_000 }, () => {
  const ctx = deskPerTest();

  it('charts the seeded workspace with the numbers a hand count over REST gives, follows the date range, and exports CSV', async () => {
    const { page } = ctx.desk;
    const service = rest(ctx.desk);

    // A campaign message to one SMS customer, who answers: the funnel's sent and replied.
    const all = await service.conversations.list({ pageSize: 100 });
    let smsCustomer: { sid: string; address: string } | null = null;
    for (const c of all) {
      if (c.state === 'closed') continue;
      const participants = await service.conversations(c.sid).participants.list();
      const address = participants.find((p) => (p.messagingBinding as { address?: string } | null)?.address?.startsWith('+'));
      if (address) {
        smsCustomer = { sid: c.sid, address: (address.messagingBinding as { address: string }).address };
        break;
      }
    }
    expect(smsCustomer).not.toBeNull();
    const mark = { campaign: { id: 'cmp-e2e', name: 'Shipping delay', recipient: smsCustomer!.address } };
    await service.conversations(smsCustomer!.sid).messages.create({ author: 'system', body: 'Your parcel is delayed by a day.', attributes: JSON.stringify(mark) });
    await service.conversations(smsCustomer!.sid).messages.create({ author: smsCustomer!.address, body: 'Thanks for telling me' });

    // Hand count over the last 30 days (today included), in this machine's calendar as the window's.
    const from = midnight(29);
    const to = midnight(-1);
    const inRange = (d: Date) => d.getTime() >= from && d.getTime() < to;
    let opened = 0;
    let inbound = 0;
    let outbound = 0;
    let answered = 0;
    for (const c of await service.conversations.list({ pageSize: 100 })) {
      if (inRange(c.dateCreated)) opened++;
      const messages = await service.conversations(c.sid).messages.list({ pageSize: 100 });
      for (const m of messages) {
        if (!inRange(m.dateCreated)) continue;
        if (isCustomer(m.author)) inbound++;
        else outbound++;
      }
      const first = messages.findIndex((m) => isCustomer(m.author));
      if (first >= 0 && inRange(messages[first]!.dateCreated) && messages.slice(first + 1).some((m) => AGENTS.has(m.author ?? ''))) answered++;
    }
    expect(inbound).toBeGreaterThan(0);

    await openAnalytics(page);
    await page.getByText(/^From \d+ conversations and \d+ messages read from Twilio\.$/).waitFor({ timeout: 30_000 });
    await page.getByText(`${opened} opened,`, { exact: false }).waitFor();
    await page.getByText(`${inbound} in, ${outbound} out.`).waitFor();
    await page.getByText(new RegExp(`^${answered} conversations?: median`)).waitFor();
    // Charts drawn (uPlot's canvases), with their tables a click away.
    expect(await page.locator('.analytics-chart canvas').count()).toBeGreaterThanOrEqual(4);
    const funnel = page.getByRole('region', { name: 'Campaign funnel' });
    await funnel.getByText('Show as a table').click();
    const row = funnel.getByRole('row', { name: /Shipping delay/ });
    await expect.poll(() => row.getByRole('cell').allTextContents()).toEqual(['1', expect.any(String), '1', expect.any(String), expect.any(String)]);

    // For the eyes (tests/.artifacts): both window sizes, light and dark.
    await ctx.desk.screenshot('analytics-1360-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await ctx.desk.screenshot('analytics-1360-dark');
    await page.setViewportSize({ width: 1024, height: 700 });
    await ctx.desk.screenshot('analytics-1024-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await ctx.desk.screenshot('analytics-1024-light');

    // CSV export: the messages chart's rows, whose columns add up to the hand count.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Messages in and out per day as CSV' }).click()]);
    const csv = Papa.parse<string[]>(await readFile((await download.path())!, 'utf8'), { skipEmptyLines: true }).data;
    expect(csv[0]).toEqual(['Day', 'In (from customers)', 'Out (agents, campaigns, automations)']);
    expect(csv).toHaveLength(31);
    expect(csv.slice(1).reduce((n, r) => n + Number(r[1]), 0)).toBe(inbound);
    expect(csv.slice(1).reduce((n, r) => n + Number(r[2]), 0)).toBe(outbound);

    // A week long before the workspace existed: nothing.
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To', { exact: true }).fill('2020-01-07');
    await page.getByText('0 opened, 0 resolved in this range.').waitFor();
    await page.getByText('0 in, 0 out.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Period' }).inputValue()).toBe('custom');
  });
});
