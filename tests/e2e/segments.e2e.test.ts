/**
 * Segments end to end, as a lead sees them: a CSV with bad rows (an invalid number, a duplicate,
 * a customer who texted STOP from their phone) explained row by row before anything is saved,
 * then saved and counted; and a filter segment over the seeded workspace whose live count matches
 * a hand count of the seed.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_CONVERSATIONS } from '../../electron/emulator/seed/demo-script';
import { controlApi } from '../helpers/control-api';
import { ARTIFACTS } from '../helpers/desk-app';
import { campaignOfMessage } from '../../shared/domain/campaign-attributes';
import { deskPerTest, emulatorOf, rest, shown } from './support';

const SMS_NUMBER = '+15005550006';
const PRIYA = '+14155550142';
/** A customer known only by WhatsApp (no conversation yet). */
const WES_WA = 'whatsapp:+14155550199';

async function screenshots(desk: { page: Page; screenshot: (n: string) => Promise<string> }, name: string): Promise<void> {
  await desk.screenshot(`${name}-1360x860`);
  await desk.page.setViewportSize({ width: 1024, height: 700 });
  await desk.page.screenshot({ path: `${ARTIFACTS}/${name}-1024x700.png` });
  await desk.page.setViewportSize({ width: 1360, height: 860 });
}

async function openSegments(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Team tools' }).click();
  await page.getByRole('menuitem', { name: 'Segments' }).click();
  await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
}

const csvFile = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });

describe('segments', { timeout: 120_000 }, () => {
  const t = deskPerTest();

  it('imports a CSV, explains each row it leaves out (invalid, duplicate, opted out), then saves the rest', async () => {
    const { page } = t.desk;
    // Priya opts out from her phone, as a customer does.
    await controlApi(emulatorOf(t.desk).info).inbound({ From: PRIYA, To: SMS_NUMBER, Body: 'STOP' });
    await openSegments(page);
    await shown(page, 'No segments yet. Build one from a filter over your customers, or import a CSV.').waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).click();

    // A file without a phone column is refused with a reason, and nothing is shown as saved.
    await page.locator('input[type="file"]').setInputFiles(csvFile('contacts.csv', ['name,email', 'Ana,ana@example.com']));
    await page.getByRole('alert').getByText('No phone column: the first row must name one column “phone” (or “address”). Columns found: name, email.').waitFor();

    await page.locator('input[type="file"]').setInputFiles(
      csvFile('spring-sale.csv', [
        'name,phone,company',
        'Ana Ruiz,+34 612 345 678,Acme',
        'Bad Number,12345,',
        'Ana again,+34612345678,',
        'Priya Shah,+14155550142,',
        'Marcus Bell,+1 212 555 0187,Bell & Co',
      ]),
    );
    await page.getByRole('status').getByText('2 of 5 rows can be saved.').waitFor({ timeout: 30_000 });
    const report = page.getByRole('region', { name: 'Rows left out' });
    const row = (n: number) => report.getByRole('row').filter({ has: page.getByRole('cell', { name: String(n), exact: true }) });
    await row(3).getByText('Not a valid phone number (include the country code)').waitFor();
    await expect(row(3).getByRole('cell', { name: '12345', exact: true }).count()).resolves.toBe(1);
    await row(4).getByText('Same number as an earlier row').waitFor();
    await row(5).getByText('Opted out (replied STOP)').waitFor();
    await expect(row(5).getByRole('cell', { name: PRIYA, exact: true }).count()).resolves.toBe(1);
    await expect(report.getByRole('row').count()).resolves.toBe(4);
    await shown(page, 'Numbers from “phone”; columns kept as fields: name, company').waitFor();
    await screenshots(t.desk, 'segments-csv-report');

    await page.getByLabel('Segment name').fill('Spring sale');
    await page.getByRole('button', { name: 'Save valid rows as a segment' }).click();
    const saved = page.getByRole('row', { name: /^Spring sale/ });
    await saved.getByRole('cell', { name: 'CSV list' }).waitFor();
    await saved.getByRole('cell', { name: '2', exact: true }).waitFor();
    await screenshots(t.desk, 'segments-list');

    // Rename, then delete after confirming.
    await page.getByRole('button', { name: 'Rename Spring sale' }).click();
    await page.getByRole('dialog', { name: 'Rename segment' }).getByLabel('Segment name').fill('Spring sale 2026');
    await page.getByRole('dialog', { name: 'Rename segment' }).getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('row', { name: /^Spring sale 2026/ }).waitFor();
    await page.getByRole('button', { name: 'Delete Spring sale 2026' }).click();
    await page.getByRole('alertdialog', { name: 'Delete this segment?' }).getByRole('button', { name: 'Delete' }).click();
    await shown(page, 'No segments yet. Build one from a filter over your customers, or import a CSV.').waitFor();
  });

  it('counts a filter over the seeded customers live, as a hand count of the seed does, leaving out who opted out', async () => {
    const { page } = t.desk;
    const phones = DEMO_CONVERSATIONS.filter((c) => c.channel !== 'chat');
    const sms = phones.filter((c) => c.channel === 'sms');
    const whatsapp = phones.filter((c) => c.channel === 'whatsapp');
    // Hand count of the seed: 7 SMS and 8 WhatsApp customers, each with one open conversation.
    expect([phones.length, sms.length, whatsapp.length]).toEqual([15, 7, 8]);

    await openSegments(page);
    await page.getByRole('button', { name: 'New segment' }).click();
    const count = page.getByRole('region', { name: 'Preview' }).getByRole('status');
    await count.getByText(`${phones.length} of ${phones.length} customers match`).waitFor({ timeout: 30_000 });
    await page.getByLabel('Channel').selectOption({ label: 'SMS' });
    await count.getByText(`${sms.length} of ${phones.length} customers match`).waitFor();
    await shown(page, 'Priya Shah').waitFor();
    await page.getByLabel('Channel').selectOption({ label: 'WhatsApp' });
    await count.getByText(`${whatsapp.length} of ${phones.length} customers match`).waitFor();
    await page.getByLabel('Open conversation').selectOption({ label: 'No open conversation' });
    await count.getByText(`0 of ${phones.length} customers match`).waitFor();
    await shown(page, 'No customer matches this filter.').waitFor();
    await page.getByLabel('Open conversation').selectOption({ label: 'Either' });
    await page.getByLabel('Channel').selectOption({ label: 'SMS' });
    await count.getByText(`${sms.length} of ${phones.length} customers match`).waitFor();

    // Priya texts STOP: once the customers are read again she is left out of every segment.
    await controlApi(emulatorOf(t.desk).info).inbound({ From: PRIYA, To: SMS_NUMBER, Body: 'STOP' });
    await page.getByRole('button', { name: 'Read again' }).click();
    await count.getByText(`${sms.length - 1} of ${phones.length} customers match`).waitFor();
    await shown(page, 'Opted-out customers are always left out (1 now).').waitFor();
    await screenshots(t.desk, 'segments-filter');

    await page.getByLabel('Segment name').fill('SMS customers');
    await page.getByRole('button', { name: 'Save segment' }).click();
    const saved = page.getByRole('row', { name: /^SMS customers/ });
    await saved.getByRole('cell', { name: 'Filter' }).waitFor();
    await saved.getByRole('cell', { name: String(sms.length - 1), exact: true }).waitFor();
  });

  it('is what a campaign sends to: one message per saved row of its channel, reusing an open conversation, none to a customer who opted out', async () => {
    const { page } = t.desk;
    const MARCUS = '+12125550187';
    await controlApi(emulatorOf(t.desk).info).inbound({ From: PRIYA, To: SMS_NUMBER, Body: 'STOP' });
    await openSegments(page);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page
      .locator('input[type="file"]')
      .setInputFiles(csvFile('late.csv', ['name,phone', 'Ana Ruiz,+34612345678', 'Priya Shah,+14155550142', 'Marcus Bell,+12125550187', `Wes Lo,${WES_WA}`]));
    await page.getByRole('status').getByText('3 of 4 rows can be saved.').waitFor({ timeout: 30_000 });
    await page.getByLabel('Segment name').fill('Late orders');
    await page.getByRole('button', { name: 'Save valid rows as a segment' }).click();
    await page.getByRole('row', { name: /^Late orders/ }).waitFor();

    await page.getByRole('navigation', { name: 'Team tools' }).getByRole('button', { name: 'Campaigns' }).click();
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.getByRole('form', { name: 'New campaign' });
    await form.getByLabel('Name', { exact: true }).fill('Late orders notice');
    await form.getByLabel('Segment', { exact: true }).selectOption({ label: 'Late orders (3 customers)' });
    // Wes has only a WhatsApp address: the form says so before anything is sent, and counts the cost without him.
    await form.getByText('1 of this segment’s 3 customers has no SMS number and will not get this campaign.').waitFor();
    await form.getByLabel('Message', { exact: true }).fill('Your order ships Monday.');
    await form.getByText(/\(2 recipients × 1 segments ×/).waitFor();
    await form.getByRole('radio', { name: 'WhatsApp' }).check();
    await form.getByText('2 of this segment’s 3 customers have no WhatsApp address and will not get this campaign.').waitFor();
    await form.getByRole('radio', { name: 'SMS' }).check();
    await form.getByText('1 of this segment’s 3 customers has no SMS number and will not get this campaign.').waitFor();
    await form.getByLabel('Message', { exact: true }).fill('Your order ships Monday.');
    await screenshots(t.desk, 'campaign-form-channel-hint');
    await form.getByRole('button', { name: 'Start campaign' }).click();
    const card = page.getByRole('listitem', { name: 'Late orders notice' });
    await card.getByText('Completed').waitFor({ timeout: 60_000 });
    await card.getByText('Sent 2').waitFor();

    // Over REST: Ana and Marcus got one campaign message each (Marcus in his open conversation), Priya none.
    const service = rest(t.desk);
    const marks = async (address: string) => {
      let n = 0;
      for (const pc of await service.participantConversations.list({ address })) {
        for (const m of await service.conversations(pc.conversationSid).messages.list()) if (campaignOfMessage(m.attributes)?.name === 'Late orders notice') n++;
      }
      return n;
    };
    expect(await Promise.all(['+34612345678', MARCUS, PRIYA, WES_WA].map(marks))).toEqual([1, 1, 0, 0]);
    const marcus = await service.participantConversations.list({ address: MARCUS });
    expect(marcus.filter((c) => c.conversationState !== 'closed')).toHaveLength(1);
  });
});
