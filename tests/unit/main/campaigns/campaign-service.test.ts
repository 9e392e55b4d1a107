import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { createCampaignService, type CampaignService } from '../../../../electron/main/campaigns/campaign-service';
import type { RestClient } from '../../../../electron/main/rest/rest-client';
import type { SegmentSource } from '../../../../electron/main/segments/segment-source';
import { fakeSafeStorage, tempDir } from '../fakes';
import { fakeTwilio } from './fake-twilio';

const recipients = (count: number) => Array.from({ length: count }, (_, i) => ({ address: `+1415555${String(i).padStart(4, '0')}`, name: `Customer ${i}`, fields: {} }));
const segments = (count: number): SegmentSource => ({
  list: async () => [{ id: 'seg1', name: 'Late orders', kind: 'csv', count, updatedAt: 0 }],
  recipients: async (id) => (id === 'seg1' ? recipients(count) : null),
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

function make(twilio: ReturnType<typeof fakeTwilio>, scope: { profileId: string }, count: number) {
  service = createCampaignService({
    dir: dir.path,
    safeStorage: fakeSafeStorage(),
    platform: 'darwin',
    scope: async () => ({ profileId: scope.profileId, allowPlain: false }),
    rest: async () => ({}) as RestClient,
    identity: async () => 'lead@desk.local',
    segments: segments(count),
    numbers: async () => ({ sms: [{ number: '+15005550006', friendlyName: null }], whatsapp: [] }),
    publish: () => undefined,
    api: () => twilio.api,
    workers: 6,
    receiptEveryMs: 1,
    receiptPasses: 1,
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
});
