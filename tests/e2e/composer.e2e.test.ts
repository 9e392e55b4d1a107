import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PageDom } from './page-dom';
import { composer, conversationNamed, deskPerTest, open, PNG_1PX, rest, shown } from './support';

/** A DataTransfer holding one file, built in the page as the browser would for a drop or paste. */
async function dataTransferWith(page: Page, file: { name: string; type: string; base64: string }) {
  return page.evaluateHandle(({ name, type, base64 }) => {
    const dom = globalThis as unknown as PageDom;
    const bytes = Uint8Array.from(dom.atob(base64), (c) => c.charCodeAt(0));
    const dt = new dom.DataTransfer();
    dt.items.add(new dom.File([bytes], name, { type }));
    return dt;
  }, file);
}

describe('the composer', { timeout: 30_000 }, () => {
  const t = deskPerTest();

  it('keeps a multiline draft per conversation across switches and a restart', async () => {
    const { page } = t.desk;
    await open(page, 'Kevin Tran');
    await composer(page).fill('Draft for Kevin');
    await open(page, 'Jack Wilson');
    await composer(page).click();
    await page.keyboard.type('We ship to Perth.');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Fees are included.');
    expect(await composer(page).inputValue()).toBe('We ship to Perth.\nFees are included.');
    await open(page, 'Kevin Tran');
    expect(await composer(page).inputValue()).toBe('Draft for Kevin');

    await page.reload();
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 15_000 });
    await open(page, 'Jack Wilson');
    expect(await composer(page).inputValue()).toBe('We ship to Perth.\nFees are included.');
    // Enter sends the whole draft, line break included, and clears it.
    await composer(page).press('Enter');
    await page.getByRole('article', { name: /^You at / }).filter({ hasText: 'Fees are included.' }).waitFor();
    expect(await composer(page).inputValue()).toBe('');
    const jack = await conversationNamed(t.desk, 'Jack Wilson');
    const bodies = (await rest(t.desk).conversations(jack.sid).messages.list()).map((m) => m.body);
    expect(bodies).toContain('We ship to Perth.\nFees are included.');
  });

  it('attaches a pasted image with a preview and sends it', async () => {
    const { page } = t.desk;
    await open(page, 'Hannah Kim');
    const pasted = await dataTransferWith(page, { name: 'points.png', type: 'image/png', base64: PNG_1PX.toString('base64') });
    await composer(page).evaluate((el, dt) => {
      const dom = globalThis as unknown as PageDom;
      el.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, pasted);
    await page.getByRole('img', { name: 'Preview of points.png' }).waitFor();
    await composer(page).fill('Screenshot of your points');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('img[alt="points.png"]').first().waitFor({ timeout: 10_000 });
    expect(await page.getByRole('img', { name: 'Preview of points.png' }).count()).toBe(0);
  });

  it('attaches a dropped file', async () => {
    const { page } = t.desk;
    await open(page, 'Noah Patel');
    const dropped = await dataTransferWith(page, { name: 'x200-spec.pdf', type: 'application/pdf', base64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') });
    await page.dispatchEvent('.thread-body', 'dragover', { dataTransfer: dropped });
    await shown(page, 'Drop files to attach').waitFor();
    await page.dispatchEvent('.thread-body', 'drop', { dataTransfer: dropped });
    await page.getByRole('list', { name: 'Attachments' }).getByText('x200-spec.pdf').waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('link', { name: 'x200-spec.pdf' }).waitFor({ timeout: 10_000 });
  });

  it('refuses a 6 MB file for SMS before uploading anything, and keeps the text', async () => {
    const { page } = t.desk;
    await open(page, 'Kevin Tran');
    await composer(page).fill('Here is the invoice');
    await page.getByLabel('Choose files to attach').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
    await shown(page, '“invoice.pdf” is 6 MB; SMS/MMS allows up to 5 MB per file').waitFor();
    const send = page.getByRole('button', { name: 'Send', exact: true });
    expect(await send.isDisabled()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await composer(page).inputValue()).toBe('Here is the invoice');

    await page.getByRole('button', { name: 'Remove invoice.pdf' }).click();
    await send.click();
    await page.getByRole('article', { name: /^You at / }).filter({ hasText: 'Here is the invoice' }).waitFor();
    const kevin = await conversationNamed(t.desk, 'Kevin Tran');
    const sent = (await rest(t.desk).conversations(kevin.sid).messages.list()).filter((m) => m.body === 'Here is the invoice');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.media ?? []).toHaveLength(0);
  });

  it('queues a photo sent while offline, with its attachment, and delivers it by itself once', async () => {
    const { page } = t.desk;
    await open(page, 'Noah Patel');
    await t.desk.app.restartEmulator(async () => {
      await shown(page, /Reconnecting|Connecting/).waitFor();
      await page.getByLabel('Choose files to attach').setInputFiles({ name: 'dock.png', mimeType: 'image/png', buffer: PNG_1PX });
      await composer(page).fill('Photo of the dock ports');
      await page.keyboard.press('Enter');
      // It cannot reach the service: it waits in the outbox, attachment and all.
      await page.getByRole('article', { name: 'Message queued' }).filter({ hasText: 'dock.png' }).waitFor();
    });
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 20_000 });
    await page.locator('img[alt="dock.png"]').first().waitFor({ timeout: 15_000 });
    await page.getByRole('article', { name: 'Message queued' }).waitFor({ state: 'detached' });
    const noah = await conversationNamed(t.desk, 'Noah Patel');
    const sent = (await rest(t.desk).conversations(noah.sid).messages.list()).filter((m) => m.body === 'Photo of the dock ports');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.media ?? []).toHaveLength(1);
  });
});
