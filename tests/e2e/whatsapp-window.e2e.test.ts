/**
 * WhatsApp's 24-hour window and templates, end to end against the emulator: the window line, a
 * free-form reply refused after the emulator's clock moves 25 hours (receipt 63016, explained,
 * with "Send a template instead"), the template picker's variables, preview and send, and what
 * the customer's phone receives (the rendered text and the quick-reply buttons).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { controlApi } from '../helpers/control-api';
import { ARTIFACTS } from '../helpers/desk-app';
import { composer, deskPerTest, emulatorOf, open, shown } from './support';

const JACK = 'whatsapp:+61491570156';
const AMELIA = 'whatsapp:+447700900456';
const HOUR = 3600;

const picker = (page: Page) => page.getByRole('dialog', { name: 'Send a WhatsApp template' });
const ownRow = (page: Page, text: string) => page.getByRole('article', { name: /^You at / }).filter({ hasText: text });

async function screenshots(desk: { page: Page; screenshot: (n: string) => Promise<string> }, name: string): Promise<void> {
  await desk.screenshot(`${name}-1360x860`);
  await desk.page.setViewportSize({ width: 1024, height: 700 });
  await desk.page.screenshot({ path: `${ARTIFACTS}/${name}-1024x700.png` });
  await desk.page.setViewportSize({ width: 1360, height: 860 });
}

describe('WhatsApp’s 24-hour window', { timeout: 90_000 }, () => {
  const t = deskPerTest();

  it('refuses a free-form reply 25 hours later, explains it, and sends a template with variables and quick replies instead', async () => {
    const { page } = t.desk;
    const api = controlApi(emulatorOf(t.desk).info);
    await open(page, 'Jack Wilson');
    // Jack wrote a few minutes ago: the window is open for almost a day.
    await shown(page, /^Window open, 23 h left$/).waitFor();
    await composer(page).fill('Yes, we ship to Perth ✈');
    await screenshots(t.desk, 'composer-whatsapp-open');
    await composer(page).fill('');

    await api.advanceClock(25 * HOUR);
    await composer(page).fill('Are you still there?');
    await page.keyboard.press('Enter');
    const refused = ownRow(page, 'Are you still there?');
    await refused.getByText(/^Not delivered: Outside WhatsApp’s 24-hour window/).waitFor({ timeout: 15_000 });
    // The reply's own time told the desk the service's clock: the window line and composer follow.
    await shown(page, 'Window closed: send a template').waitFor();
    expect(await composer(page).isDisabled()).toBe(true);
    await picker(page).waitFor();
    await picker(page).getByRole('button', { name: 'Close templates' }).click();
    await refused.getByRole('button', { name: 'Send a template instead' }).click();

    const dialog = picker(page);
    await dialog.getByRole('searchbox', { name: 'Search templates by name' }).fill('order');
    await dialog.getByRole('button', { name: /^order_update/ }).click();
    await dialog.getByRole('textbox', { name: 'Variable {{1}}' }).fill('Jack');
    // One variable left empty: said plainly, nothing sent, nothing lost.
    await dialog.getByRole('button', { name: 'Send template' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Fill in {{2}}: every variable needs a value. Nothing was sent.' }).waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Variable {{1}}' }).inputValue()).toBe('Jack');
    await screenshots(t.desk, 'composer-whatsapp-template-empty-variable');

    await dialog.getByRole('textbox', { name: 'Variable {{2}}' }).fill('A-2002');
    const preview = dialog.getByRole('group', { name: 'Preview' });
    await preview.getByText('Hi Jack, your order A-2002 has shipped and is on its way.').waitFor();
    expect(await preview.getByRole('list', { name: 'Quick replies' }).getByRole('listitem').allTextContents()).toEqual(['Track my order', 'Talk to an agent']);
    await screenshots(t.desk, 'composer-whatsapp-template-preview');
    await dialog.getByRole('button', { name: 'Send template' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The thread keeps the text Twilio rendered (the message body), marked as a template, with its buttons.
    const sent = ownRow(page, 'Hi Jack, your order A-2002 has shipped');
    await sent.getByText('Template', { exact: true }).waitFor();
    await sent.getByRole('list', { name: 'Quick replies' }).waitFor();
    expect(await sent.getByRole('list', { name: 'Quick replies' }).getByRole('listitem').allTextContents()).toEqual(['Track my order', 'Talk to an agent']);
    await sent.getByText(/^(Delivered|Read)$/).waitFor({ timeout: 15_000 });
    // The customer's phone: the rendered text with the quick-reply buttons, not the refused free text.
    const phone = (await api.outbound(JACK)).body.messages as Array<{ body: string | null; buttons?: Array<{ title: string }> }>;
    expect(phone.map((m) => m.body)).not.toContain('Are you still there?');
    const last = phone.at(-1);
    expect(last?.body).toBe('Hi Jack, your order A-2002 has shipped and is on its way.');
    expect(last?.buttons?.map((b) => b.title)).toEqual(['Track my order', 'Talk to an agent']);
    await screenshots(t.desk, 'composer-whatsapp-template-sent');
  });

  it('outside the window takes templates only, and an unapproved one is held back with the reason', async () => {
    const { page } = t.desk;
    await open(page, 'Amelia Clarke');
    // Amelia last wrote two days ago.
    await shown(page, 'Window closed: send a template').waitFor();
    expect(await composer(page).isDisabled()).toBe(true);
    const dialog = picker(page);
    await dialog.waitFor();
    await screenshots(t.desk, 'composer-whatsapp-closed');
    // survey_draft was never submitted to WhatsApp, holiday_promo was rejected: neither can reach her now.
    await dialog.getByRole('button', { name: /^survey_draft/ }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Can’t be sent now: Not submitted to WhatsApp. Outside the 24-hour window WhatsApp only delivers approved templates.' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Send template' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: /^holiday_promo/ }).click();
    await dialog.getByRole('alert').filter({ hasText: /^Can’t be sent now: Rejected by WhatsApp\..*WhatsApp’s reason: / }).waitFor();
    await screenshots(t.desk, 'composer-whatsapp-unapproved-held');
    // An approved one goes, and reaches her phone.
    await dialog.getByRole('button', { name: /^we_are_back/ }).click();
    await dialog.getByRole('textbox', { name: 'Variable {{1}}' }).fill('Amelia');
    await dialog.getByRole('button', { name: 'Send template' }).click();
    await ownRow(page, 'Hi Amelia, we\'re back online').getByText(/^(Delivered|Read)$/).waitFor({ timeout: 15_000 });
    const phone = (await controlApi(emulatorOf(t.desk).info).outbound(AMELIA)).body.messages.map((m) => m.body);
    expect(phone.at(-1)).toBe("Hi Amelia, we're back online and happy to help. Reply to this message to pick up where we left off.");
    expect(phone.join('\n')).not.toContain('20% off');
  });
});
