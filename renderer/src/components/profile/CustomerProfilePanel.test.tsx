import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerProfile } from '../../../../shared/ipc/customer-schema';
import { fakeDesk, person, resetAll, seedConversation, signIn, state } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { ParticipantsPanel } from '../participants/ParticipantsPanel';

const SMS = '+14155550142';
const profile = (patch: Partial<CustomerProfile> = {}): CustomerProfile => ({
  address: SMS,
  fields: { name: 'Priya Shah', email: '', company: '', tags: [], notes: '' },
  addresses: [SMS, `whatsapp:${SMS}`],
  conversations: [
    { sid: `CH${'1'.repeat(32)}`, friendlyName: 'Priya Shah', state: 'active', channel: 'sms', address: SMS, proxyAddress: '+15005550006', participantSid: 'MB3', dateCreated: 1, dateUpdated: 2 },
    { sid: `CH${'2'.repeat(32)}`, friendlyName: null, state: 'closed', channel: 'whatsapp', address: `whatsapp:${SMS}`, proxyAddress: 'whatsapp:+14155238886', participantSid: 'MB9', dateCreated: 1, dateUpdated: 1 },
  ],
  updatedAt: null,
  updatedBy: null,
  ...patch,
});

beforeEach(() => {
  resetAll();
  signIn('alice', 'twilio');
});
afterEach(cleanup);

function setup(saveCustomerProfile = vi.fn()) {
  fakeDesk({ customerProfile: vi.fn(async () => ({ ok: true as const, value: profile() })), saveCustomerProfile });
  seedConversation(`CH${'1'.repeat(32)}`, {}, [person('MB1', { identity: 'alice' }), person('MB3', { type: 'sms', address: SMS, proxy: '+15005550006', name: 'Priya Shah' })]);
  act(() => state().select(`CH${'1'.repeat(32)}`));
  renderInSession(<ParticipantsPanel />);
  return saveCustomerProfile;
}

describe('customer profile panel', () => {
  it('shows the person’s numbers and every conversation with them, resolved ones said so', async () => {
    setup();
    const region = await screen.findByRole('region', { name: 'Customer profile' });
    await within(region).findByRole('button', { name: 'Unlink +1 415 555 0142 (WhatsApp)' });
    const list = within(region).getByRole('list', { name: 'Conversations with this customer' });
    expect(within(list).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(/^Priya Shah · SMS · .* · this one$/),
      expect.stringMatching(/^Priya Shah · WhatsApp · .* · Resolved$/),
    ]);
  });

  it('reads the profile again when a teammate saves it (its updatedAt changes in the attributes), keeping a draft', async () => {
    const read = vi.fn(async () => ({ ok: true as const, value: profile() }));
    fakeDesk({ customerProfile: read });
    const sid = `CH${'1'.repeat(32)}`;
    const customer = person('MB3', { type: 'sms', address: SMS, proxy: '+15005550006', name: 'Priya Shah', profileVersion: '2026-11-29T01:00:00.000Z' });
    seedConversation(sid, {}, [person('MB1', { identity: 'alice' }), customer]);
    act(() => state().select(sid));
    renderInSession(<ParticipantsPanel />);
    const region = await screen.findByRole('region', { name: 'Customer profile' });
    const notes = await within(region).findByRole('textbox', { name: 'Notes' });
    await userEvent.type(notes, 'Calls after 5');
    expect(read).toHaveBeenCalledTimes(1);
    read.mockResolvedValueOnce({ ok: true as const, value: profile({ fields: { name: 'Priya Shah', email: 'priya@example.com', company: '', tags: [], notes: '' } }) });
    act(() => state().upsertParticipant(sid, { ...customer, profileVersion: '2026-11-29T01:05:00.000Z' }));
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(2));
    expect((notes as HTMLTextAreaElement).value).toBe('Calls after 5');
  });

  it('explains a malformed email without calling main, and keeps the text', async () => {
    const save = setup();
    const region = await screen.findByRole('region', { name: 'Customer profile' });
    const email = await within(region).findByRole('textbox', { name: 'Email' });
    await userEvent.type(email, 'priya@');
    await userEvent.click(within(region).getByRole('button', { name: 'Save profile' }));
    expect(within(region).getByRole('alert').textContent).toBe('Enter an email address like name@example.com');
    expect((email as HTMLInputElement).value).toBe('priya@');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(save).not.toHaveBeenCalled();
  });

  it('shows main’s refusal of notes over 4 KB beside the notes, and keeps them', async () => {
    const message = 'The profile is too large: Twilio keeps at most 4096 bytes per participant and this would take 4400. Shorten the notes; nothing has been saved or lost.';
    const save = setup(vi.fn(async () => ({ ok: false as const, error: { code: 'invalid-input' as const, message, fields: { notes: message } } })));
    const region = await screen.findByRole('region', { name: 'Customer profile' });
    const notes = await within(region).findByRole('textbox', { name: 'Notes' });
    const long = 'n'.repeat(300);
    await userEvent.click(notes);
    await userEvent.paste(long);
    await userEvent.click(within(region).getByRole('button', { name: 'Save profile' }));
    expect((await within(region).findByRole('alert')).textContent).toBe(message);
    expect((notes as HTMLTextAreaElement).value).toBe(long);
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ address: SMS, fields: expect.objectContaining({ notes: long, name: 'Priya Shah' }) }));
  });
});
