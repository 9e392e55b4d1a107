/** The forms agents tripped over: customer names, national numbers, channel defaults, safe removal. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENT, conversationNamed, deskPerTest, inboxRow, rest, shown, openSimulator } from './support';

async function newConversation(page: Page, name: string, type: 'sms' | 'whatsapp', number: string, customer?: string) {
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('combobox', { name: 'Type' }).selectOption(type);
  await dialog.getByLabel('Phone number').fill(number);
  if (customer) await dialog.getByLabel('Customer name (optional)').fill(customer);
  return dialog;
}

describe('forms', { timeout: 40_000 }, () => {
  const t = deskPerTest();

  it('names a WhatsApp customer apart from a ticket-like conversation, from a national number', async () => {
    const { page } = t.desk;
    // The WhatsApp business number is American (+1 415 523 8886), so a US national number is accepted.
    const dialog = await newConversation(page, 'Order #2001 – Ana Lima', 'whatsapp', '(415) 555-0177', 'Ana Lima');
    await dialog.getByText('Saved as +14155550177').waitFor();
    await t.desk.screenshot('new-conversation-customer-name');
    await page.setViewportSize({ width: 1024, height: 700 });
    await t.desk.screenshot('new-conversation-customer-name-1024');
    await page.setViewportSize({ width: 1360, height: 860 });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Order #2001 – Ana Lima', level: 2 }).waitFor();
    await inboxRow(page, 'Order #2001 – Ana Lima').waitFor();

    // Who is in it (the customer profile above the list names the customer too).
    const people = page.getByRole('complementary', { name: 'Participants' }).getByRole('list', { name: 'People in this conversation' });
    await people.getByText('Ana Lima', { exact: true }).waitFor();
    await people.getByText('+1 415 555 0177').waitFor();
    const order = await conversationNamed(t.desk, 'Order #2001 – Ana Lima');
    const roster = await rest(t.desk).conversations(order.sid).participants.list();
    const customer = roster.find((p) => p.messagingBinding?.address === 'whatsapp:+14155550177');
    expect(JSON.parse(customer?.attributes ?? '{}')).toMatchObject({ name: 'Ana Lima' });
  });

  it('adds to an SMS conversation as SMS by default; removing the customer asks, then Undo puts them back', async () => {
    const { page } = t.desk;
    const dialog = await newConversation(page, 'Order #2002', 'sms', '+14155550166', 'Bruno Costa');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Order #2002', level: 2 }).waitFor();

    const panel = page.getByRole('complementary', { name: 'Participants' });
    const people = panel.getByRole('list', { name: 'People in this conversation' });
    await people.getByText('Bruno Costa', { exact: true }).waitFor();
    const form = page.getByRole('form', { name: 'Add participant' });
    expect(await form.getByRole('combobox', { name: 'Type' }).inputValue()).toBe('sms');
    expect(await form.getByLabel('Business number').inputValue()).toBe('+15005550006');

    await panel.getByRole('button', { name: 'Remove Bruno Costa (+1 415 555 0166)' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove Bruno Costa?' });
    await confirm.getByText(/^The customer will stop receiving replies in this conversation\./).waitFor();
    await t.desk.screenshot('remove-customer-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await people.getByText('Bruno Costa', { exact: true }).waitFor();

    await panel.getByRole('button', { name: 'Remove Bruno Costa (+1 415 555 0166)' }).click();
    await confirm.getByRole('button', { name: 'Remove customer' }).click();
    await people.getByText('Bruno Costa', { exact: true }).waitFor({ state: 'detached' });
    await shown(page, 'Removed Bruno Costa').waitFor();
    await t.desk.screenshot('remove-customer-undo');
    const order = await conversationNamed(t.desk, 'Order #2002');
    const smsAddresses = async () =>
      (await rest(t.desk).conversations(order.sid).participants.list()).filter((p) => p.messagingBinding?.address).map((p) => ({ address: p.messagingBinding?.address, attributes: JSON.parse(p.attributes) as unknown }));
    expect(await smsAddresses()).toEqual([]);

    await page.getByRole('button', { name: 'Undo' }).click();
    await people.getByText('Bruno Costa', { exact: true }).waitFor();
    expect(await smsAddresses()).toEqual([
      { address: '+14155550166', attributes: { address: '+14155550166', proxyAddress: '+15005550006', name: 'Bruno Costa' } },
    ]);
    expect(await panel.getByRole('button', { name: `Remove ${AGENT}` }).count()).toBe(0);
  });

  it('lets the simulated customer write from a national number', async () => {
    const { page } = t.desk;
    await openSimulator(page);
    const dialog = page.getByRole('dialog', { name: 'Simulate customer' });
    await dialog.getByRole('combobox', { name: 'Channel' }).selectOption('whatsapp');
    await dialog.getByLabel('Customer number').fill('415 555 0155');
    await dialog.getByText('Writes from +14155550155').waitFor();
    await dialog.getByLabel('Message').fill('Hi, national number here');
    await dialog.getByRole('button', { name: 'Send as customer' }).click();
    await dialog.getByText('Delivered to the inbox').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await shown(page, /Hi, national number here/).waitFor({ timeout: 15_000 });
  });

  it('offers Retry and Open accounts while reconnecting, instead of spinning', async () => {
    const { page } = t.desk;
    await t.desk.app.restartEmulator(async () => {
      const banner = page.getByRole('status').filter({ hasText: 'Connection lost. Reconnecting…' });
      await banner.waitFor({ timeout: 15_000 });
      await banner.getByRole('button', { name: 'Retry' }).waitFor();
      await banner.getByRole('button', { name: 'Open accounts' }).waitFor();
      await t.desk.screenshot('banner-reconnecting');
      await page.setViewportSize({ width: 1024, height: 700 });
      await t.desk.screenshot('banner-reconnecting-1024');
      await page.setViewportSize({ width: 1360, height: 860 });
    });
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Open accounts' }).count()).toBe(0);
  });
});
