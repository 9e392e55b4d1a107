import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignOptions } from '../../../../shared/ipc/campaign-schema';
import { resetAll, signIn } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { CampaignForm } from './CampaignForm';

const options: CampaignOptions = {
  segments: [
    { id: 'seg-wa', name: 'WhatsApp regulars', kind: 'filter', count: 3, channels: { sms: 0, whatsapp: 3 }, updatedAt: 0 },
    { id: 'seg-mix', name: 'Mixed', kind: 'filter', count: 40, channels: { sms: 28, whatsapp: 39 }, updatedAt: 0 },
    { id: 'seg-csv', name: 'Imported', kind: 'csv', count: 4, channels: { sms: 2, whatsapp: 2 }, updatedAt: 0 },
    { id: 'seg-empty', name: 'Everyone opted out', kind: 'filter', count: 0, channels: { sms: 0, whatsapp: 0 }, updatedAt: 0 },
  ],
  numbers: { sms: [{ number: '+15005550006', friendlyName: null }], whatsapp: [{ number: 'whatsapp:+14155238886', friendlyName: null }] },
  templates: [],
  pricePerSegmentUsd: 0.01,
};

beforeEach(() => resetAll());
afterEach(cleanup);

const start = () => screen.getByRole('button', { name: 'Start campaign' }) as HTMLButtonElement;

describe('the campaign form', () => {
  it('counts and prices the chosen channel’s recipients, says how many of the segment it misses, and will not start with none', async () => {
    signIn('alice');
    renderInSession(<CampaignForm options={options} onCancel={() => undefined} onCreated={() => undefined} onPriceChanged={() => undefined} />);
    await userEvent.selectOptions(screen.getByLabelText('Segment'), 'seg-wa');
    expect(screen.getByText('None of this segment’s customers has an SMS number: choose another segment or channel.')).toBeTruthy();
    expect(start().disabled).toBe(true);

    await userEvent.selectOptions(screen.getByLabelText('Segment'), 'seg-mix');
    expect(screen.getByText('12 of this segment’s 40 customers have no SMS number and will not get this campaign.')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Message'), 'Your order ships Monday.');
    expect(screen.getByText(/\$0\.28 \(28 recipients × 1 segments × \$0\.01\)/)).toBeTruthy();
    expect(start().disabled).toBe(false);

    await userEvent.click(screen.getByRole('radio', { name: 'WhatsApp' }));
    expect(screen.getByText('1 of this segment’s 40 customers has no WhatsApp address and will not get this campaign.')).toBeTruthy();
  });

  it('counts a CSV list’s rows, not people, and announces the hint', async () => {
    signIn('alice');
    renderInSession(<CampaignForm options={options} onCancel={() => undefined} onCreated={() => undefined} onPriceChanged={() => undefined} />);
    await userEvent.selectOptions(screen.getByLabelText('Segment'), 'seg-csv');
    const hint = screen.getByRole('status');
    expect(hint.textContent).toBe('2 of this list’s 4 rows are not SMS numbers and will not get this campaign.');
    expect(screen.getByLabelText('Segment').getAttribute('aria-describedby')).toBe(hint.id);
    // An empty segment is not "no one on this channel": no hint, and the server says what is wrong.
    await userEvent.selectOptions(screen.getByLabelText('Segment'), 'seg-empty');
    expect(screen.getByRole('status', { hidden: true }).hidden).toBe(true);
    expect(screen.getByLabelText('Segment').getAttribute('aria-describedby')).toBeNull();
  });
});
