import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AGENT, composer, conversationNamed, deskPerTest, inboxRow, open, rest } from './support';

const SIZES = [
  { width: 1360, height: 860 },
  { width: 1024, height: 700 },
];

async function screenshots(t: ReturnType<typeof deskPerTest>, name: string) {
  for (const size of SIZES) {
    await t.desk.page.setViewportSize(size);
    await t.desk.screenshot(`${name}-${size.width}`);
  }
  await t.desk.page.setViewportSize(SIZES[0]!);
}

async function inView(page: Page, text: string): Promise<boolean> {
  const messages = page.locator('main .message-list');
  const list = (await messages.boundingBox())!;
  // Within the thread: the inbox row shows the newest line as its preview too.
  const line = messages.getByText(text, { exact: true }).filter({ visible: true });
  if ((await line.count()) === 0) return false;
  const b = await line.first().boundingBox();
  return b !== null && b.y + b.height > list.y && b.y < list.y + list.height;
}

describe('canned responses and unread', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  it('adds a canned response in Settings and sends it from the composer with / and its variables filled', async () => {
    const { page } = t.desk;
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Add response' }).click();
    await settings.getByRole('textbox', { name: 'Name (what you type after /)' }).fill('thanks');
    await settings.getByRole('textbox', { name: 'Text' }).fill('Thanks {{customer.name}}, this is {{agent.name}} about “{{conversation.name}}”.');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByRole('status').filter({ hasText: 'Added /thanks.' }).waitFor();
    await settings.getByRole('list', { name: 'Saved responses' }).getByText('/thanks').waitFor();
    await screenshots(t, 'canned-settings');
    await settings.getByRole('button', { name: 'Done' }).click();

    await open(page, 'Priya Shah');
    const box = composer(page);
    await box.click();
    await page.keyboard.type('/th');
    const picker = page.getByRole('listbox', { name: 'Canned responses' });
    await picker.getByRole('option', { name: /\/thanks/, selected: true }).waitFor();
    await screenshots(t, 'canned-picker');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    const text = 'Thanks Priya Shah, this is Sam Rivera about “Priya Shah”.';
    expect(await box.inputValue()).toBe(text);
    await page.keyboard.press('Enter');
    await page.getByRole('article', { name: /^You at / }).filter({ hasText: text }).waitFor();
    const priya = await conversationNamed(t.desk, 'Priya Shah');
    const messages = await rest(t.desk).conversations(priya.sid).messages.list({ order: 'desc', limit: 1 });
    expect(messages[0]?.body).toBe(text);
  });

  it('marks a conversation unread from the thread header and from the inbox row’s menu', async () => {
    const { page } = t.desk;
    await open(page, 'Priya Shah');
    const priya = await conversationNamed(t.desk, 'Priya Shah');
    const last = (await rest(t.desk).conversations(priya.sid).messages.list({ order: 'desc', limit: 1 }))[0]!.index;
    await page.getByRole('button', { name: 'Mark as unread', exact: true }).click();
    // The inbox is virtualized: bring the row on screen by searching for it.
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('Priya Shah');
    await page.getByRole('button', { name: /^Priya Shah, SMS, 1 unread/ }).waitFor();
    await expect
      .poll(async () => (await rest(t.desk).conversations(priya.sid).participants.list()).find((p) => p.identity === AGENT)?.lastReadMessageIndex)
      .toBe(last - 1);
    // Coming back to the window does not read it again while it stays open.
    await page.evaluate(() => (globalThis as unknown as EventTarget).dispatchEvent(new Event('focus')));
    await page.getByRole('button', { name: 'Mark as read' }).waitFor();
    expect(await inboxRow(page, 'Priya Shah').getAttribute('aria-label')).toMatch(/1 unread/);

    await search.fill('Grace Liu');
    await inboxRow(page, 'Grace Liu').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Conversation' }).getByRole('menuitem', { name: 'Mark as unread' }).click();
    await page.getByRole('button', { name: /^Grace Liu, SMS, 1 unread/ }).waitFor();
    await t.desk.screenshot('marked-unread');
  });

  it('opens a thread at its first unread message and jumps to the newest', async () => {
    const { page } = t.desk;
    const service = rest(t.desk);
    const conv = await service.conversations.create({ friendlyName: 'Unread backlog' });
    for (let i = 1; i <= 70; i++) await service.conversations(conv.sid).messages.create({ author: 'visitor-backlog', body: `Backlog line ${i}` });
    const me = await service.conversations(conv.sid).participants.create({ identity: AGENT });
    // Read up to line 42 (index 41): 28 unread, more than a screen holds, all in the newest page (lines 41–70).
    await service.conversations(conv.sid).participants(me.sid).update({ lastReadMessageIndex: 41 });
    await page.getByRole('button', { name: /^Unread backlog, Chat, 28 unread/ }).waitFor();
    await open(page, 'Unread backlog');
    await page.getByRole('separator', { name: 'New messages' }).filter({ visible: true }).waitFor();
    await expect.poll(() => inView(page, 'Backlog line 43')).toBe(true);
    expect(await inView(page, 'Backlog line 70')).toBe(false);
    const jump = page.getByRole('button', { name: 'Jump to newest' });
    await jump.waitFor();
    await t.desk.screenshot('jump-to-newest');
    await jump.click();
    await expect.poll(() => inView(page, 'Backlog line 70')).toBe(true);
    await jump.waitFor({ state: 'detached' });
  });
});
