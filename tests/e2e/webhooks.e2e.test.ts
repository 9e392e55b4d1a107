/**
 * Webhook settings as a team lead uses them: the service's post-event URL, method and events
 * edited on screen and read back over REST with twilio-node; a test event that a local server
 * receives and verifies with twilio's validateRequest; the Local workspace's deliveries.
 */
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startWebhookReceiver } from '../helpers/webhook-receiver';
import { deskPerTest, emulatorOf, rest, shown } from './support';

const openWebhooks = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: 'Team tools' }).click();
  await page.getByRole('menuitem', { name: 'Webhooks' }).click();
  await page.getByRole('heading', { name: 'Post-event webhook' }).waitFor();
};

describe('webhook settings', () => {
  const ctx = deskPerTest();
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('saves the URL, method and events to Twilio, sends a signed test event and lists real deliveries', async () => {
    const { page } = ctx.desk;
    const info = emulatorOf(ctx.desk).info;
    await openWebhooks(page);
    await shown(page, 'No webhook deliveries yet.').waitFor();

    const url = page.getByRole('textbox', { name: 'Post-event URL' });
    // A URL that is not one is refused on screen, before anything is sent.
    await url.fill('not a url');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await shown(page, 'Enter a full http:// or https:// URL.').waitFor();

    const hookUrl = receiver.url('/twilio/conversations?desk=1');
    await url.fill(hookUrl);
    // A URL with no event would receive nothing.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await shown(page, 'Pick at least one event: a URL with none receives nothing.').waitFor();
    await page.getByRole('checkbox', { name: /onConversationAdded/ }).check();
    await page.getByRole('checkbox', { name: /onMessageAdded/ }).check();
    await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await shown(page, 'Webhook settings saved.').waitFor();

    const config = await rest(ctx.desk).configuration.webhooks().fetch();
    expect(config.postWebhookUrl).toBe(hookUrl);
    expect(config.method).toBe('POST');
    expect([...config.filters].sort()).toEqual(['onConversationAdded', 'onMessageAdded']);

    await page.getByRole('button', { name: 'Send a test event' }).click();
    const sample = await receiver.next((w) => w.params.Body === 'Test event from Conversations Desk');
    expect(sample.method).toBe('POST');
    expect(sample.params).toMatchObject({ EventType: 'onMessageAdded', AccountSid: info.accountSid, ChatServiceSid: info.serviceSid, RetryCount: '0' });
    expect(twilio.validateRequest(info.authToken, String(sample.headers['x-twilio-signature']), sample.url, sample.params)).toBe(true);
    // …and a signature over something else would not validate: the check above can fail.
    expect(twilio.validateRequest(info.authToken, String(sample.headers['x-twilio-signature']), sample.url, { ...sample.params, Body: 'x' })).toBe(false);
    await shown(page, /^Answered 200 in \d+ ms\.$/).waitFor();

    // A real event from the emulator, then the deliveries list shows it.
    const made = await rest(ctx.desk).conversations.create({ friendlyName: 'Hooked from REST', xTwilioWebhookEnabled: 'true' });
    await receiver.next((w) => w.params.EventType === 'onConversationAdded' && w.params.ConversationSid === made.sid);
    const row = page.getByRole('row', { name: /onConversationAdded/ });
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return (await row.count()) > 0 && /Delivered \(200\)/.test(await row.first().innerText());
      })
      .toBe(true);
    expect(await row.first().innerText()).toContain(hookUrl);

    await page.setViewportSize({ width: 1024, height: 700 });
    await ctx.desk.screenshot('webhooks-1024x700');
    await page.setViewportSize({ width: 1360, height: 860 });
    await ctx.desk.screenshot('webhooks-1360x860');
  });

  it('says plainly when the URL refuses the connection', async () => {
    const { page } = ctx.desk;
    await openWebhooks(page);
    const closed = receiver.url('/gone');
    await receiver.close();
    await page.getByRole('textbox', { name: 'Post-event URL' }).fill(closed);
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await shown(page, new RegExp(`^127\\.0\\.0\\.1:\\d+ refused the connection\\.$`)).waitFor();
    receiver = await startWebhookReceiver();
  });
});
