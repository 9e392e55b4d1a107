import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CSV_MAX_BYTES, EMPTY_FILTER, type SegmentFilter, type SegmentPreview, type SegmentSummary } from '../../../../shared/ipc/segment-schema';
import { fakeDesk, resetAll, signIn } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { CsvImport } from './CsvImport';
import { FilterBuilder } from './FilterBuilder';

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
