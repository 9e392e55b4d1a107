/**
 * Twilio answers 429 when too many REST requests are in flight. Here the emulator allows two at a
 * time, each held 150 ms, and the agent presses "Assign to me" on four conversations in a row:
 * main's REST client backs off and retries (full jitter, governor halved), so every assignment
 * lands and the agent sees no error; Settings' API health line tells the 429s happened.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AGENT, conversationNamed, deskPerTest } from './support';

const NAMES = ['Jack Wilson', 'Noah Patel', 'Kevin Tran', 'Oliver Hughes'];

const tabCount = async (page: Page, view: string): Promise<number> => {
  const label = (await page.getByRole('navigation', { name: 'Inbox' }).getByRole('tab', { name: new RegExp(`^${view} \\(`) }).getAttribute('aria-label')) ?? '';
  return Number(/\((\d+)\)$/.exec(label)?.[1] ?? NaN);
};

describe('assignment under Twilio’s 429s', { timeout: 90_000 }, () => {
  const t = deskPerTest({ emulatorLimits: { maxConcurrentRequests: 2, restLatencyMs: 150 } });

  it('assigns every conversation pressed, quietly retried, and counts the 429s in API health', async () => {
    const { page } = t.desk;
    const actions = page.getByRole('group', { name: 'Conversation actions' });
    for (const name of NAMES) {
      await page.getByRole('button', { name: new RegExp(`^${name},`) }).click();
      await page.getByRole('heading', { name, level: 2 }).waitFor();
      // Not waiting for the answer: the next press goes while this one is still with Twilio.
      await actions.getByRole('button', { name: 'Assign to me' }).click();
    }
    await expect.poll(() => tabCount(page, 'Mine'), { timeout: 40_000 }).toBe(NAMES.length);
    await page.getByRole('tab', { name: /^Mine/ }).click();
    for (const name of NAMES) await page.getByRole('button', { name: new RegExp(`^${name}, .*Assigned to You`) }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // In Twilio too (the test's own REST calls may meet a 429 as well: the poll tries again).
    const assignee = async (name: string) => (JSON.parse((await conversationNamed(t.desk, name)).attributes || '{}') as { desk?: { assignee?: string } }).desk?.assignee;
    for (const name of NAMES) await expect.poll(() => assignee(name), { timeout: 10_000 }).toBe(AGENT);

    await page.keyboard.press('Control+,');
    const health = page.getByRole('dialog', { name: 'Settings' }).getByRole('group', { name: 'API health' });
    const line = health.getByText(/slowed down \(429\) in the last hour/);
    await line.waitFor();
    const throttled = Number(/([\d,]+) slowed down \(429\)/.exec((await line.textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
    expect(throttled).toBeGreaterThan(0);
    // Nothing went wrong that the agent should hear about (an agent already in is how assign learns it, not a problem).
    expect(await health.getByText(/^Last problem/).count()).toBe(0);
    await health.scrollIntoViewIfNeeded();
    await t.desk.screenshot('wide-api-health-429');
  });
});
