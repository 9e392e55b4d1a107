import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { conversationNamed, deskPerTest, inboxRow, rest, shown } from './support';

const cacheFiles = (userDataDir: string): string[] => {
  try {
    return readdirSync(join(userDataDir, 'inbox-cache')).filter((f) => f.endsWith('.enc'));
  } catch {
    return [];
  }
};

/** Holds back the page's requests for one chunk until `release()`; `asked` once the page asked for it. */
async function holdChunk(context: BrowserContext, url: RegExp): Promise<{ release: () => void; readonly asked: boolean }> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const hold = { release: () => release(), asked: false };
  await context.route(url, async (route) => {
    hold.asked = true;
    await held;
    await route.continue();
  });
  return hold;
}

describe('warm start', { timeout: 60_000 }, () => {
  // The app gives the snapshot's read 100 ms before it serves the document without it; a busy test
  // process can take longer, and the test that holds the app's code back needs the snapshot painted.
  const t = deskPerTest({ launchSnapshotWaitMs: 5_000 });

  it('reopens on the inbox it last showed, even while the service is down, then brings it up to date', async () => {
    const { page, context, userDataDir, app } = t.desk;
    await inboxRow(page, 'Jack Wilson').waitFor();
    // The whole copy, the first screen's and the launch snapshot, all written once the inbox is live.
    await expect.poll(() => cacheFiles(userDataDir).length, { timeout: 15_000 }).toBe(3);
    // What main keeps on disk is encrypted: no customer name or number in it.
    for (const file of cacheFiles(userDataDir)) {
      const onDisk = readFileSync(join(userDataDir, 'inbox-cache', file)).toString('latin1');
      expect(onDisk).not.toContain('Jack Wilson');
      expect(onDisk).not.toContain('+61491570156');
    }
    await page.close();

    // While the window is closed: one conversation is deleted, a customer writes in another.
    const kevin = await conversationNamed(t.desk, 'Kevin Tran');
    await rest(t.desk).conversations(kevin.sid).remove();
    const jack = await conversationNamed(t.desk, 'Jack Wilson');
    await rest(t.desk).conversations(jack.sid).messages.create({ author: '+61491570156', body: 'Written while you were away' });

    let reopened = page;
    await app.restartEmulator(async () => {
      reopened = await context.newPage();
      await reopened.goto(app.url);
      // The service can't be reached, yet the inbox is there: last time's rows, marked as updating.
      await inboxRow(reopened, 'Kevin Tran').waitFor();
      await inboxRow(reopened, 'Jack Wilson').waitFor();
      await shown(reopened, 'Updating conversations…').waitFor();
      await shown(reopened, /Connecting|Reconnecting|Couldn’t|Not connected/).waitFor();
      await reopened.screenshot({ path: 'tests/.artifacts/warm-start-offline.png' });
    });

    // Connected again: the deleted conversation goes, the new message shows, the copy is replaced.
    await shown(reopened, /Connected as agent@desk\.local/).waitFor({ timeout: 30_000 });
    await shown(reopened, 'Written while you were away').waitFor({ timeout: 20_000 });
    await inboxRow(reopened, 'Kevin Tran').waitFor({ state: 'detached', timeout: 20_000 });
    await shown(reopened, 'Updating conversations…').waitFor({ state: 'detached' });
    await inboxRow(reopened, 'Jack Wilson').click();
    await reopened.getByRole('heading', { name: 'Jack Wilson', level: 2 }).waitFor();
    await shown(reopened, 'Written while you were away').waitFor();
  });

  it('with nothing kept, paints the conversations main read over REST, unread counts included, before the SDK connects; the SDK then takes them over', async () => {
    const { page, context, userDataDir, app } = t.desk;
    await inboxRow(page, 'Jack Wilson').waitFor();
    await expect.poll(() => cacheFiles(userDataDir).length, { timeout: 15_000 }).toBe(3);
    await page.close();
    // Nothing kept: a first launch of this account, as far as the window can tell.
    rmSync(join(userDataDir, 'inbox-cache'), { recursive: true, force: true });

    // The SDK is a chunk of its own: held back, the client can't be created, so it can't connect.
    const sdk = await holdChunk(context, /\/assets\/browser-[^/]+\.js$/);
    const cold = await context.newPage();
    // Released however this test ends, so closing the desk never waits on it.
    cold.once('close', () => sdk.release());
    await cold.goto(app.url);
    // Main's REST page: names and unread counts (Kevin Tran has two messages unread), while the
    // SDK has not even loaded. The row has no preview yet: User Conversations carry no messages.
    const kevin = cold.getByRole('button', { name: /^Kevin Tran, .*2 unread/ });
    await kevin.waitFor();
    await cold.getByRole('button', { name: /^Oliver Hughes, .*1 unread/ }).waitFor();
    // The team feed is a conversation the agent is in, never an inbox row.
    expect(await inboxRow(cold, 'Conversations Desk team feed').count()).toBe(0);
    await expect.poll(() => sdk.asked).toBe(true);
    await shown(cold, 'Updating conversations…').waitFor();
    expect(await shown(cold, /Connected as/).count()).toBe(0);
    await cold.screenshot({ path: 'tests/.artifacts/cold-start-rest.png' });

    // The SDK arrives: connected, each row replaced by the SDK's (its channel from the roster and
    // its last message), the unread count kept, and the copy no longer "updating".
    sdk.release();
    await shown(cold, /Connected as agent@desk\.local/).waitFor({ timeout: 30_000 });
    await cold.getByRole('button', { name: /^Kevin Tran, SMS, 2 unread/ }).waitFor({ timeout: 20_000 });
    await shown(cold, 'Updating conversations…').waitFor({ state: 'detached', timeout: 20_000 });
    await inboxRow(cold, 'Kevin Tran').click();
    await cold.getByRole('heading', { name: 'Kevin Tran', level: 2 }).waitFor();
  });

  it('paints the inbox as it was left before the app has even loaded, and opens a row clicked meanwhile once it has', async () => {
    const { page, context, userDataDir, app } = t.desk;
    await inboxRow(page, 'Jack Wilson').waitFor();
    await expect.poll(() => cacheFiles(userDataDir).length, { timeout: 15_000 }).toBe(3);
    await page.close();

    // The app's code is a chunk of its own: held back, nothing but the page's entry script runs.
    const appChunk = await holdChunk(context, /\/assets\/app-main-[^/]+\.js$/);
    const reopened = await context.newPage();
    reopened.once('close', () => appChunk.release());
    await reopened.goto(app.url);
    // The rows as they were left, connecting, marked as updating: a picture of the window.
    await shown(reopened, 'Jack Wilson').waitFor();
    await shown(reopened, 'Kevin Tran').waitFor();
    await shown(reopened, 'Connecting…').waitFor();
    await shown(reopened, 'Updating conversations…').waitFor();
    await expect.poll(() => appChunk.asked).toBe(true);
    // Nothing of the app is there yet: no row a screen reader or a test could reach by its role.
    expect(await inboxRow(reopened, 'Jack Wilson').count()).toBe(0);
    await reopened.screenshot({ path: 'tests/.artifacts/launch-snapshot.png' });

    // The agent clicks a row before the app has loaded; it opens as soon as the app is up.
    await shown(reopened, 'Jack Wilson').click();
    appChunk.release();
    await reopened.getByRole('heading', { name: 'Jack Wilson', level: 2 }).waitFor({ timeout: 20_000 });
    await shown(reopened, /Connected as agent@desk\.local/).waitFor({ timeout: 30_000 });
    // The picture is gone: the rows on screen are the app's own.
    expect(await reopened.locator('[aria-hidden="true"] .inbox-row').count()).toBe(0);
    await inboxRow(reopened, 'Kevin Tran').click();
    await reopened.getByRole('heading', { name: 'Kevin Tran', level: 2 }).waitFor();
  });
});
