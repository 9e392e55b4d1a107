import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CSV_MAX_BYTES, type SegmentFilter, type SegmentPreview } from '../../../../shared/ipc/segment-schema';
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
