import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Client } from '@twilio/conversations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeDesk, registry, resetAll, signIn, state } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { DisplayNameSettings } from './DisplayNameSettings';

let updateFriendlyName: ReturnType<typeof vi.fn>;
beforeEach(() => {
  resetAll();
  fakeDesk();
  signIn('alice');
  state().setUserName('alice', 'Alice Moreau');
  updateFriendlyName = vi.fn(async () => ({}));
  registry().client = { user: { identity: 'alice', friendlyName: 'Alice Moreau', updateFriendlyName } } as unknown as Client;
});
afterEach(cleanup);

const field = () => screen.getByRole('textbox', { name: 'Display name' }) as HTMLInputElement;
const save = () => userEvent.click(screen.getByRole('button', { name: 'Update name' }));

describe('your display name in Settings', () => {
  it('shows the name Twilio has and saves a new one through the SDK', async () => {
    renderInSession(<DisplayNameSettings />);
    expect(field().value).toBe('Alice Moreau');
    expect(screen.getByText(/You sign in as alice/)).toBeTruthy();
    await userEvent.clear(field());
    await userEvent.type(field(), '  Alice M.  ');
    await save();
    expect(updateFriendlyName).toHaveBeenCalledWith('Alice M.');
    expect(await screen.findByText('Saved. Teammates now see “Alice M.”.')).toBeTruthy();
    expect(state().userNames.get('alice')).toBe('Alice M.');
    expect(field().value).toBe('Alice M.');
  });

  it('refuses an empty name and one over 256 characters, keeping what was typed', async () => {
    renderInSession(<DisplayNameSettings />);
    await userEvent.clear(field());
    await userEvent.type(field(), '   ');
    await save();
    expect(screen.getByRole('alert').textContent).toBe('Enter a name.');
    expect(field().getAttribute('aria-invalid')).toBe('true');
    await userEvent.clear(field());
    await userEvent.click(field());
    await userEvent.paste('n'.repeat(257));
    await save();
    expect(screen.getByRole('alert').textContent).toBe('At most 256 characters.');
    expect(field().value).toHaveLength(257);
    expect(updateFriendlyName).not.toHaveBeenCalled();
  });

  it('says why Twilio refused and leaves the typed name in the field', async () => {
    updateFriendlyName.mockRejectedValueOnce(Object.assign(new Error('FriendlyName is too long'), { code: 50003 }));
    renderInSession(<DisplayNameSettings />);
    await userEvent.clear(field());
    await userEvent.type(field(), 'Alice the Great');
    await save();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^Could not save your name: /));
    expect(field().value).toBe('Alice the Great');
    expect(state().userNames.get('alice')).toBe('Alice Moreau');
  });

  it('cannot save while not connected, and says why', () => {
    state().setConnection('reconnecting');
    renderInSession(<DisplayNameSettings />);
    expect(screen.getByText(/Not connected: your name is kept in Twilio/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Update name' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
