/**
 * What Twilio's own demo app offers, on the desk: emoji reactions stored where the demo stores
 * them (a teammate's client reads and writes the same `reactions` attribute), Copy on a message,
 * and renaming yourself, seen live by a teammate.
 */
import type { Message, User } from '@twilio/conversations';
import { describe, expect, it } from 'vitest';
import { AGENT, AGENT_TWO, conversationNamed, deskPerTest, joinedConversation, open, rest, sdkClient, shown } from './support';

/** The page globals these callbacks touch (the node tsconfig has no DOM lib; see page-dom.ts). */
type PageStyle = { getComputedStyle(el: unknown): { opacity: string } };
type PageFocus = { document: { activeElement: unknown } };
type PageClipboard = { navigator: { clipboard: { readText(): Promise<string> } } };
type DemoReactions = Record<string, string[] | undefined>;
const reactionsOf = (m: Message): DemoReactions | undefined => (m.attributes as { reactions?: DemoReactions } | null)?.reactions;

describe('reactions, copy and your display name', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  it('reacts to a customer’s message in the demo app’s shape, and a teammate’s reaction written that way shows on the desk', async () => {
    const { page } = t.desk;
    const lee = await sdkClient(t.desk, AGENT_TWO);
    t.clients.push(lee);
    const leeConv = await joinedConversation(lee, 'Alicia Romero');
    const leeMessage = (await leeConv.getMessages(50)).items.find((m) => m.body?.startsWith('I was charged twice'))!;

    await open(page, 'Alicia Romero');
    const message = page.getByRole('article', { name: /^Alicia Romero at / }).filter({ hasText: 'I was charged twice' });
    await message.hover();
    await message.getByRole('button', { name: 'Add reaction' }).click();
    await page.getByRole('dialog', { name: 'Pick a reaction' }).getByRole('button', { name: 'Heart' }).click();
    const heart = message.getByRole('button', { name: 'Heart: You' });
    await heart.waitFor();
    expect(await heart.getAttribute('aria-pressed')).toBe('true');

    // Lee's client hears it live, as the demo app would read it.
    await expect.poll(() => reactionsOf(leeMessage), { timeout: 10_000 }).toEqual({ heart: [AGENT] });

    // Lee reacts the way the demo app writes a reaction: the attributes merged, his identity appended.
    const reactions = reactionsOf(leeMessage) ?? {};
    await leeMessage.updateAttributes({
      ...(leeMessage.attributes as object),
      reactions: { ...reactions, thumbs_up: [...(reactions.thumbs_up ?? []), AGENT_TWO] },
    });
    const thumbs = message.getByRole('button', { name: 'Thumbs up: Lee Park' });
    await thumbs.waitFor();
    expect(await thumbs.getAttribute('aria-pressed')).toBe('false');
    // The picker over the message, wide and narrow; Escape closes it.
    await message.hover();
    await message.getByRole('button', { name: 'Add reaction' }).click();
    const picker = page.getByRole('dialog', { name: 'Pick a reaction' });
    expect(await picker.getByRole('button', { name: 'Heart' }).getAttribute('aria-pressed')).toBe('true');
    await t.desk.screenshot('reactions-thread');
    await page.setViewportSize({ width: 1024, height: 700 });
    await t.desk.screenshot('reactions-thread-1024');
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1360, height: 860 });

    // Taking the heart back leaves Lee's reaction as he wrote it; Twilio holds exactly that.
    await heart.click();
    await expect.poll(() => reactionsOf(leeMessage), { timeout: 10_000 }).toEqual({ thumbs_up: [AGENT_TWO] });
    await message.getByRole('button', { name: /^Heart/ }).waitFor({ state: 'detached' });
    const conv = await conversationNamed(t.desk, 'Alicia Romero');
    const stored = (await rest(t.desk).conversations(conv.sid).messages.list({ limit: 50 })).find((m) => m.sid === leeMessage.sid)!;
    expect(JSON.parse(stored.attributes)).toMatchObject({ reactions: { thumbs_up: [AGENT_TWO] } });
    // A reaction is not an edit.
    expect(await message.getByText('(edited)').count()).toBe(0);
  });

  it('copies a message’s text from the keyboard and says so', async () => {
    const { page, context } = t.desk;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await open(page, 'Alicia Romero');
    const message = page.getByRole('article', { name: /^Alicia Romero at / }).filter({ hasText: 'I was charged twice' });
    // A click on the text focuses the message too, but leaves no actions up once the pointer goes.
    await message.getByText('I was charged twice').click();
    await page.mouse.move(1, 1);
    await expect.poll(() => message.evaluate((el) => [...el.querySelectorAll('[role="toolbar"]')].map((bar) => (globalThis as unknown as PageStyle).getComputedStyle(bar).opacity).join())).toMatch(/^(0)?$/);
    // From the keyboard: the message takes the focus, and its actions follow it (Add reaction, Copy text).
    await message.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => message.getByRole('button', { name: 'Copy text' }).evaluate((el) => el === (globalThis as unknown as PageFocus).document.activeElement)).toBe(true);
    // Focus shows the message's actions without a mouse.
    await expect.poll(() => message.getByRole('toolbar').evaluate((el) => (globalThis as unknown as PageStyle).getComputedStyle(el).opacity)).toBe('1');
    await page.keyboard.press('Enter');
    await shown(page, 'Message text copied.').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as PageClipboard).navigator.clipboard.readText())).toBe('I was charged twice for my subscription this month ($14.99 x2).');
  });

  it('renames you in Twilio from Settings, and a teammate’s client sees the new name', async () => {
    const { page } = t.desk;
    const lee = await sdkClient(t.desk, AGENT_TWO);
    t.clients.push(lee);
    const sam: User = await lee.getUser(AGENT);
    expect(sam.friendlyName).toBe('Sam Rivera');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const field = page.getByRole('textbox', { name: 'Display name' });
    await expect.poll(() => field.inputValue()).toBe('Sam Rivera');
    // Bad input is explained and kept.
    await field.fill('   ');
    await page.getByRole('button', { name: 'Update name' }).click();
    await shown(page, 'Enter a name.').waitFor();
    await field.fill('Sam Rivera-Lopez');
    await page.getByRole('button', { name: 'Update name' }).click();
    await shown(page, 'Saved. Teammates now see “Sam Rivera-Lopez”.').waitFor();
    await t.desk.screenshot('display-name-settings');
    await page.setViewportSize({ width: 1024, height: 700 });
    await t.desk.screenshot('display-name-settings-1024');

    await expect.poll(() => sam.friendlyName, { timeout: 10_000 }).toBe('Sam Rivera-Lopez');
    const users = await rest(t.desk).users.list();
    expect(users.find((u) => u.identity === AGENT)?.friendlyName).toBe('Sam Rivera-Lopez');
    await page.getByRole('button', { name: 'Done' }).click();
    await shown(page, /Connected as agent@desk\.local \(Sam Rivera-Lopez\)/).waitFor();
  });

  it('shows a teammate’s new name on the desk as soon as they rename themselves', async () => {
    const { page } = t.desk;
    const lee = await sdkClient(t.desk, AGENT_TWO);
    t.clients.push(lee);
    await open(page, 'Alicia Romero');
    await page.getByRole('article', { name: /^Lee Park at / }).first().waitFor();
    await lee.user.updateFriendlyName('Lee Park-Hughes');
    await page.getByRole('article', { name: /^Lee Park-Hughes at / }).first().waitFor();
  });
});
