/**
 * Campaigns as a lead uses them: a segment of 200 customers texted from the Local workspace's
 * number with a progress bar, paused, resumed and completed; every customer gets exactly one
 * message (counted over REST), marked with the campaign.
 */
import { describe, expect, it } from 'vitest';
import type { SegmentSource } from '../../electron/main/segments/segment-source';
import { campaignOfMessage } from '../../shared/domain/campaign-attributes';
import { deskPerTest, rest } from './support';

const customers = Array.from({ length: 200 }, (_, i) => ({ address: `+1415700${String(i).padStart(4, '0')}`, name: `Customer ${i}`, fields: { name: `Customer ${i}` } }));
const segments: SegmentSource = {
  list: async () => [{ id: 'seg-late', name: 'Late orders', kind: 'filter', count: customers.length, updatedAt: 0 }],
  recipients: async (id) => (id === 'seg-late' ? customers : null),
};

describe('campaigns', () => {
  const ctx = deskPerTest({ segments });

  it('sends to 200 recipients with a progress bar, pauses, resumes and completes with one message each', async () => {
    const { page } = ctx.desk;
    await page.getByRole('button', { name: 'Team tools' }).click();
    await page.getByRole('menuitem', { name: 'Campaigns' }).click();
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.getByRole('form', { name: 'New campaign' });
    await form.getByLabel('Name', { exact: true }).fill('Shipment delay');
    await form.getByLabel('Segment', { exact: true }).selectOption({ label: 'Late orders (200 customers)' });
    await form.getByLabel('Message', { exact: true }).fill('Your order ships Monday. Sorry for the wait!');
    await expect.poll(() => form.getByText(/Estimated cost: \$1\.66 \(200 recipients × 1 segments × \$0\.0083\)/).count()).toBe(1);
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
    const counts = await Promise.all(
      customers.map(async (c) => {
        const conversations = await service.participantConversations.list({ address: c.address });
        let n = 0;
        for (const pc of conversations) {
          const messages = await service.conversations(pc.conversationSid).messages.list();
          n += messages.filter((m) => campaignOfMessage(m.attributes)?.recipient === c.address).length;
          expect(JSON.parse(pc.conversationAttributes ?? '{}').desk.campaign.name).toBe('Shipment delay');
        }
        return n;
      }),
    );
    expect(counts.filter((n) => n !== 1)).toEqual([]);

    await card.getByRole('button', { name: 'Results' }).click();
    const results = page.getByRole('region', { name: 'Results of Shipment delay' });
    await results.getByRole('cell', { name: '+14157000199' }).waitFor();
    await page.setViewportSize({ width: 1024, height: 700 });
    await ctx.desk.screenshot('campaigns-1024');
  }, 120_000);
});
