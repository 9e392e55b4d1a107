/**
 * What agents tripped over in the thread and inbox: failed SMS with a reason and Retry, clickable
 * links, drafts in the inbox, the last conversation after a restart, and a 1024 px window.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_SMS_NUMBER } from '../../electron/emulator/seed/demo';
import { UNDELIVERABLE } from '../../electron/emulator/conversations/delivery';
import { AGENT, composer, deskPerTest, inboxRow, open, rest, shown } from './support';

// The emulator's magic number for a recipient who replied STOP (Twilio's 21610).
const OPTED_OUT = Object.entries(UNDELIVERABLE).find(([, code]) => code === 21610)![0];

describe('thread and inbox fixes', { timeout: 45_000 }, () => {
  const t = deskPerTest();

  it('explains a failed SMS with Twilio’s reason, marks the inbox row, and offers no Retry that could not help', async () => {
    const { page } = t.desk;
    const name = 'Ana Lima';
    const conv = await rest(t.desk).conversations.create({ friendlyName: name });
    await rest(t.desk).conversations(conv.sid).participants.create({ identity: AGENT });
    await rest(t.desk).conversations(conv.sid).participants.create({ 'messagingBinding.address': OPTED_OUT, 'messagingBinding.proxyAddress': DEMO_SMS_NUMBER });
    await inboxRow(page, name).waitFor();
    await open(page, name);
    await composer(page).fill('Your refund is on its way');
    await page.keyboard.press('Enter');

    const sent = page.getByRole('article', { name: /^You at / }).filter({ hasText: 'Your refund is on its way' });
    await sent.getByText(/^Not delivered: The customer opted out by replying STOP/).waitFor({ timeout: 10_000 });
    await expect.poll(() => inboxRow(page, name).getAttribute('aria-label')).toMatch(/Last message not delivered/);
    await t.desk.screenshot('thread-failed-sms');

    // An SMS on the customer's phone can't be changed: no edit, and delete says so.
    await sent.first().hover();
    // The actions are there (Delete), and Edit is not among them.
    await sent.first().getByRole('button', { name: 'Delete from the desk — the customer keeps it' }).waitFor();
    expect(await sent.first().getByRole('button', { name: 'Edit message' }).count()).toBe(0);

    // 21610 is final until the customer replies START: the way forward is named instead of a Retry
    // (Retry, for failures that may pass, is covered in MessageRow's dom tests).
    await sent.first().getByText('Customer opted out', { exact: true }).waitFor();
    expect(await sent.first().getByRole('button', { name: 'Retry: send this message again' }).count()).toBe(0);
    expect((await rest(t.desk).conversations(conv.sid).messages.list()).filter((m) => m.body === 'Your refund is on its way')).toHaveLength(1);
  });

  it('makes links in messages clickable, opening outside the desk', async () => {
    const { page } = t.desk;
    await open(page, 'Kevin Tran');
    await composer(page).fill('Track it at https://example.com/track?id=7 any time');
    await page.keyboard.press('Enter');
    const link = page.getByRole('article', { name: /^You at / }).getByRole('link', { name: 'https://example.com/track?id=7' });
    await link.waitFor();
    await t.desk.screenshot('thread-link');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    // No network here: the outside page is answered locally so the new tab has its address.
    await t.desk.context.route('https://example.com/**', (route) => route.fulfill({ body: 'tracking', contentType: 'text/plain' }));
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toContain('https://example.com/track?id=7');
    await popup.close();
  });

  it('shows an unsent draft in the inbox row', async () => {
    const { page } = t.desk;
    await open(page, 'Kevin Tran');
    await composer(page).fill('Checking with the warehouse');
    await open(page, 'Jack Wilson');
    await expect.poll(() => inboxRow(page, 'Kevin Tran').textContent()).toContain('Draft: Checking with the warehouse');
    expect(await inboxRow(page, 'Kevin Tran').getAttribute('aria-label')).toMatch(/, Draft$/);

    // A contact known only by number: the avatar shows its last digits, not the country code.
    const number = await rest(t.desk).conversations.create({ friendlyName: '+44 7700 900123' });
    await rest(t.desk).conversations(number.sid).participants.create({ identity: AGENT });
    await inboxRow(page, '+44 7700 900123').waitFor();
    expect(await inboxRow(page, '+44 7700 900123').locator('.avatar').textContent()).toBe('23');
    await t.desk.screenshot('inbox-draft-and-number-avatar');
  });

  it('reopens the last open conversation after a reload', async () => {
    const { page } = t.desk;
    await open(page, 'Hannah Kim');
    await page.reload();
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { name: 'Hannah Kim', level: 2 }).waitFor();
    expect(await inboxRow(page, 'Hannah Kim').getAttribute('aria-current')).toBe('true');
  });

  it('at 1024×700 keeps the thread wide and opens participants as a drawer', async () => {
    const { page } = t.desk;
    await page.setViewportSize({ width: 1024, height: 700 });
    await open(page, 'Jack Wilson');
    const thread = page.getByRole('main', { name: 'Conversation' });
    const panel = page.getByRole('complementary', { name: 'Participants' });
    expect(await panel.count()).toBe(0);
    const width = (await thread.boundingBox())!.width;
    expect(width).toBeGreaterThanOrEqual(560);
    await t.desk.screenshot('layout-1024-closed');

    await page.getByRole('button', { name: /^Participants \(/ }).click();
    await panel.waitFor();
    // Over the thread, not beside it: the thread keeps its width.
    expect((await thread.boundingBox())!.width).toBe(width);
    const box = (await panel.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    await t.desk.screenshot('layout-1024-drawer');
    await panel.getByRole('button', { name: 'Close participants' }).click();
    await panel.waitFor({ state: 'detached' });
  });
});
