import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeDesk, person, resetAll, seedConversation, signIn, state } from '../../test/fakes';
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
    expect(screen.getByText('+1 415 555 0123')).toBeTruthy();
    expect(screen.getByText('via +1 415 555 0100')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove bob' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove alice' })).toBeNull();
  });

  it('shows an invalid phone number inline without calling the service', async () => {
    const conv = setup();
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'sms');
    await userEvent.type(screen.getByLabelText('Phone number'), '+1 555');
    await userEvent.type(screen.getByLabelText('Business number'), '+14155550100');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    const field = screen.getByLabelText('Phone number');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe(
      '“+1 555” is not a valid phone number: use international format, e.g. +14155550123',
    );
    expect(conv.addNonChatParticipant).not.toHaveBeenCalled();
  });

  it('catches a number already in the conversation', async () => {
    const conv = setup();
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'sms');
    await userEvent.type(screen.getByLabelText('Phone number'), '+1 (415) 555-0123');
    await userEvent.type(screen.getByLabelText('Business number'), '+14155550100');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe('+1 415 555 0123 is already in this conversation (SMS)');
    expect(conv.addNonChatParticipant).not.toHaveBeenCalled();
  });

  it('catches a chat identity already present', async () => {
    const conv = setup();
    await userEvent.type(screen.getByLabelText('Identity'), 'bob');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe('“bob” is already in this conversation');
    expect(conv.add).not.toHaveBeenCalled();
  });

  it('adds a WhatsApp customer with prefixed addresses', async () => {
    const conv = setup();
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'whatsapp');
    await userEvent.type(screen.getByLabelText('Phone number'), '+49 1511 2345678');
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
    await userEvent.type(screen.getByLabelText('Identity'), 'dave');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Couldn’t add the participant: Participant not allowed');
  });
});
