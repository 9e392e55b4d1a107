/**
 * The customer profile panel, opened: a customer with five conversations over two addresses (SMS
 * and WhatsApp, linked as one person; open and resolved), on the demo workspace. Timed from the
 * click on the customer's inbox row to the first frame in which the panel lists all five
 * conversations (main reads Participant Conversations by each address and the profile from the
 * participants' attributes over REST, against the emulator).
 */
import type { Browser } from 'playwright-core';
import { controlApi } from '../helpers/control-api';
import { restClient } from '../helpers/twilio-rest';
import { openDesk } from './desk-bench';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any;
declare const requestAnimationFrame: (cb: (t: number) => void) => number;
/* eslint-enable @typescript-eslint/no-explicit-any */

const PRIYA = '+14155550142';
const PRIYA_WA = `whatsapp:${PRIYA}`;
export const PROFILE_CONVERSATIONS = 5;

export async function profilePanelOpen(browser: Browser, samples = 8): Promise<number[]> {
  const desk = await openDesk(browser, {});
  try {
    const { page, app } = desk;
    await page.waitForFunction(() => (globalThis as { deskStore?: { getState(): { connection: { status: string } } } }).deskStore?.getState().connection.status === 'connected', undefined, {
      polling: 100,
      timeout: 60_000,
    });
    const info = app.emulator()?.info;
    if (!info) throw new Error('no emulator');
    const svc = restClient(info).client.conversations.v1.services(info.serviceSid);
    // Priya's seeded SMS conversation (open), two resolved SMS ones, a WhatsApp one she starts, a resolved WhatsApp one.
    const seeded = (await svc.conversations.list({ pageSize: 100 })).find((c) => c.friendlyName === 'Priya Shah');
    if (!seeded) throw new Error('no Priya Shah in the demo workspace');
    for (const [address, proxy, name] of [
      [PRIYA, '+15005550010', 'Priya Shah · March'],
      [PRIYA, '+15005550011', 'Priya Shah · April'],
      [PRIYA_WA, 'whatsapp:+14155238887', 'Priya Shah · May'],
    ] as const) {
      const c = await svc.conversations.create({ friendlyName: name });
      await svc.conversations(c.sid).participants.create({ 'messagingBinding.address': address, 'messagingBinding.proxyAddress': proxy });
      await svc.conversations(c.sid).update({ state: 'closed' });
    }
    await controlApi(info).inbound({ From: PRIYA_WA, To: 'whatsapp:+14155238886', Body: 'Hello from WhatsApp' });
    const linked = await app.services.handlers['customer:link']({ address: PRIYA, other: PRIYA_WA });
    if (linked.conversations.length !== PROFILE_CONVERSATIONS) throw new Error(`expected ${PROFILE_CONVERSATIONS} conversations, main lists ${linked.conversations.length}`);

    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await page.evaluate(() => {
      const w = window as { __click: number };
      document.addEventListener('click', (e: { timeStamp: number }) => (w.__click = performance.timeOrigin + e.timeStamp), { capture: true });
    });
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      // Away first (another customer), so the panel is made again for Priya.
      await search.fill('Jack Wilson');
      await page.locator('[data-inbox-sid]').filter({ hasText: 'Jack Wilson' }).first().click();
      await page.getByRole('region', { name: 'Customer profile' }).getByRole('heading', { name: 'Jack Wilson' }).waitFor();
      await search.fill('Priya');
      const row = page.locator(`[data-inbox-sid="${seeded.sid}"]`);
      await row.waitFor();
      await page.evaluate((want: number) => {
        const w = window as { __seen: number | null };
        w.__seen = null;
        const check = () => {
          const list = document.querySelector('ul[aria-label="Conversations with this customer"]');
          if (list && list.querySelectorAll('li').length === want) w.__seen = performance.timeOrigin + performance.now();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }, PROFILE_CONVERSATIONS);
      await row.click();
      const h = await page.waitForFunction(() => ((window as { __seen: number | null }).__seen !== null ? String((window as { __seen: number }).__seen) : false), undefined, {
        polling: 20,
        timeout: 15_000,
      });
      const clicked = await page.evaluate(() => (window as { __click: number }).__click);
      times.push(Number(await h.jsonValue()) - clicked);
    }
    return times;
  } finally {
    await desk.close();
  }
}
