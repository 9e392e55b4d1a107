/**
 * The conversation actions and keyboard shortcuts as an agent meets them in Chromium: the
 * header's actions, the snooze picker, resolve with undo (undone, so nothing reaches main), the
 * assignee read from the conversation's attributes, and the `?` overlay. Assigning through main
 * is tested with main's team service (another part).
 */
import { describe, expect, it } from 'vitest';
import { AGENT_TWO, conversationNamed, deskPerTest, rest, shown } from './support';

describe('conversation actions and shortcuts', { timeout: 60_000 }, () => {
  const t = deskPerTest();

  it('shows the actions in the header, snoozes from the keyboard’s picker, and lists every shortcut on ?', async () => {
    const { page } = t.desk;
    await page.getByRole('button', { name: /^Jack Wilson,/ }).click();
    await shown(page, "G'day, do you ship to Australia?").waitFor();
    const actions = page.getByRole('group', { name: 'Conversation actions' });
    await actions.getByRole('button', { name: 'Unassigned: assign' }).waitFor();
    await actions.getByRole('button', { name: 'Assign to me' }).waitFor();
    await t.desk.screenshot('team-header-1360');

    // Focus out of the composer (single keys are ignored while typing), then h.
    await page.getByRole('main', { name: 'Conversation' }).getByRole('heading', { name: 'Jack Wilson' }).click();
    await page.keyboard.press('h');
    const picker = page.getByRole('dialog', { name: 'Snooze until' });
    await picker.getByRole('button', { name: /^In 1 hour/ }).waitFor();
    expect(await picker.getByRole('button', { name: /^Tomorrow/ }).textContent()).toMatch(/tomorrow at 9:00/);
    await t.desk.screenshot('team-snooze-1360');
    await page.keyboard.press('Escape');
    await expect.poll(() => picker.count()).toBe(0);

    await page.keyboard.press('?');
    const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const label of ['Assign to me', 'Resolve', 'Snooze…', 'Next unread conversation', 'Next conversation in the list', 'Back to the list', 'Go to conversation']) {
      await overlay.getByText(label, { exact: true }).waitFor();
    }
    await t.desk.screenshot('team-shortcuts-1360');
    await page.keyboard.press('Escape');

    await page.setViewportSize({ width: 1024, height: 700 });
    await actions.getByRole('button', { name: 'Resolve' }).waitFor();
    await t.desk.screenshot('team-header-1024');
    await actions.getByRole('button', { name: 'Snooze' }).click();
    await picker.getByRole('button', { name: /^Next Monday/ }).waitFor();
    await t.desk.screenshot('team-snooze-1024');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await overlay.waitFor();
    await t.desk.screenshot('team-shortcuts-1024');
  });

  it('resolve takes the conversation out of the inbox at once; Undo brings it back', async () => {
    const { page } = t.desk;
    await page.getByRole('button', { name: /^Jack Wilson,/ }).click();
    await page.getByRole('group', { name: 'Conversation actions' }).getByRole('button', { name: 'Resolve' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Resolved “Jack Wilson”' });
    await toast.waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^Jack Wilson,/ }).count()).toBe(0);
    await t.desk.screenshot('team-undo-toast');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: /^Jack Wilson,/ }).waitFor();
    await page.getByRole('main', { name: 'Conversation' }).getByRole('heading', { name: 'Jack Wilson' }).waitFor();
  });

  it('shows who has the conversation from its attributes, live', async () => {
    const { page } = t.desk;
    await page.getByRole('button', { name: /^Jack Wilson,/ }).click();
    const actions = page.getByRole('group', { name: 'Conversation actions' });
    await actions.getByRole('button', { name: 'Unassigned: assign' }).waitFor();
    const jack = await conversationNamed(t.desk, 'Jack Wilson');
    await rest(t.desk)
      .conversations(jack.sid)
      .update({ attributes: JSON.stringify({ ...JSON.parse(jack.attributes || '{}'), desk: { assignee: AGENT_TWO, assignedAt: new Date().toISOString() } }) });
    await actions.getByRole('button', { name: /^Assigned to .+: transfer$/ }).waitFor();
    expect(await actions.getByRole('button', { name: /^Assigned to/ }).textContent()).toMatch(/Lee|lee@desk\.local/);
    await t.desk.screenshot('team-assigned');
  });
});
