import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Participant } from '@twilio/conversations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeDesk, person, registry, resetAll, seedConversation, signIn, state } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { ParticipantsPanel } from './ParticipantsPanel';

beforeEach(() => {
  resetAll();
  fakeDesk();
  signIn('alice', 'twilio');
});
afterEach(cleanup);

function setup() {
  const conv = seedConversation('CH1', {}, [
    person('MB1', { identity: 'alice' }),
    person('MB2', { identity: 'bob' }),
    person('MB3', { type: 'sms', address: '+14155550123', proxy: '+14155550100' }),
  ]);
  act(() => state().select('CH1'));
  renderInSession(<ParticipantsPanel />);
  return conv;
}

describe('Participants panel', () => {
  it('lists participants with channel and number', () => {
    setup();
    expect(screen.getByRole('heading', { name: 'Participants (3)' })).toBeTruthy();
    // The participant list's line (the customer profile above names the number too).
    expect(screen.getByText('+1 415 555 0123', { selector: '.participant-handle' })).toBeTruthy();
    expect(screen.getByText('via +1 415 555 0100')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove bob' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove alice' })).toBeNull();
  });

  it('defaults to the conversation’s channel and business number', () => {
    setup();
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('sms');
    expect((screen.getByLabelText('Business number') as HTMLInputElement).value).toBe('+14155550100');
  });

  it('defaults to a chat identity when no customer is in the conversation', () => {
    seedConversation('CH2', {}, [person('MB1', { identity: 'alice' })]);
    act(() => state().select('CH2'));
    renderInSession(<ParticipantsPanel />);
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('chat');
    expect(screen.getByLabelText('Identity')).toBeTruthy();
  });

  it('shows an invalid phone number inline without calling the service', async () => {
    const conv = setup();
    await userEvent.type(screen.getByLabelText('Phone number'), '+1 555');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    const field = screen.getByLabelText('Phone number');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe(
      '“+1 555” is not a valid phone number: type it with its country code, e.g. +14155550123, or as a national number for +1',
    );
    expect(conv.addNonChatParticipant).not.toHaveBeenCalled();
  });

  it('catches a number already in the conversation', async () => {
    const conv = setup();
    await userEvent.type(screen.getByLabelText('Phone number'), '+1 (415) 555-0123');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe('+1 415 555 0123 is already in this conversation (SMS)');
    expect(conv.addNonChatParticipant).not.toHaveBeenCalled();
  });

  it('catches a chat identity already present', async () => {
    const conv = setup();
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'chat');
    await userEvent.type(screen.getByLabelText('Identity'), 'bob');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe('“bob” is already in this conversation');
    expect(conv.add).not.toHaveBeenCalled();
  });

  it('adds a WhatsApp customer with prefixed addresses', async () => {
    const conv = setup();
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'whatsapp');
    await userEvent.type(screen.getByLabelText('Phone number'), '+49 1511 2345678');
    await userEvent.clear(screen.getByLabelText('Business number'));
    await userEvent.type(screen.getByLabelText('Business number'), '+14155550100');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(conv.addNonChatParticipant).toHaveBeenCalledWith('whatsapp:+14155550100', 'whatsapp:+4915112345678', {
      address: 'whatsapp:+4915112345678',
      proxyAddress: 'whatsapp:+14155550100',
    });
    expect(await screen.findByRole('status')).toBeTruthy();
  });

  it('shows a service error inline', async () => {
    const conv = setup();
    conv.add.mockRejectedValueOnce(new Error('Participant not allowed'));
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'chat');
    await userEvent.type(screen.getByLabelText('Identity'), 'dave');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Couldn’t add the participant: Participant not allowed');
  });

  it('reads a national number in the business number’s country and shows the E.164 before adding', async () => {
    const conv = setup();
    await userEvent.type(screen.getByLabelText('Phone number'), '(415) 555-0199');
    expect(screen.getByText('Saved as +14155550199')).toBeTruthy();
    expect(screen.getByLabelText('Phone number').getAttribute('aria-describedby')).toBe(screen.getByText('Saved as +14155550199').id);
    await userEvent.type(screen.getByLabelText('Customer name (optional)'), 'Ana Lima');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(conv.addNonChatParticipant).toHaveBeenCalledWith('+14155550100', '+14155550199', {
      address: '+14155550199',
      proxyAddress: '+14155550100',
      name: 'Ana Lima',
    });
  });

  it('refuses a customer name too long for a label', async () => {
    const conv = setup();
    await userEvent.type(screen.getByLabelText('Phone number'), '+14155550199');
    await userEvent.click(screen.getByLabelText('Customer name (optional)'));
    await userEvent.paste('x'.repeat(201));
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByLabelText('Customer name (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(conv.addNonChatParticipant).not.toHaveBeenCalled();
  });

  it('asks before removing a teammate, and removes nothing on Cancel', async () => {
    const conv = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Remove bob' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove bob?' });
    expect(dialog.textContent).toContain('bob will leave this conversation');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(conv.removeParticipant).not.toHaveBeenCalled();
  });

  it('warns harder before removing the customer, then offers Undo that puts them back as they were', async () => {
    const conv = setup();
    const attributes = { address: '+14155550123', proxyAddress: '+14155550100', name: 'Ana Lima', crm: 42 };
    const remove = vi.fn(async () => undefined);
    registry().participants.set('CH1', new Map([['MB3', { sid: 'MB3', attributes, remove } as unknown as Participant]]));
    // A lone customer without a name is called after the conversation ("CH1" here).
    await userEvent.click(screen.getByRole('button', { name: 'Remove CH1 (+1 415 555 0123)' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('The customer will stop receiving replies in this conversation.');
    await userEvent.click(screen.getByRole('button', { name: 'Remove customer' }));
    expect(remove).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await screen.findByText('Removed CH1')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(conv.addNonChatParticipant).toHaveBeenCalledWith('+14155550100', '+14155550123', attributes);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('keeps the confirm dialog open with the reason when removal fails', async () => {
    const conv = setup();
    conv.removeParticipant.mockRejectedValueOnce(new Error('Forbidden'));
    await userEvent.click(screen.getByRole('button', { name: 'Remove bob' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Couldn’t remove the participant: Forbidden');
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });
});
