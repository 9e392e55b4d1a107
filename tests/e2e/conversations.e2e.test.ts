import { describe, expect, it } from 'vitest';
import { addParticipant, AGENT, composer, conversationNamed, deskPerTest, inboxRow, open, rest, shown } from './support';

describe('conversations and participants', { timeout: 30_000 }, () => {
  const t = deskPerTest();

  it('creates a conversation with a first SMS participant, explaining a bad number first', async () => {
    const { page } = t.desk;
    await page.getByRole('button', { name: 'New conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByLabel('Name').fill('Mia Lopez');
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption('sms');
    await dialog.getByLabel('Phone number').fill('0412 555');
    await t.desk.screenshot('new-conversation');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText(/“0412 555” is not a valid phone number/).waitFor();

    await dialog.getByLabel('Phone number').fill('+14155550188');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Mia Lopez', level: 2 }).waitFor();
    await inboxRow(page, 'Mia Lopez').waitFor();
    const panel = page.getByRole('complementary', { name: 'Participants' });
    // The list of who is in it (the customer profile above it names the number too).
    await panel.getByRole('list', { name: 'People in this conversation' }).getByText('+1 415 555 0188').waitFor();
    const mia = await conversationNamed(t.desk, 'Mia Lopez');
    const roster = await rest(t.desk).conversations(mia.sid).participants.list();
    expect(roster.map((p) => p.identity ?? p.messagingBinding?.address).sort()).toEqual(['+14155550188', AGENT]);
  });

  it('creates a conversation with nobody else yet, then renames it', async () => {
    const { page } = t.desk;
    await page.getByRole('button', { name: 'New conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText('Name is required').waitFor();
    await dialog.getByLabel('Name').fill('Returns policy');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Returns policy', level: 2 }).waitFor();
    await shown(page, 'No messages yet. Say hello below.').waitFor();

    await page.getByRole('button', { name: 'Rename conversation' }).click();
    const name = page.getByRole('textbox', { name: 'Conversation name' });
    await name.fill('Returns policy 2025');
    await name.press('Enter');
    await page.getByRole('heading', { name: 'Returns policy 2025', level: 2 }).waitFor();
    await inboxRow(page, 'Returns policy 2025').waitFor();
    const renamed = await conversationNamed(t.desk, 'Returns policy 2025');
    expect(renamed.friendlyName).toBe('Returns policy 2025');
  });

  it('leaves a conversation after confirming; it stays open for the team, read-only for the agent', async () => {
    const { page } = t.desk;
    await open(page, 'Grace Liu');
    await page.getByRole('button', { name: 'Leave conversation' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Leave conversation' });
    await confirm.getByText(/Leave “Grace Liu”\?/).waitFor();
    await t.desk.screenshot('leave-confirm');
    await confirm.getByRole('button', { name: 'Leave', exact: true }).click();
    await shown(page, 'No conversation selected').waitFor();
    // Leaving doesn't close the customer's conversation: main's team queue still lists it, but it
    // is no longer one the agent is in, so it opens read-only (nothing to answer from here).
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('Grace');
    await inboxRow(page, 'Grace Liu').click();
    const thread = page.getByRole('main', { name: 'Grace Liu (read-only)' });
    await thread.getByRole('note').getByText(/^You are not in this conversation, so it is read-only here/).waitFor();
    await thread.getByRole('button', { name: 'Unassigned: assign' }).waitFor();
    expect(await composer(page).count()).toBe(0);
    const grace = await conversationNamed(t.desk, 'Grace Liu');
    const roster = await rest(t.desk).conversations(grace.sid).participants.list();
    expect(roster.some((p) => p.identity === AGENT)).toBe(false);
  });

  it('adds a WhatsApp customer through the business number, refuses duplicates and bad input, removes', async () => {
    const { page } = t.desk;
    await open(page, 'Ethan Brooks');
    const panel = page.getByRole('complementary', { name: 'Participants' });
    // Who is in it (the customer profile above the list names the number too).
    const people = panel.getByRole('list', { name: 'People in this conversation' });
    await addParticipant(page, { type: 'whatsapp', number: '+44 7700 900999' });
    await people.getByText('+44 7700 900999').waitFor();
    await panel.getByText('via +1 415 523 8886').waitFor();
    // Ethan last wrote days ago: with WhatsApp in the conversation its window is closed, and the
    // composer opens the template picker, which takes the focus. Close it before typing elsewhere.
    const picker = page.getByRole('dialog', { name: 'Send a WhatsApp template' });
    await picker.waitFor();
    await picker.getByRole('button', { name: 'Close templates' }).click();
    await picker.waitFor({ state: 'detached' });

    await addParticipant(page, { type: 'whatsapp', number: '+447700900999' });
    await panel.getByText('+44 7700 900999 is already in this conversation (WhatsApp)').waitFor();
    await addParticipant(page, { type: 'chat', identity: AGENT });
    await panel.getByText(`“${AGENT}” is already in this conversation`).waitFor();
    await addParticipant(page, { type: 'sms', number: '12345' });
    await panel.getByText(/“12345” is not a valid phone number/).waitFor();
    await t.desk.screenshot('participants-errors');

    await panel.getByRole('button', { name: /^Remove .*\(\+44 7700 900999\)$/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove customer' }).click();
    await people.getByText('+44 7700 900999').waitFor({ state: 'detached' });
    const ethan = await conversationNamed(t.desk, 'Ethan Brooks');
    const roster = await rest(t.desk).conversations(ethan.sid).participants.list();
    expect(roster.some((p) => p.messagingBinding?.address === 'whatsapp:+447700900999')).toBe(false);
  });
});
