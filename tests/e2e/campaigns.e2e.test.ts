/**
 * Campaigns as a lead uses them: a segment of 200 customers texted from the Local workspace's
 * number with a progress bar, paused, resumed and completed; every customer gets exactly one
 * message (counted over REST), marked with the campaign.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserApp } from '../../electron/dev/browser-app';
import type { SegmentSource } from '../../electron/main/segments/segment-source';
import { campaignOfMessage } from '../../shared/domain/campaign-attributes';
import type { Locator, Page } from 'playwright-core';
import type { Desk } from '../helpers/desk-app';
import { connectedDesk, rest, shown } from './support';

const customers = Array.from({ length: 200 }, (_, i) => ({ address: `+1415700${String(i).padStart(4, '0')}`, name: `Customer ${i}`, fields: { name: `Customer ${i}` } }));
const whatsapp = Array.from({ length: 5 }, (_, i) => ({ address: `whatsapp:+1415800${String(i).padStart(4, '0')}`, name: `Wa ${i}`, fields: { name: `Wa ${i}` } }));
const segments: SegmentSource = {
  list: async () => [
    { id: 'seg-late', name: 'Late orders', kind: 'filter', count: customers.length, channels: { sms: customers.length, whatsapp: 0 }, updatedAt: 0 },
    { id: 'seg-wa', name: 'WhatsApp regulars', kind: 'filter', count: whatsapp.length, channels: { sms: 0, whatsapp: whatsapp.length }, updatedAt: 0 },
  ],
  recipients: async (id, channel) => {
    const all = id === 'seg-late' ? customers : id === 'seg-wa' ? whatsapp : null;
    return all && all.filter((r) => r.address.startsWith('whatsapp:') === (channel === 'whatsapp'));
  },
};

/**
 * Twilio answers in a few hundred ms, the emulator at once: without this, 200 recipients are sent
 * in about a second, before a pause or a kill can land mid-campaign.
 */
const TWILIO_LATENCY = { restLatencyMs: 250 };

/**
 * `read` for every customer, 20 at a time: the emulator answers 429 (20429) beyond 100 requests in
 * flight, as Twilio does beyond an account's concurrency limit, and its answers take a while here
 * (TWILIO_LATENCY).
 */
async function forEachCustomer<T>(read: (customer: (typeof customers)[number]) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < customers.length; i += 20) out.push(...(await Promise.all(customers.slice(i, i + 20).map(read))));
  return out;
}

/** Campaign messages each customer holds, over REST: the proof of no duplicate and no loss. */
async function campaignMessagesPerCustomer(desk: Desk, name: string): Promise<number[]> {
  const service = rest(desk);
  return forEachCustomer(async (c) => {
    let n = 0;
    for (const pc of await service.participantConversations.list({ address: c.address })) {
      const messages = await service.conversations(pc.conversationSid).messages.list();
      n += messages.filter((m) => campaignOfMessage(m.attributes)?.name === name && campaignOfMessage(m.attributes)?.recipient === c.address).length;
    }
    return n;
  });
}

/** Team tools → Campaigns → New campaign: the form. */
async function newCampaignForm(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Team tools' }).click();
  await page.getByRole('menuitem', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: 'New campaign' }).click();
  return page.getByRole('form', { name: 'New campaign' });
}

async function startSmsCampaign(desk: Desk, name: string): Promise<void> {
  const form = await newCampaignForm(desk.page);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Segment', { exact: true }).selectOption({ label: 'Late orders (200 customers)' });
  await form.getByLabel('Message', { exact: true }).fill('Your order ships Monday. Sorry for the wait!');
  await form.getByRole('button', { name: 'Start campaign' }).click();
}

describe('campaigns', () => {
  // As deskPerTest, with a longer launch allowance: these run on a machine shared by many jobs.
  let current: Desk | undefined;
  /** A main started again by a test: Desk.close() knows only the first one (already closed then). */
  let restarted: Awaited<ReturnType<typeof startBrowserApp>> | null = null;
  beforeEach(async () => {
    current = await connectedDesk({ segments, emulatorLimits: TWILIO_LATENCY });
  }, 120_000);
  afterEach(async (c) => {
    const desk = current;
    current = undefined;
    if (!desk) return;
    if (c.task.result?.state === 'fail') await desk.screenshot(`failed-${c.task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    if (restarted) {
      const app = restarted;
      restarted = null;
      await desk.browser.close();
      await app.close();
      rmSync(desk.userDataDir, { recursive: true, force: true });
      return;
    }
    await desk.close();
  }, 60_000);
  const ctx = {
    get desk(): Desk {
      if (!current) throw new Error('no desk');
      return current;
    },
  };

  it('sends to 200 recipients with a progress bar, pauses, resumes and completes with one message each', async () => {
    const { page } = ctx.desk;
    page.setDefaultTimeout(20_000);
    const form = await newCampaignForm(page);
    await form.getByLabel('Name', { exact: true }).fill('Shipment delay');
    await form.getByLabel('Segment', { exact: true }).selectOption({ label: 'Late orders (200 customers)' });
    await form.getByLabel('Message', { exact: true }).fill('Your order ships Monday. Sorry for the wait!');
    await expect.poll(() => form.getByText(/Estimated cost: \$1\.66 \(200 recipients × 1 segments × \$0\.0083\)/).count()).toBe(1);
    await ctx.desk.screenshot('campaigns-form-1360');
    await form.getByRole('button', { name: 'Start campaign' }).click();

    const bar = page.getByRole('progressbar', { name: 'Progress of Shipment delay' });
    await bar.waitFor();
    const card = page.getByRole('listitem', { name: 'Shipment delay' });
    // Pause once some have gone: the bar stops short of the end.
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(10);
    await card.getByRole('button', { name: 'Pause' }).click();
    await card.getByText('Paused').waitFor();
    const paused = Number(await bar.getAttribute('aria-valuenow'));
    expect(paused).toBeLessThan(200);
    await card.getByRole('button', { name: 'Resume' }).click();
    await card.getByText('Completed').waitFor({ timeout: 60_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('200');
    await card.getByText('Sent 200').waitFor();
    await card.getByText('Delivered 200').waitFor({ timeout: 30_000 });
    await ctx.desk.screenshot('campaigns-1360');

    // Exactly one message per customer, each carrying the campaign and its recipient.
    const service = rest(ctx.desk);
    const counts = await forEachCustomer(async (c) => {
      const conversations = await service.participantConversations.list({ address: c.address });
      let n = 0;
      for (const pc of conversations) {
        const messages = await service.conversations(pc.conversationSid).messages.list();
        n += messages.filter((m) => campaignOfMessage(m.attributes)?.recipient === c.address).length;
        expect(JSON.parse(pc.conversationAttributes ?? '{}').desk.campaign.name).toBe('Shipment delay');
      }
      return n;
    });
    expect(counts.filter((n) => n !== 1)).toEqual([]);

    await card.getByRole('button', { name: 'Results' }).click();
    const results = page.getByRole('region', { name: 'Results of Shipment delay' });
    await results.getByRole('cell', { name: '+14157000199' }).waitFor();
    await page.setViewportSize({ width: 1024, height: 700 });
    await ctx.desk.screenshot('campaigns-1024');
  }, 120_000);

  it('is interrupted by the emulator dying and by main quitting, and resumes with no duplicate and no loss', async () => {
    const desk = ctx.desk;
    desk.page.setDefaultTimeout(20_000);
    await startSmsCampaign(desk, 'Interrupted');
    const bar = () => desk.page.getByRole('progressbar', { name: 'Progress of Interrupted' });
    await expect.poll(async () => Number(await bar().getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(30);
    // Twilio's side dies mid-flight: answers are lost, the journal has intents without results.
    process.kill(desk.app.emulator()!.pid as number, 'SIGKILL');
    await expect.poll(async () => Number(await bar().getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(100);
    // Main quits mid-campaign and starts again on the same data.
    expect(Number(await bar().getAttribute('aria-valuenow'))).toBeLessThan(200);
    await desk.app.close();
    const app = await startBrowserApp({ userDataDir: desk.userDataDir, rendererDir: resolve('out/renderer'), twilioViaEmulator: true, segments, emulatorLimits: TWILIO_LATENCY });
    restarted = app;
    (desk as { app: typeof app }).app = app;
    await desk.page.goto(app.url);
    await shown(desk.page, /Connected as agent@desk\.local/).waitFor({ timeout: 90_000 });
    await desk.page.getByRole('button', { name: 'Team tools' }).click();
    await desk.page.getByRole('menuitem', { name: 'Campaigns' }).click();
    const card = desk.page.getByRole('listitem', { name: 'Interrupted' });
    await card.getByText('Completed').waitFor({ timeout: 90_000 });
    await card.getByText('Sent 200').waitFor();
    const counts = await campaignMessagesPerCustomer(desk, 'Interrupted');
    expect(counts.filter((n) => n !== 1)).toEqual([]);
  }, 240_000);

  it('needs an approved template for WhatsApp and fills its variables per recipient', async () => {
    const { page } = ctx.desk;
    page.setDefaultTimeout(20_000);
    const form = await newCampaignForm(page);
    await form.getByLabel('Name', { exact: true }).fill('Shipped');
    await form.getByLabel('Segment', { exact: true }).selectOption({ label: 'WhatsApp regulars (5 customers)' });
    await form.getByRole('radio', { name: 'WhatsApp' }).check();
    // No free text on WhatsApp: nothing to start until an approved template is chosen.
    expect(await form.getByLabel('Message', { exact: true }).count()).toBe(0);
    await expect.poll(() => form.getByRole('button', { name: 'Start campaign' }).isDisabled()).toBe(true);
    const template = form.getByLabel('Template', { exact: true });
    expect(await template.locator('option', { hasText: 'not approved by WhatsApp' }).first().isDisabled()).toBe(true);
    await template.selectOption({ label: 'order_update' });
    await form.getByLabel('Variable 2', { exact: true }).selectOption({ label: 'Fixed text' });
    await form.getByRole('textbox', { name: 'Text for variable 2' }).fill('A-1042');
    await form.getByRole('button', { name: 'Start campaign' }).click();
    const card = page.getByRole('listitem', { name: 'Shipped' });
    await card.getByText('Completed').waitFor({ timeout: 60_000 });
    await card.getByText('Sent 5').waitFor();
    const service = rest(ctx.desk);
    const [pc] = await service.participantConversations.list({ address: 'whatsapp:+14158000003' });
    const [message] = await service.conversations(pc!.conversationSid).messages.list();
    expect(message!.contentSid).toMatch(/^HX/);
    expect(message!.body).toContain('Hi Wa 3, your order A-1042 has shipped');
  }, 120_000);
});
