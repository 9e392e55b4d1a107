import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProfileSummary } from '../../../../shared/ipc/contract';
import { fakeDesk, resetAll } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { ProfileForm } from './ProfileForm';

const AC = `AC${'a'.repeat(32)}`;
const SK = `SK${'b'.repeat(32)}`;
const IS = `IS${'c'.repeat(32)}`;

beforeEach(() => resetAll());
afterEach(cleanup);

async function fillNew() {
  await userEvent.type(screen.getByLabelText('Profile name'), 'Acme');
  await userEvent.type(screen.getByLabelText('Account SID'), AC);
  await userEvent.type(screen.getByLabelText('API Key SID'), SK);
  await userEvent.type(screen.getByLabelText('API Key Secret'), 'secret');
  await userEvent.type(screen.getByLabelText('Conversations Service SID'), IS);
  await userEvent.type(screen.getByLabelText('Your identity'), 'alice');
}

describe('ProfileForm', () => {
  it('asks before saving untested settings: Back keeps the form, Save anyway saves', async () => {
    const desk = fakeDesk({ saveProfile: vi.fn(async () => ({ ok: true as const, value: {} as ProfileSummary })) });
    const onDone = vi.fn();
    renderInSession(<ProfileForm profile={null} onDone={onDone} />);
    await fillNew();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const warning = screen.getByRole('alertdialog', { name: 'Save without a working connection?' });
    expect(warning.textContent).toContain('These settings have not been tested.');
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(desk.saveProfile).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save anyway' }));
    expect(desk.saveProfile).toHaveBeenCalledTimes(1);
    expect(onDone).toHaveBeenCalledWith(true);
  });

  it('saves at once after a passing test, but asks again once a tested field changed', async () => {
    const desk = fakeDesk({
      testProfile: vi.fn(async () => ({ ok: true as const, value: { ok: true, message: 'Connected to Twilio as "alice": the profile works.' } })),
      saveProfile: vi.fn(async () => ({ ok: true as const, value: {} as ProfileSummary })),
    });
    renderInSession(<ProfileForm profile={null} onDone={vi.fn()} />);
    await fillNew();
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/the profile works/);
    await userEvent.type(screen.getByLabelText('Your identity'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    await userEvent.type(screen.getByLabelText('Your identity'), '{Backspace}');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(desk.saveProfile).toHaveBeenCalledTimes(1);
  });

  it('quotes the failed test in the warning', async () => {
    fakeDesk({ testProfile: vi.fn(async () => ({ ok: true as const, value: { ok: false, message: 'Twilio refused the credentials.' } })) });
    renderInSession(<ProfileForm profile={null} onDone={vi.fn()} />);
    await fillNew();
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Twilio refused the credentials.');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('The connection test failed: Twilio refused the credentials.');
  });

  it('renames a saved profile without asking', async () => {
    const desk = fakeDesk({ saveProfile: vi.fn(async () => ({ ok: true as const, value: {} as ProfileSummary })) });
    const saved: ProfileSummary = { id: 'p1', kind: 'twilio', name: 'Acme', identity: 'alice', accountSid: AC, apiKeySid: SK, serviceSid: IS, secretHint: '••••cret', active: false };
    renderInSession(<ProfileForm profile={saved} onDone={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Profile name'), ' staging');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(desk.saveProfile).toHaveBeenCalledTimes(1);
  });
});
