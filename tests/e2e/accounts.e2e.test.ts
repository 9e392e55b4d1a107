import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PageDom } from './page-dom';
import { AGENT_TWO, deskPerTest, emulatorOf, inboxRow, shown } from './support';

interface ProfileFields {
  name: string;
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  serviceSid: string;
  identity: string;
}

async function fillProfile(page: Page, form: string, v: Partial<ProfileFields>): Promise<void> {
  const f = page.getByRole('form', { name: form });
  const labels: Record<keyof ProfileFields, string> = {
    name: 'Profile name',
    accountSid: 'Account SID',
    apiKeySid: 'API Key SID',
    apiKeySecret: 'API Key Secret',
    serviceSid: 'Conversations Service SID',
    identity: 'Your identity',
  };
  for (const [key, value] of Object.entries(v) as Array<[keyof ProfileFields, string]>) await f.getByLabel(labels[key], { exact: true }).fill(value);
}

/** Everything the page shows or holds in a field. */
const pageText = (page: Page) =>
  page.evaluate(() => {
    const { document } = globalThis as unknown as PageDom;
    return `${document.body.innerText}\n${[...document.querySelectorAll('input, textarea')].map((el) => el.value ?? '').join('\n')}`;
  });

describe('accounts', { timeout: 30_000 }, () => {
  const t = deskPerTest();

  it('adds, tests, edits, switches to and removes a Twilio profile without ever showing its secret again', async () => {
    const { page } = t.desk;
    const info = emulatorOf(t.desk).info;
    await page.getByRole('button', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await fillProfile(page, 'Add profile', { name: 'Acme support', accountSid: 'AC123', apiKeySid: info.apiKeySid, apiKeySecret: info.apiKeySecret, serviceSid: info.serviceSid, identity: AGENT_TWO });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await shown(page, 'Account SID must be "AC" followed by 32 hexadecimal characters').waitFor();
    expect(await page.getByLabel('Account SID', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await t.desk.screenshot('accounts-invalid');

    await fillProfile(page, 'Add profile', { accountSid: info.accountSid });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await shown(page, `Connected to Twilio as "${AGENT_TWO}": the profile works.`).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'Acme support' });
    await row.waitFor();
    await row.getByText(/••••/).waitFor();
    expect(await pageText(page)).not.toContain(info.apiKeySecret);
    expect(readFileSync(join(t.desk.userDataDir, 'profiles.json'), 'utf8')).not.toContain(info.apiKeySecret);
    await t.desk.screenshot('accounts');

    // Editing keeps the stored secret unless a new one is typed; the field starts empty.
    await page.getByRole('button', { name: 'Edit Acme support' }).click();
    const secret = page.getByLabel('API Key Secret', { exact: true });
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('type')).toBe('password');
    expect(await secret.getAttribute('placeholder')).toMatch(/^Stored \(•+.{4}\); leave blank to keep$/);
    await fillProfile(page, 'Edit Acme support', { name: 'Acme staging' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Acme staging' }).waitFor();

    // Switching stops the Local workspace's client and connects as the profile's identity.
    await page.getByRole('button', { name: 'Switch to Acme staging' }).click();
    await shown(page, `Connected as ${AGENT_TWO}`).waitFor({ timeout: 15_000 });
    await inboxRow(page, 'Alicia Romero').waitFor();
    expect(await inboxRow(page, 'Jack Wilson').count()).toBe(0);
    // The simulator is the Local workspace's: a Twilio profile's Team tools menu has no such item.
    await page.getByRole('button', { name: 'Team tools', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Campaigns' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Simulate customer' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'Switch to Local workspace' }).click();
    await shown(page, /Connected as agent@desk\.local.*Local workspace/).waitFor({ timeout: 15_000 });
    await inboxRow(page, 'Jack Wilson').waitFor();

    await page.getByRole('button', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'Remove Acme staging' }).click();
    await page.getByRole('alertdialog', { name: 'Remove account' }).getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: 'Acme staging' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('listitem').count()).toBe(1);
  });

  it('says why a connection fails and offers a way out when the service refuses the profile', async () => {
    const { page } = t.desk;
    const info = emulatorOf(t.desk).info;
    const wrongSecret = 'x'.repeat(32);
    await page.getByRole('button', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await fillProfile(page, 'Add profile', { name: 'Wrong key', accountSid: info.accountSid, apiKeySid: info.apiKeySid, apiKeySecret: wrongSecret, serviceSid: info.serviceSid, identity: AGENT_TWO });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await shown(page, /^Twilio refused the credentials/).waitFor({ timeout: 15_000 });
    // A failed test is not saved silently: the agent is told why and may go back to fix it.
    await page.getByRole('button', { name: 'Save' }).click();
    const warning = page.getByRole('alertdialog', { name: 'Save without a working connection?' });
    await warning.getByText(/^The connection test failed: Twilio refused the credentials/).waitFor();
    await t.desk.screenshot('profile-save-warning');
    await warning.getByRole('button', { name: 'Back' }).click();
    await warning.waitFor({ state: 'detached' });
    expect(await page.getByRole('form', { name: 'Add profile' }).getByLabel('Profile name', { exact: true }).inputValue()).toBe('Wrong key');
    await page.getByRole('button', { name: 'Save' }).click();
    await warning.getByRole('button', { name: 'Save anyway' }).click();
    await page.getByRole('button', { name: 'Switch to Wrong key' }).click();

    const banner = page.getByRole('status').filter({ hasText: /Access denied|Connection problem/ });
    await banner.waitFor({ timeout: 15_000 });
    await banner.getByRole('button', { name: 'Retry' }).waitFor();
    await t.desk.screenshot('connection-denied');
    await banner.getByRole('button', { name: 'Open accounts' }).click();
    await page.getByRole('button', { name: 'Switch to Local workspace' }).click();
    await shown(page, /Connected as agent@desk\.local/).waitFor({ timeout: 15_000 });
  });
});
