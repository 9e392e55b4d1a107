/**
 * The customer profile panel against main's real customer service and the emulator: one person
 * across SMS and WhatsApp, kept in Twilio (the customer's participants' attributes), replying on
 * another channel, and bad input that is explained and loses nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { controlApi } from '../helpers/control-api';
import { composer, conversationNamed, deskPerTest, emulatorOf, open, rest, shown } from './support';

const PRIYA = '+14155550142';
const PRIYA_WA = `whatsapp:${PRIYA}`;
const WA_SENDER = 'whatsapp:+14155238886';
const JACK = '+61491570156';

const profile = (page: Page) => page.getByRole('region', { name: 'Customer profile' });
const conversationsList = (page: Page) => profile(page).getByRole('list', { name: 'Conversations with this customer' });

/** Priya writes in on WhatsApp too: a second conversation (the demo's auto-join adds the agent). */
async function priyaOnWhatsApp(page: Page, desk: Parameters<typeof emulatorOf>[0]): Promise<string> {
  const reply = await controlApi(emulatorOf(desk).info).inbound({ From: PRIYA_WA, To: WA_SENDER, Body: 'Hi, it’s Priya again, on WhatsApp now' });
  expect(reply.body.created).toBe(true);
  await shown(page, 'Hi, it’s Priya again, on WhatsApp now').waitFor({ timeout: 15_000 });
  return reply.body.conversation_sid;
}

describe('customer profile', { timeout: 90_000 }, () => {
  const t = deskPerTest({ teamRefreshMs: 600_000 });

  it('links a customer’s SMS and WhatsApp conversations in one profile, seen from both sides, and unlinks', async () => {
    const { page } = t.desk;
    const whatsappSid = await priyaOnWhatsApp(page, t.desk);
    await open(page, 'Priya Shah');
    const panel = profile(page);
    await panel.getByRole('heading', { name: 'Priya Shah', level: 3 }).waitFor();
    await expect.poll(() => conversationsList(page).getByRole('listitem').count()).toBe(1);

    await panel.getByRole('button', { name: 'Same person on another number…' }).click();
    const link = panel.getByRole('form', { name: 'Link another number' });
    // Offered: the same number on the other channel.
    expect(await link.getByRole('combobox', { name: 'Channel' }).inputValue()).toBe('whatsapp');
    expect(await link.getByRole('textbox', { name: 'Number' }).inputValue()).toBe(PRIYA);
    await link.getByRole('button', { name: 'Link' }).click();

    const numbers = panel.getByRole('list', { name: 'Numbers' });
    await numbers.getByRole('button', { name: 'Unlink +1 415 555 0142 (WhatsApp)' }).waitFor();
    await expect.poll(() => conversationsList(page).getByRole('listitem').count()).toBe(2);
    await conversationsList(page).getByRole('button', { name: /^Priya Shah · SMS · .* · this one$/ }).waitFor();
    // Stored in Twilio, on the participants of both addresses.
    const smsSid = (await conversationNamed(t.desk, 'Priya Shah')).sid;
    for (const sid of [smsSid, whatsappSid]) {
      const roster = await rest(t.desk).conversations(sid).participants.list();
      const customer = roster.find((p) => p.identity === null);
      expect(JSON.parse(customer?.attributes ?? '{}')).toMatchObject({ name: 'Priya Shah', profile: { addresses: [PRIYA, PRIYA_WA] } });
    }
    for (const size of [
      { width: 1360, height: 860, name: 'wide' },
      { width: 1024, height: 700, name: 'narrow' },
    ]) {
      await page.setViewportSize(size);
      if (size.name === 'narrow') await page.getByRole('button', { name: /^Participants/ }).first().click();
      await profile(page).getByRole('button', { name: 'Unlink +1 415 555 0142 (WhatsApp)' }).waitFor();
      await t.desk.screenshot(`${size.name}-customer-profile-linked`);
    }
    await page.setViewportSize({ width: 1360, height: 860 });

    // The WhatsApp conversation, opened from the profile, knows the same person by name.
    await conversationsList(page).getByRole('button', { name: /^Priya Shah · WhatsApp · / }).click();
    await shown(page, 'Hi, it’s Priya again, on WhatsApp now').waitFor();
    await panel.getByRole('heading', { name: 'Priya Shah', level: 3 }).waitFor();
    await panel.getByRole('list', { name: 'Numbers' }).getByRole('button', { name: 'Unlink +1 415 555 0142 (SMS)' }).waitFor();
    await expect.poll(() => conversationsList(page).getByRole('listitem').count()).toBe(2);

    await panel.getByRole('button', { name: 'Unlink +1 415 555 0142 (SMS)' }).click();
    await expect.poll(() => conversationsList(page).getByRole('listitem').count()).toBe(1);
    expect(await panel.getByRole('button', { name: /^Unlink/ }).count()).toBe(0);
  });

  it('replies on another channel: an SMS conversation with a WhatsApp customer, from the account’s number', async () => {
    const { page } = t.desk;
    await open(page, 'Jack Wilson');
    const start = profile(page).getByRole('form', { name: 'Reply on another channel' });
    expect(await start.getByRole('combobox', { name: 'Channel' }).inputValue()).toBe('sms');
    // The account's SMS numbers, from the classic API's IncomingPhoneNumbers.
    await start.getByRole('combobox', { name: 'From' }).getByRole('option', { name: '+1 500 555 0006' }).waitFor({ state: 'attached' });
    await start.getByText('To +61 491 570 156').waitFor();
    await start.getByRole('button', { name: 'Start SMS conversation' }).click();

    // The new conversation opens as the live thread, named for the customer, with both listed.
    const text = composer(page);
    await text.waitFor({ timeout: 15_000 });
    await expect.poll(() => conversationsList(page).getByRole('listitem').count(), { timeout: 10_000 }).toBe(2);
    await conversationsList(page).getByRole('button', { name: /^Jack Wilson · SMS · .* · this one$/ }).waitFor();
    await profile(page).getByRole('list', { name: 'Numbers' }).getByRole('button', { name: 'Unlink +61 491 570 156 (WhatsApp)' }).waitFor();
    await profile(page).getByRole('form', { name: 'Reply on another channel' }).scrollIntoViewIfNeeded();
    await t.desk.screenshot('wide-customer-profile-reply-elsewhere');
    await text.fill('Hi Jack, following up by text message');
    await text.press('Enter');
    await expect
      .poll(async () => (await controlApi(emulatorOf(t.desk).info).outbound(JACK)).body.messages.map((m) => [m.from, m.body]), { timeout: 10_000 })
      .toContainEqual(['+15005550006', 'Hi Jack, following up by text message']);
  });

  it('explains a malformed email and notes over Twilio’s 4 KB, and keeps what was typed', async () => {
    const { page } = t.desk;
    await open(page, 'Priya Shah');
    const form = profile(page).getByRole('form', { name: 'Customer details' });
    const email = form.getByRole('textbox', { name: 'Email' });
    const notes = form.getByRole('textbox', { name: 'Notes' });
    await email.fill('priya@');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByRole('alert').filter({ hasText: 'Enter an email address like name@example.com' }).waitFor();
    expect(await email.inputValue()).toBe('priya@');

    await email.fill('priya@example.com');
    const long = `Prefers WhatsApp. ${'Long history of orders. '.repeat(180)}`;
    await notes.fill(long);
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByRole('alert').filter({ hasText: /The profile is too large: Twilio keeps at most 4096 bytes per participant/ }).waitFor();
    expect(await notes.inputValue()).toBe(long);
    expect(await email.inputValue()).toBe('priya@example.com');
    await t.desk.screenshot('wide-customer-profile-too-large');

    await notes.fill('Prefers WhatsApp.');
    await form.getByRole('textbox', { name: 'Company' }).fill('Shah Design');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved for everyone' }).waitFor();
    const sid = (await conversationNamed(t.desk, 'Priya Shah')).sid;
    const customer = (await rest(t.desk).conversations(sid).participants.list()).find((p) => p.identity === null);
    expect(JSON.parse(customer?.attributes ?? '{}')).toMatchObject({
      profile: { email: 'priya@example.com', company: 'Shah Design', notes: 'Prefers WhatsApp.', updatedBy: 'agent@desk.local' },
    });
  });
});
