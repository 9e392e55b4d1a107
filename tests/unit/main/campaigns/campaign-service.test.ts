import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { createCampaignService, type CampaignService } from '../../../../electron/main/campaigns/campaign-service';
import type { RestClient } from '../../../../electron/main/rest/rest-client';
import { createSegmentService } from '../../../../electron/main/segments/segment-service';
import type { SegmentSource } from '../../../../electron/main/segments/segment-source';
import { EMPTY_FILTER } from '../../../../shared/ipc/segment-schema';
import { fakeSafeStorage, tempDir } from '../fakes';
import { ANA_SMS, ANA_WA, BEN, fixedDirectory } from '../segments/customers-fixture';
import { fakeTwilio, holdReceipts } from './fake-twilio';

const recipients = (count: number) => Array.from({ length: count }, (_, i) => ({ address: `+1415555${String(i).padStart(4, '0')}`, name: `Customer ${i}`, fields: {} }));
const segments = (count: number): SegmentSource => ({
  list: async () => [{ id: 'seg1', name: 'Late orders', kind: 'csv', count, channels: { sms: count, whatsapp: 0 }, updatedAt: 0 }],
  recipients: async (id, channel) => (id === 'seg1' && channel === 'sms' ? recipients(count) : id === 'seg1' ? [] : null),
});
const draft = { name: 'Delayed shipment', segmentId: 'seg1', channel: 'sms' as const, from: '+15005550006', message: { kind: 'text' as const, body: 'Your order ships Monday.' }, sendAt: null };

let dir: { path: string; remove: () => Promise<void> };
let service: CampaignService | null = null;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await service?.close();
  service = null;
  await dir.remove();
});

function make(
  twilio: ReturnType<typeof fakeTwilio>,
  scope: { profileId: string },
  count: number,
  source: SegmentSource = segments(count),
  // The profile the team's REST client serves; by default the one in scope.
  served: { profileId: string } = scope,
  receiptPasses = 1,
) {
  service = createCampaignService({
    dir: dir.path,
    safeStorage: fakeSafeStorage(),
    platform: 'darwin',
    scope: async () => ({ profileId: scope.profileId, allowPlain: false }),
    client: async () => ({ rest: {} as RestClient, identity: `lead@${served.profileId}.local`, profileId: served.profileId }),
    segments: source,
    numbers: async () => ({ sms: [{ number: '+15005550006', friendlyName: null }], whatsapp: [] }),
    publish: () => undefined,
    api: () => twilio.api,
    workers: 6,
    receiptEveryMs: 1,
    receiptPasses,
  });
  return service;
}

describe('campaign service', () => {
  it('sends each recipient one message across a profile switch and back, and a session change that is not a switch', async () => {
    const twilio = fakeTwilio();
    // The first six sends are quick so the test can see the run going; the rest are slow (like a
    // throttled account), so the whole run takes well over a second and the switch below lands
    // with most recipients unsent even on a loaded machine.
    const send = twilio.api.sendMessage;
    let started = 0;
    twilio.api.sendMessage = async (c, input) => {
      started += 1;
      if (started > 6) await new Promise((r) => setTimeout(r, 120));
      return send(c, input);
    };
    const scope = { profileId: 'a' };
    const s = make(twilio, scope, 60);
    await s.create(draft);
    await vi.waitFor(() => expect(twilio.sends()).toBeGreaterThan(5));
    // session:changed for a rename: the same profile's campaigns are not loaded a second time.
    await s.resume();
    scope.profileId = 'b';
    await s.resume();
    const atSwitch = twilio.sends();
    expect(atSwitch).toBeLessThan(60);
    scope.profileId = 'a';
    await s.resume();
    await vi.waitFor(async () => expect((await s.list())[0]?.status).toBe('completed'), { timeout: 15_000 });
    expect([...twilio.perAddress().values()]).toEqual(Array(60).fill(1));
  });

  it('creates no campaign while the team’s REST client serves another profile than the session (an account change in flight)', async () => {
    const twilio = fakeTwilio();
    const scope = { profileId: 'a' };
    const served = { profileId: 'a' };
    const s = make(twilio, scope, 20, segments(20), served);
    await s.create(draft);
    await vi.waitFor(async () => expect((await s.list())[0]?.status).toBe('completed'));
    expect(twilio.sends()).toBe(20);
    // The session says "a", but the team's client still serves "b" (a switch back in flight).
    served.profileId = 'b';
    await expect(s.create({ ...draft, name: 'Second' })).rejects.toThrow('errors.campaign.accountChanged');
    expect(await s.list()).toHaveLength(1);
    expect(twilio.sends()).toBe(20);
  });

  it('puts a scheduled campaign paused before its time back to waiting for it', async () => {
    const twilio = fakeTwilio();
    const s = make(twilio, { profileId: 'a' }, 3);
    const created = await s.create({ ...draft, sendAt: Date.now() + 3_600_000 });
    expect(created.status).toBe('scheduled');
    expect((await s.control({ id: created.id, action: 'pause' })).status).toBe('paused');
    expect((await s.control({ id: created.id, action: 'resume' })).status).toBe('scheduled');
    expect(twilio.sends()).toBe(0);
  });

  it('deletes a removed profile’s campaigns', async () => {
    const twilio = fakeTwilio();
    const s = make(twilio, { profileId: 'a' }, 3);
    const created = await s.create(draft);
    await vi.waitFor(async () => expect((await s.list())[0]?.status).toBe('completed'));
    expect((await s.results(created.id)).results).toHaveLength(3);
    await s.removeProfile('a');
    expect(await s.list()).toEqual([]);
    expect(existsSync(dir.path) && (await import('node:fs')).readdirSync(dir.path).length).toBe(0);
  });

  it('stops following receipts when the profile is removed: the reads in flight land first, none starts after, and its folder is not made again', async () => {
    const twilio = fakeTwilio();
    const held = holdReceipts(twilio);
    const s = make(twilio, { profileId: 'a' }, 20, segments(20), undefined, 12);
    await s.create(draft);
    // A pass under way: eight reads waiting on Twilio.
    await vi.waitFor(() => expect(held.reads()).toBe(8));
    let removed = false;
    const removal = s.removeProfile('a').then(() => (removed = true));
    // Their results still go to the campaign's journal: the removal waits for them.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(removed).toBe(false);
    held.release();
    await removal;
    expect(held.reads()).toBe(8);
    expect((await import('node:fs')).readdirSync(dir.path)).toEqual([]);
  });

  it('stores and sends to the segment’s addresses on the campaign’s channel: a person who wrote last on WhatsApp gets the SMS campaign on their number', async () => {
    const segmentDir = await tempDir();
    try {
      const source = createSegmentService({
        dir: segmentDir.path,
        safeStorage: fakeSafeStorage(),
        platform: 'darwin',
        scope: async () => ({ profileId: 'a', allowPlain: false }),
        directory: fixedDirectory(),
      });
      await source.saveFilter({ name: 'Everyone', filter: EMPTY_FILTER });
      const [everyone] = await source.list();
      const twilio = fakeTwilio();
      const s = make(twilio, { profileId: 'a' }, 0, source);
      // The form counts who the campaign reaches on each channel, not only the people.
      expect((await s.options()).segments.map((x) => [x.count, x.channels])).toEqual([[3, { sms: 2, whatsapp: 2 }]]);
      const sms = await s.create({ ...draft, segmentId: everyone!.id });
      expect(sms.total).toBe(2);
      await vi.waitFor(async () => expect((await s.list()).find((c) => c.id === sms.id)?.status).toBe('completed'));
      expect((await s.results(sms.id)).results.map((r) => r.address).sort()).toEqual([ANA_SMS, BEN].sort());
      expect([...twilio.perAddress().keys()].sort()).toEqual([ANA_SMS, BEN].sort());
      expect(twilio.perAddress().has(ANA_WA)).toBe(false);
    } finally {
      await segmentDir.remove();
    }
  });
});
