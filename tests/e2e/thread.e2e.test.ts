import { describe, expect, it } from 'vitest';
import { AGENT, composer, conversationNamed, deskPerTest, joinedConversation, open, rest, sdkClient, shown } from './support';

describe('the thread', { timeout: 30_000 }, () => {
  const t = deskPerTest();

  it('names the customer, marks the first unread message and advances the read horizon on opening', async () => {
    const { page } = t.desk;
    const row = page.getByRole('button', { name: /^Jack Wilson, WhatsApp, 3 unread/ });
    await row.waitFor();
    await row.click();
    // Customers are people: the seed's participant name, not "+61 491 570 156".
    await page.getByRole('article', { name: /^Jack Wilson at / }).first().waitFor();
    expect(await page.getByRole('article', { name: /^\+61/ }).count()).toBe(0);
    await page.getByRole('separator', { name: 'New messages' }).waitFor();
    // The seed wrote Jack's messages minutes ago: "Today", unless midnight fell in between (CI
    // once ran this at 00:03, when the same messages were "Yesterday").
    const jack = await conversationNamed(t.desk, 'Jack Wilson');
    const [first] = await rest(t.desk).conversations(jack.sid).messages.list({ limit: 1 });
    const day = (d: Date) => new Date(d).setHours(0, 0, 0, 0);
    await shown(page, day(first!.dateCreated) === day(new Date()) ? 'Today' : 'Yesterday').waitFor();
    // The inbox row loses its badge and the service knows the agent has read everything.
    await page.getByRole('button', { name: /^Jack Wilson, WhatsApp$/ }).waitFor();
    await expect
      .poll(async () => (await rest(t.desk).conversations(jack.sid).participants.list()).find((p) => p.identity === AGENT)?.lastReadMessageIndex, {
        timeout: 5_000,
      })
      .toBe(2);
    await t.desk.screenshot('thread-jack');
  });

  it('loads older pages when scrolled to the top and keeps the reading position', async () => {
    const { page } = t.desk;
    const service = rest(t.desk);
    const conv = await service.conversations.create({ friendlyName: 'Long history' });
    for (let i = 1; i <= 45; i++) {
      await service.conversations(conv.sid).messages.create({ author: 'visitor-long', body: `History line ${i}` });
    }
    await service.conversations(conv.sid).participants.create({ identity: AGENT });
    await open(page, 'Long history');
    await shown(page, 'History line 45').waitFor();
    // The newest page is 30 messages: 16…45.
    expect(await page.getByText('History line 15', { exact: true }).count()).toBe(0);

    // Scroll up the way an agent does (wheel), one notch at a time, until the older page arrives.
    const list = page.locator('main .message-list');
    await list.hover();
    const older = page.getByText('History line 15', { exact: true });
    for (let notch = 0; notch < 80 && (await older.count()) === 0; notch++) await page.mouse.wheel(0, -120);
    await older.waitFor({ state: 'attached' });
    // The 15 older messages went in above: the agent still sees the message they scrolled to,
    // not the very first one (at most one more notch may have landed after the page arrived).
    const box = (await list.boundingBox())!;
    const inView = async (text: string) => {
      const line = page.getByText(text, { exact: true });
      // Virtualized: a line far out of view is not rendered at all.
      if ((await line.count()) === 0) return false;
      const b = await line.boundingBox();
      return b !== null && b.y + b.height > box.y && b.y < box.y + box.height;
    };
    expect(await inView('History line 16')).toBe(true);
    expect(await inView('History line 1')).toBe(false);
    await page.getByText('Beginning of the conversation').waitFor({ state: 'attached' });
    for (let notch = 0; notch < 20 && !(await shown(page, 'History line 1').isVisible()); notch++) await page.mouse.wheel(0, -500);
    await shown(page, 'History line 1').waitFor();
  });

  it('edits and deletes the agent’s own message in a chat conversation', async () => {
    const { page } = t.desk;
    // Chat only: an SMS or WhatsApp message stays on the customer's phone (thread-fixes.e2e.test.ts).
    await open(page, 'Hannah Kim');
    await composer(page).fill('Your parcel is with the courier');
    await page.keyboard.press('Enter');
    // The sent message itself, not its "sending" placeholder.
    const mine = page.getByRole('article', { name: /^You at / }).filter({ hasText: 'Your parcel is with the courier' });
    await mine.waitFor();
    await mine.hover();
    await mine.getByRole('button', { name: 'Edit message' }).click();
    const editor = page.getByRole('textbox', { name: 'Edit message' });
    await editor.fill('Your parcel is out for delivery');
    await editor.press('Enter');
    await shown(page, '(edited)').waitFor();
    const edited = page.getByRole('article', { name: /^You at / }).filter({ hasText: 'Your parcel is out for delivery' });
    await edited.waitFor();

    await edited.hover();
    await edited.getByRole('button', { name: 'Delete message' }).click();
    await edited.getByRole('button', { name: 'Delete', exact: true }).click();
    await edited.waitFor({ state: 'detached' });
    const hannah = await conversationNamed(t.desk, 'Hannah Kim');
    const bodies = (await rest(t.desk).conversations(hannah.sid).messages.list()).map((m) => m.body);
    expect(bodies).not.toContain('Your parcel is out for delivery');
    expect(bodies).not.toContain('Your parcel is with the courier');
  });

  it('shows delivery for SMS, and typing and “Seen by” with names for chat', async () => {
    const { page } = t.desk;
    await open(page, 'Kevin Tran');
    await composer(page).fill('Yes, Pine St is open 10-4 on Sundays');
    await page.keyboard.press('Enter');
    await page.getByRole('article', { name: /^You at / }).filter({ hasText: 'Yes, Pine St is open 10-4 on Sundays' }).getByText(/^(Sent|Delivered|Read)$/).waitFor();

    const noah = await sdkClient(t.desk, 'visitor-8b2e47');
    t.clients.push(noah);
    const noahConv = await joinedConversation(noah, 'Noah Patel');
    await open(page, 'Noah Patel');
    await composer(page).fill('It charges at up to 96 W');
    await page.keyboard.press('Enter');
    await page.getByRole('article', { name: /^You at / }).filter({ hasText: 'It charges at up to 96 W' }).waitFor();

    await noahConv.typing();
    await shown(page, 'Noah Patel is typing…').waitFor();
    await noahConv.setAllMessagesRead();
    await shown(page, 'Seen by Noah Patel').waitFor({ timeout: 10_000 });
    await t.desk.screenshot('thread-seen-by');
  });
});
