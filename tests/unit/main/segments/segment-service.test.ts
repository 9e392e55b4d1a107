/**
 * The segment service over a fixed directory of customers: recipients resolved per campaign
 * channel (a person reached at their latest address on THAT channel, whatever channel they used
 * last), per-channel counts beside the people count, and a saved filter edited in place.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSegmentService, type SegmentService } from '../../../../electron/main/segments/segment-service';
import { EMPTY_FILTER } from '../../../../shared/ipc/segment-schema';
import { fakeSafeStorage, tempDir } from '../fakes';
import { buildDirectory, type Contact } from '../../../../electron/main/segments/customer-directory';
import type { StoredProfile } from '../../../../shared/ipc/customer-schema';
import { ANA_SMS, ANA_WA, BEN, CY_WA, DEE, fixedDirectory } from './customers-fixture';

let dir: { path: string; remove: () => Promise<void> };
let segments: SegmentService;
let clock = 1_000;
beforeEach(async () => {
  dir = await tempDir();
  clock = 1_000;
  segments = createSegmentService({
    dir: dir.path,
    safeStorage: fakeSafeStorage(),
    platform: 'darwin',
    scope: async () => ({ profileId: 'p1', allowPlain: false }),
    directory: fixedDirectory(),
    now: () => clock,
  });
});
afterEach(() => dir.remove());

const idOf = async (name: string) => (await segments.list()).find((s) => s.name === name)?.id as string;
const addresses = async (id: string, channel: 'sms' | 'whatsapp') => (await segments.recipients(id, channel))?.map((r) => r.address);

describe('segment recipients per campaign channel', () => {
  it('reaches each member of a filter segment at their latest address on the campaign’s channel', async () => {
    await segments.saveFilter({ name: 'Everyone', filter: EMPTY_FILTER });
    const id = await idOf('Everyone');
    // Ana wrote last on WhatsApp: an SMS campaign still reaches her, by her SMS number.
    expect(await addresses(id, 'sms')).toEqual([ANA_SMS, BEN]);
    expect(await addresses(id, 'whatsapp')).toEqual([ANA_WA, CY_WA]);
    expect((await segments.recipients(id, 'sms'))?.[0]).toEqual({ address: ANA_SMS, name: 'Ana Ruiz', fields: { name: 'Ana Ruiz' } });
  });

  it('keeps the filter’s members and only changes the address: a WhatsApp-only filter sent as SMS reaches those with a number', async () => {
    await segments.saveFilter({ name: 'WhatsApp people', filter: { ...EMPTY_FILTER, channel: 'whatsapp' } });
    const id = await idOf('WhatsApp people');
    expect(await addresses(id, 'whatsapp')).toEqual([ANA_WA, CY_WA]);
    expect(await addresses(id, 'sms')).toEqual([ANA_SMS]);
  });

  it('counts the people and, per channel, those a campaign there reaches (opted-out left out)', async () => {
    await segments.saveFilter({ name: 'Everyone', filter: EMPTY_FILTER });
    await segments.saveFilter({ name: 'VIP', filter: { ...EMPTY_FILTER, tags: ['vip'] } });
    const list = await segments.list();
    expect(list.map((s) => [s.name, s.count, s.channels])).toEqual([
      ['Everyone', 3, { sms: 2, whatsapp: 2 }],
      ['VIP', 2, { sms: 2, whatsapp: 1 }],
    ]);
  });

  it('splits a CSV segment by row: whatsapp: rows are WhatsApp, bare numbers SMS', async () => {
    const csv = ['name,phone', `Ana,${ANA_SMS}`, `Ana WA,${ANA_WA}`, 'Eve,+14155550100', `Cy,${CY_WA}`, `Dee,${DEE}`].join('\n');
    const report = await segments.checkCsv(csv);
    expect(report.problems.map((p) => p.reason)).toEqual(['optedOut']);
    await segments.saveCsv({ name: 'Mixed', text: csv });
    const id = await idOf('Mixed');
    expect(await addresses(id, 'sms')).toEqual([ANA_SMS, '+14155550100']);
    expect(await addresses(id, 'whatsapp')).toEqual([ANA_WA, CY_WA]);
    expect((await segments.list()).map((s) => [s.count, s.channels])).toEqual([[4, { sms: 2, whatsapp: 2 }]]);
  });
});

describe('opt-outs in a CSV segment', () => {
  it('leaves out every address of a person who opted out on one of them, as a filter does', async () => {
    const EVE_SMS = '+14155550177';
    const EVE_WA = `whatsapp:${EVE_SMS}`;
    const eve: StoredProfile = { v: 1, name: 'Eve', email: '', company: '', tags: [], notes: '', addresses: [EVE_SMS, EVE_WA], updatedAt: '2026-01-01T00:00:00Z', updatedBy: null };
    const contact = (address: string): Contact => ({ address, channel: address.startsWith('whatsapp:') ? 'whatsapp' : 'sms', name: 'Eve', profile: eve });
    // Eve texted STOP on SMS; her WhatsApp address is linked to her by her profile.
    const d = () =>
      buildDirectory(
        [
          { contacts: [contact(EVE_SMS)], state: 'active', dateUpdated: 2, lastMessageAt: 0, events: [{ address: EVE_SMS, optedOut: true, at: 2, index: 1 }] },
          { contacts: [contact(EVE_WA)], state: 'active', dateUpdated: 3, lastMessageAt: 0, events: [] },
        ],
        10,
      );
    const own = createSegmentService({ dir: dir.path, safeStorage: fakeSafeStorage(), platform: 'darwin', scope: async () => ({ profileId: 'p2', allowPlain: false }), directory: fixedDirectory(d) });
    const csv = `phone\n${EVE_WA}\n${BEN}\n`;
    expect((await own.checkCsv(csv)).problems.map((p) => [p.value, p.reason])).toEqual([[EVE_WA, 'optedOut']]);
    await own.saveCsv({ name: 'List', text: csv });
    const id = (await own.list())[0]!.id;
    expect((await own.recipients(id, 'whatsapp'))?.map((r) => r.address)).toEqual([]);
    expect((await own.recipients(id, 'sms'))?.map((r) => r.address)).toEqual([BEN]);
  });
});

describe('editing a saved filter segment', () => {
  it('changes its conditions (and name) under the same id, counted again, with updatedAt moved', async () => {
    await segments.saveFilter({ name: 'VIP', filter: { ...EMPTY_FILTER, tags: ['vip'] } });
    const [before] = await segments.list();
    expect([before?.count, before?.channels]).toEqual([2, { sms: 2, whatsapp: 1 }]);
    clock = 5_000;
    const after = await segments.updateFilter({ id: before!.id, name: 'Wholesale', filter: { ...EMPTY_FILTER, tags: ['wholesale'] } });
    expect(after).toEqual([
      { id: before!.id, name: 'Wholesale', kind: 'filter', count: 2, channels: { sms: 1, whatsapp: 1 }, updatedAt: 5_000, filter: { ...EMPTY_FILTER, tags: ['wholesale'] } },
    ]);
    expect(await addresses(before!.id, 'sms')).toEqual([BEN]);
    expect(await addresses(before!.id, 'whatsapp')).toEqual([CY_WA]);
  });

  it('refuses a name another segment has, an unknown id (not-found) and a CSV segment, changing nothing', async () => {
    await segments.saveFilter({ name: 'VIP', filter: { ...EMPTY_FILTER, tags: ['vip'] } });
    await segments.saveCsv({ name: 'List', text: `phone\n${BEN}\n` });
    const list = await segments.list();
    const vip = list.find((s) => s.name === 'VIP')!;
    const csv = list.find((s) => s.name === 'List')!;
    await expect(segments.updateFilter({ id: vip.id, name: 'list', filter: EMPTY_FILTER })).rejects.toMatchObject({ code: 'invalid-input', message: 'A segment is already named “List”.' });
    await expect(segments.updateFilter({ id: 'gone', name: 'VIP', filter: EMPTY_FILTER })).rejects.toMatchObject({ code: 'not-found', message: 'This segment no longer exists.' });
    await expect(segments.updateFilter({ id: csv.id, name: 'List', filter: EMPTY_FILTER })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await segments.list()).toEqual(list);
  });
});
