/**
 * Segments end to end, as a lead sees them: a CSV with bad rows (an invalid number, a duplicate,
 * a customer who texted STOP from their phone) explained row by row before anything is saved,
 * then saved and counted; and a filter segment over the seeded workspace whose live count matches
 * a hand count of the seed.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
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

/** Gives a seeded customer a profile with these tags, as the profile panel writes it (participant attributes). */
async function tagCustomer(desk: Parameters<typeof rest>[0], address: string, name: string, tags: string[]): Promise<void> {
  const service = rest(desk);
  for (const pc of await service.participantConversations.list({ address })) {
    const participant = service.conversations(pc.conversationSid as string).participants(pc.participantSid as string);
    const current = JSON.parse((await participant.fetch()).attributes || '{}') as Record<string, unknown>;
    const profile = { v: 1, name, email: '', company: '', tags, notes: '', addresses: [address], updatedAt: new Date().toISOString(), updatedBy: null };
    await participant.update({ attributes: JSON.stringify({ ...current, profile }) });
  }
}

/**
 * A saved segment's recipients as the list shows them: compact to the eye, and the cell read out
 * as a sentence (what a screen reader says for it), both in the same cell.
 */
async function reach(row: Locator, seen: string, heard: string): Promise<void> {
  await row.getByRole('cell', { name: heard, exact: true }).getByText(seen, { exact: true }).waitFor();
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
    // Both saved rows are SMS numbers (Ana's +34 and Marcus's +1): none reaches WhatsApp.
    await reach(saved, '2 · SMS 2 · WhatsApp 0', '2 rows: 2 SMS numbers, 0 WhatsApp numbers');
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
    const n = sms.length - 1;
    await reach(saved, `${n} · SMS ${n} · WhatsApp 0`, `${n} customers: ${n} reachable by SMS, 0 reachable by WhatsApp`);
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
    // Wes's row is a WhatsApp address, the other two SMS numbers.
    await reach(page.getByRole('row', { name: /^Late orders/ }), '3 · SMS 2 · WhatsApp 1', '3 rows: 2 SMS numbers, 1 WhatsApp number');

    await page.getByRole('navigation', { name: 'Team tools' }).getByRole('button', { name: 'Campaigns' }).click();
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.getByRole('form', { name: 'New campaign' });
    await form.getByLabel('Name', { exact: true }).fill('Late orders notice');
    await form.getByLabel('Segment', { exact: true }).selectOption({ label: 'Late orders (3 customers)' });
    // Wes's row is a WhatsApp address: the form says so (a CSV counts rows) before anything is sent, and counts the cost without him.
    await form.getByText('1 of this list’s 3 rows is not an SMS number and will not get this campaign.').waitFor();
    await form.getByLabel('Message', { exact: true }).fill('Your order ships Monday.');
    await form.getByText(/\(2 recipients × 1 segments ×/).waitFor();
    await form.getByRole('radio', { name: 'WhatsApp' }).check();
    await form.getByText('2 of this list’s 3 rows are not WhatsApp addresses and will not get this campaign.').waitFor();
    await form.getByRole('radio', { name: 'SMS' }).check();
    await form.getByText('1 of this list’s 3 rows is not an SMS number and will not get this campaign.').waitFor();
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

  it('edits a saved filter segment’s conditions in place: Cancel keeps it, Save changes recounts it under the same name, and it stays so', async () => {
    const { page } = t.desk;
    const phones = DEMO_CONVERSATIONS.filter((c) => c.channel !== 'chat').length;
    // Tagged before the desk first reads its customers: two VIPs, three wholesale buyers (one of them also a VIP).
    await tagCustomer(t.desk, PRIYA, 'Priya Shah', ['vip']);
    await tagCustomer(t.desk, '+12125550187', 'Marcus Bell', ['vip', 'wholesale']);
    await tagCustomer(t.desk, '+13125550119', 'Dana Okafor', ['wholesale']);
    await tagCustomer(t.desk, 'whatsapp:+447700900123', 'Oliver Hughes', ['wholesale']);

    await openSegments(page);
    await page.getByRole('button', { name: 'New segment' }).click();
    const count = page.getByRole('region', { name: 'Preview' }).getByRole('status');
    await count.getByText(`${phones} of ${phones} customers match`).waitFor({ timeout: 30_000 });
    await page.getByLabel('Tags', { exact: true }).fill('vip');
    await count.getByText(`2 of ${phones} customers match`).waitFor();
    await page.getByLabel('Segment name').fill('Key accounts');
    await page.getByRole('button', { name: 'Save segment' }).click();
    const row = page.getByRole('row', { name: /^Key accounts/ });
    await reach(row, '2 · SMS 2 · WhatsApp 0', '2 customers: 2 reachable by SMS, 0 reachable by WhatsApp');

    // Edit, change the tag, then Cancel: nothing changes.
    await page.getByRole('button', { name: 'Edit Key accounts' }).click();
    const form = page.getByRole('form', { name: 'Edit segment' });
    await expect(form.getByLabel('Tags', { exact: true }).inputValue()).resolves.toBe('vip');
    await expect(form.getByLabel('Segment name').inputValue()).resolves.toBe('Key accounts');
    await count.getByText(`2 of ${phones} customers match`).waitFor();
    await form.getByLabel('Tags', { exact: true }).fill('wholesale');
    await count.getByText(`3 of ${phones} customers match`).waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await reach(row, '2 · SMS 2 · WhatsApp 0', '2 customers: 2 reachable by SMS, 0 reachable by WhatsApp');

    // Edit again and save: the same segment (one row, same name) now counts the wholesale buyers (Oliver by WhatsApp).
    await page.getByRole('button', { name: 'Edit Key accounts' }).click();
    await form.getByLabel('Tags', { exact: true }).fill('wholesale');
    await count.getByText(`3 of ${phones} customers match`).waitFor();
    await shown(page, 'Oliver Hughes').waitFor();
    await screenshots(t.desk, 'segments-edit');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await reach(row, '3 · SMS 2 · WhatsApp 1', '3 customers: 2 reachable by SMS, 1 reachable by WhatsApp');
    await expect(page.getByRole('row', { name: /^Key accounts/ }).count()).resolves.toBe(1);

    // Reopened, the Segments screen reads the saved segment back from main.
    const tools = page.getByRole('navigation', { name: 'Team tools' });
    await tools.getByRole('button', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await tools.getByRole('button', { name: 'Segments' }).click();
    await reach(row, '3 · SMS 2 · WhatsApp 1', '3 customers: 2 reachable by SMS, 1 reachable by WhatsApp');
    await page.getByRole('button', { name: 'Edit Key accounts' }).click();
    await expect(form.getByLabel('Tags', { exact: true }).inputValue()).resolves.toBe('wholesale');
    // A CSV segment has no Edit (its rows are not edited, only renamed or deleted).
    await page.getByRole('button', { name: 'Back to segments' }).click();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.locator('input[type="file"]').setInputFiles(csvFile('few.csv', ['phone', '+12125550187']));
    await page.getByRole('status').getByText('1 of 1 rows can be saved.').waitFor({ timeout: 30_000 });
    await page.getByLabel('Segment name').fill('Few');
    await page.getByRole('button', { name: 'Save valid rows as a segment' }).click();
    await page.getByRole('button', { name: 'Rename Few' }).waitFor();
    await expect(page.getByRole('button', { name: 'Edit Few' }).count()).resolves.toBe(0);
  });
});
