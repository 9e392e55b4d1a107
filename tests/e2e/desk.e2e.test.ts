import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '@twilio/conversations';
import { waitForMatch } from '../helpers/emulator';
import { addParticipant, AGENT_TWO, deskPerTest, PNG_1PX, sdkClient, shown, openSimulator } from './support';

describe('the desk in Chromium against the Local workspace', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  it('lands in the seeded Local workspace with unread conversations', async () => {
    const { page } = t.desk;
    await expect.poll(() => page.getByText(/Connected as agent@desk\.local/).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: /^Jack Wilson, WhatsApp, \d+ unread/ }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^\(\d+\) Conversations Desk$/);
    await t.desk.screenshot('inbox');
  });

  it('opens a conversation, sends text, and a second agent sees it live and answers', async () => {
    const { page } = t.desk;
    await page.getByRole('button', { name: /^Jack Wilson/ }).click();
    await shown(page, "G'day, do you ship to Australia?").waitFor();
    const lee = await sdkClient(t.desk, AGENT_TWO);
    t.clients.push(lee);
    // Lee already takes part in seeded conversations: wait for this one.
    const joined = waitForMatch<Conversation>(lee as never, 'conversationJoined', (c) => c.friendlyName === 'Jack Wilson', 10_000);
    await addParticipant(page, { type: 'chat', identity: AGENT_TWO });
    const leeConv = await joined;
    await leeConv.getParticipants();

    const seen = waitForMatch<Message>(leeConv as never, 'messageAdded', (m) => m.body === 'We ship to Perth in 5-7 days.', 10_000);
    await page.getByRole('textbox', { name: 'Message' }).fill('We ship to Perth in 5-7 days.');
    await page.keyboard.press('Enter');
    expect((await seen).author).toBe('agent@desk.local');

    await leeConv.sendMessage('Import fees are included.');
    await shown(page, 'Import fees are included.').waitFor();
    await t.desk.screenshot('thread');
  });

  it('attaches an image that the other side downloads byte-exact', async () => {
    const { page } = t.desk;
    await page.getByRole('button', { name: /^Noah Patel/ }).click();
    const lee = await sdkClient(t.desk, AGENT_TWO);
    t.clients.push(lee);
    const joined = waitForMatch<Conversation>(lee as never, 'conversationJoined', (c) => c.friendlyName === 'Noah Patel', 10_000);
    await addParticipant(page, { type: 'chat', identity: AGENT_TWO });
    const leeConv = await joined;
    await leeConv.getParticipants();

    const got = waitForMatch<Message>(leeConv as never, 'messageAdded', (m) => (m.attachedMedia?.length ?? 0) > 0, 15_000);
    await page.getByLabel('Choose files to attach').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: PNG_1PX });
    await page.getByRole('textbox', { name: 'Message' }).fill('Here is your return label');
    await page.getByRole('button', { name: 'Send' }).click();
    const msg = await got;
    const url = await msg.attachedMedia![0]!.getContentTemporaryUrl();
    expect(Buffer.from(await (await fetch(url!)).arrayBuffer()).equals(PNG_1PX)).toBe(true);
    await page.locator('img[alt*="label.png"]').first().waitFor({ timeout: 10_000 });
  });

  it('shows a simulated customer SMS live with an unread badge', async () => {
    const { page } = t.desk;
    await shown(page, /Connected as/).waitFor();
    await openSimulator(page);
    await page.getByLabel('Customer number').fill('+14155550199');
    await page.getByLabel('Message', { exact: true }).last().fill('Hi, where is my order #20001?');
    await page.getByRole('button', { name: 'Send as customer' }).click();
    const row = page.getByRole('button', { name: /1 unread/ }).filter({ hasText: 'Hi, where is my order #20001?' });
    await row.waitFor({ timeout: 15_000 });
    await t.desk.screenshot('simulated-sms');
  });

  it('adds an SMS participant and explains an invalid number', async () => {
    const { page } = t.desk;
    await page.getByRole('button', { name: /^Hannah Kim/ }).click();
    await addParticipant(page, { type: 'sms', number: '555-01' });
    await shown(page, /not a valid phone number/).waitFor();
    await t.desk.screenshot('participants-invalid');
    await addParticipant(page, { type: 'sms', number: '+14155550177' });
    await shown(page, '+1 415 555 0177').waitFor({ timeout: 10_000 });
    await t.desk.screenshot('participants');
  });

  it('reconnects after the emulator restarts and loses nothing', async () => {
    const { page } = t.desk;
    await page.getByRole('button', { name: /^Kevin Tran/ }).click();
    await shown(page, 'Order #10977 by the way').waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('Checking on it now');
    await page.keyboard.press('Enter');
    await shown(page, 'Checking on it now').waitFor();

    await t.desk.app.restartEmulator(async () => {
      await page.getByText(/Reconnecting|Connecting/).first().waitFor({ timeout: 15_000 });
      await page.getByRole('textbox', { name: 'Message' }).fill('Sent while offline');
      await page.keyboard.press('Enter');
    });
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 30_000 });
    await shown(page, 'Sent while offline').waitFor();
    const emulator = t.desk.app.emulator()!;
    const res = await fetch(`${emulator.info.restBaseUrl}/v1/Conversations?PageSize=50`, {
      headers: { Authorization: `Basic ${Buffer.from(`${emulator.info.accountSid}:${emulator.info.authToken}`).toString('base64')}` },
    });
    const { conversations } = (await res.json()) as { conversations: Array<{ sid: string; friendly_name: string }> };
    const kevin = conversations.find((c) => c.friendly_name === 'Kevin Tran')!;
    const msgs = (await (
      await fetch(`${emulator.info.restBaseUrl}/v1/Conversations/${kevin.sid}/Messages?PageSize=100`, {
        headers: { Authorization: `Basic ${Buffer.from(`${emulator.info.accountSid}:${emulator.info.authToken}`).toString('base64')}` },
      })
    ).json()) as { messages: Array<{ body: string }> };
    const bodies = msgs.messages.map((m) => m.body);
    expect(bodies).toContain('Checking on it now');
    expect(bodies).toContain('Sent while offline');
    expect(readFileSync(await t.desk.screenshot('after-restart')).length).toBeGreaterThan(0);
  });
});
