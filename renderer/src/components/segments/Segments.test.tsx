import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CSV_MAX_BYTES, EMPTY_FILTER, type SegmentFilter, type SegmentPreview, type SegmentSummary } from '../../../../shared/ipc/segment-schema';
import { fakeDesk, resetAll, signIn } from '../../test/fakes';
import { initI18n, setLocale } from '../../i18n';
import { renderInSession } from '../../test/render';
import { CsvImport } from './CsvImport';
import { FilterBuilder } from './FilterBuilder';
import { SegmentList } from './SegmentList';

const answer = (count: number): SegmentPreview => ({ count, total: 10, optedOut: 1, rows: [], tags: ['vip'], refreshedAt: 0 });

beforeEach(() => resetAll());
afterEach(cleanup);

describe('the filter builder', () => {
  it('shows the answer to the newest filter even when an older answer arrives after it', async () => {
    const pending: { filter: SegmentFilter; resolve: (v: { ok: true; value: SegmentPreview }) => void }[] = [];
    const desk = fakeDesk({
      previewSegment: vi.fn(({ filter }: { filter: SegmentFilter }) => new Promise<{ ok: true; value: SegmentPreview }>((resolve) => pending.push({ filter, resolve }))),
    });
    signIn('alice');
    renderInSession(<FilterBuilder onSaved={() => undefined} />);
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending[0]!.resolve({ ok: true, value: answer(10) });
    await screen.findByText('10 of 10 customers match');
    await userEvent.selectOptions(screen.getByLabelText('Channel'), 'sms');
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    await userEvent.selectOptions(screen.getByLabelText('Channel'), 'whatsapp');
    await vi.waitFor(() => expect(pending).toHaveLength(3));
    expect(pending.map((p) => p.filter.channel)).toEqual(['any', 'sms', 'whatsapp']);
    pending[2]!.resolve({ ok: true, value: answer(4) });
    await screen.findByText('4 of 10 customers match');
    pending[1]!.resolve({ ok: true, value: answer(6) });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByText('6 of 10 customers match')).toBeNull();
    expect(screen.getByText('Opted-out customers are always left out (1 now).')).toBeTruthy();
    expect(desk.previewSegment).toHaveBeenCalledTimes(3);
  });
});

describe('editing a saved filter segment', () => {
  it('starts from its conditions and name, and saves them back under its id (not as a new segment)', async () => {
    const saved: SegmentSummary = {
      id: 'seg-1',
      name: 'Key accounts',
      kind: 'filter',
      count: 2,
      channels: { sms: 2, whatsapp: 0 },
      updatedAt: 0,
      filter: { ...EMPTY_FILTER, channel: 'sms', tags: ['vip', 'gold'] },
    };
    const desk = fakeDesk({
      previewSegment: vi.fn(async () => ({ ok: true as const, value: answer(2) })),
      updateFilterSegment: vi.fn(async () => ({ ok: true as const, value: { items: [saved] } })),
      saveFilterSegment: vi.fn(),
    });
    const onSaved = vi.fn();
    const onCancel = vi.fn();
    signIn('alice');
    renderInSession(<FilterBuilder editing={saved} onSaved={onSaved} onCancel={onCancel} />);
    await screen.findByText('2 of 10 customers match');
    expect(desk.previewSegment).toHaveBeenCalledWith({ filter: saved.filter });
    expect((screen.getByLabelText('Tags') as HTMLInputElement).value).toBe('vip, gold');
    expect((screen.getByLabelText('Segment name') as HTMLInputElement).value).toBe('Key accounts');
    await userEvent.clear(screen.getByLabelText('Tags'));
    await userEvent.type(screen.getByLabelText('Tags'), 'wholesale');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith([saved]));
    expect(desk.updateFilterSegment).toHaveBeenCalledWith({ id: 'seg-1', name: 'Key accounts', filter: { ...EMPTY_FILTER, channel: 'sms', tags: ['wholesale'] } });
    expect(desk.saveFilterSegment).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });
});

describe('the CSV import', () => {
  it('refuses a file over the size limit before reading it, and says why', async () => {
    const desk = fakeDesk({ checkSegmentCsv: vi.fn() });
    signIn('alice');
    renderInSession(<CsvImport onSaved={() => undefined} />);
    const big = new File(['x'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: CSV_MAX_BYTES + 1 });
    await userEvent.upload(screen.getByLabelText('Choose a CSV file', { selector: 'input' }), big);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This file is too big: a CSV import takes at most 2 MB and 10000 rows. Split it and import the parts.',
    );
    expect(desk.checkSegmentCsv).not.toHaveBeenCalled();
  });
});

describe('the segments list', () => {
  const segments: SegmentSummary[] = [
    { id: 'seg-1', name: 'Everyone', kind: 'filter', count: 1200, channels: { sms: 1180, whatsapp: 64 }, updatedAt: 0, filter: EMPTY_FILTER },
    { id: 'seg-2', name: 'Late orders', kind: 'csv', count: 1, channels: { sms: 1, whatsapp: 0 }, updatedAt: 0 },
  ];
  const reach = (name: string) => within(screen.getByRole('row', { name: new RegExp(`^${name}`) })).getAllByRole('cell')[1]!;
  /** What the eye sees (the screen reader reads the sentence instead). */
  const seen = (cell: HTMLElement) => cell.querySelector('[aria-hidden="true"]')?.textContent;

  afterEach(() => initI18n('en', 'en-US'));

  it('shows per segment how many a campaign reaches on SMS and on WhatsApp, and reads it out as a sentence', () => {
    fakeDesk();
    signIn('alice');
    renderInSession(<SegmentList items={segments} onChanged={() => undefined} onEdit={() => undefined} />);
    expect(seen(reach('Everyone'))).toBe('1,200 · SMS 1,180 · WhatsApp 64');
    expect(screen.getByRole('cell', { name: '1,200 customers: 1,180 reachable by SMS, 64 reachable by WhatsApp' })).toBe(reach('Everyone'));
    // A CSV segment counts its rows, by the channel of each row's number.
    expect(seen(reach('Late orders'))).toBe('1 · SMS 1 · WhatsApp 0');
    expect(screen.getByRole('cell', { name: '1 row: 1 SMS number, 0 WhatsApp numbers' })).toBe(reach('Late orders'));

    act(() => setLocale({ language: 'fr', formatLocale: 'fr-FR', clock: 'system' }));
    expect(screen.getByRole('cell', { name: '1 ligne : 1 numéro SMS, 0 numéro WhatsApp' })).toBe(reach('Late orders'));
  });
});
