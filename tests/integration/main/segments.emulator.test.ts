/**
 * Segments in main against the real emulator: the customer directory (grouped by linked profiles,
 * opt-outs from STOP/START and 21610 receipts, read incrementally) and the SegmentSource campaigns
 * read recipients from.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRestClient, type RestClient } from '../../../electron/main/rest/rest-client';
import { createCustomerDirectory } from '../../../electron/main/segments/customer-directory';
import { createSegmentService } from '../../../electron/main/segments/segment-service';
import { EMPTY_FILTER } from '../../../shared/ipc/segment-schema';
import { controlApi } from '../../helpers/control-api';
import { harnessPerTest } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';
import { fakeSafeStorage, tempDir } from '../../unit/main/fakes';

const h = harnessPerTest({ seed: 'none' });
const SMS_PROXY = '+15005550006';
const WA_PROXY = 'whatsapp:+14155238886';
const ANA = '+34612345678';
const ANA_WA = `whatsapp:${ANA}`;
const BEN = '+12125550187';
const AGENT = 'agent@desk.local';

const clients: RestClient[] = [];
const dirs: { remove: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(dirs.splice(0).map((d) => d.remove()));
});

const profile = { v: 1, name: 'Ana Ruiz', email: 'ana@example.com', company: 'Acme', tags: ['VIP'], notes: '', addresses: [ANA, ANA_WA], updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: AGENT };

async function seed() {
  const { client } = restClient(h.emulator.info);
  const svc = client.conversations.v1.services(h.emulator.info.serviceSid);
  const make = async (address: string, proxy: string, name: string, attributes: object) => {
    const c = await svc.conversations.create({ friendlyName: name });
    await svc.conversations(c.sid).participants.create({ 'messagingBinding.address': address, 'messagingBinding.proxyAddress': proxy, attributes: JSON.stringify(attributes) });
    await svc.conversations(c.sid).participants.create({ identity: AGENT });
    return c.sid;
  };
  const anaSms = await make(ANA, SMS_PROXY, 'Ana', { name: 'Ana Ruiz', profile });
  const anaWa = await make(ANA_WA, WA_PROXY, 'Ana WA', { name: 'Ana Ruiz', profile });
  const ben = await make(BEN, SMS_PROXY, 'Ben', { name: 'Ben Bell' });
  return { svc, anaSms, anaWa, ben };
}

function setup() {
  const rest = createRestClient({ ...h.emulator.info });
  clients.push(rest);
  const directory = createCustomerDirectory({ rest: async () => rest });
  return { rest, directory };
}

describe('segments on the real emulator', () => {
  it('groups linked addresses into one customer, and knows who opted out from STOP and back in from START', async () => {
    await seed();
    const { directory } = setup();
    const first = await directory.refresh();
    expect(first.customers.map((c) => [c.name, [...c.addresses].sort()])).toEqual(
      expect.arrayContaining([
        ['Ana Ruiz', [ANA, ANA_WA].sort()],
        ['Ben Bell', [BEN]],
      ]),
    );
    expect(first.customers).toHaveLength(2);
    expect(first.customers.find((c) => c.name === 'Ana Ruiz')?.tags).toEqual(['VIP']);
    expect(first.optedOut.size).toBe(0);

    await controlApi(h.emulator.info).inbound({ From: BEN, To: SMS_PROXY, Body: 'stop' });
    expect((await directory.refresh()).optedOut).toEqual(new Set([BEN]));
    await controlApi(h.emulator.info).advanceClock(1);
    await controlApi(h.emulator.info).inbound({ From: BEN, To: SMS_PROXY, Body: 'START' });
    expect((await directory.refresh()).optedOut).toEqual(new Set());
  });

  it('learns an opt-out from a receipt failed with 21610 too', async () => {
    const { svc, ben } = await seed();
    const { directory } = setup();
    await directory.refresh();
    // Ben opted out; the keyword message is then gone (deleted), the failed send remains.
    const stop = await controlApi(h.emulator.info).inbound({ From: BEN, To: SMS_PROXY, Body: 'STOP' });
    await svc.conversations(ben).messages(stop.body.message_sid).remove();
    await svc.conversations(ben).messages.create({ author: AGENT, body: 'Your order shipped' });
    await vi.waitFor(async () => {
      const [m] = await svc.conversations(ben).messages.list({ order: 'desc', limit: 1 });
      expect((m?.delivery as { failed?: string } | null)?.failed).toBe('all');
    });
    expect((await directory.refresh()).optedOut).toEqual(new Set([BEN]));
  });

  it('reads again only what changed: an unchanged refresh costs the conversation list', async () => {
    await seed();
    // Twilio's dates are whole seconds: what changed in the second of a read is read again once.
    await controlApi(h.emulator.info).advanceClock(2);
    const { rest, directory } = setup();
    await directory.refresh();
    const calls = vi.spyOn(rest, 'withPriority');
    await directory.refresh();
    expect(calls).toHaveBeenCalledTimes(1);
    calls.mockClear();
    await controlApi(h.emulator.info).inbound({ From: BEN, To: SMS_PROXY, Body: 'Where is my order?' });
    const after = await directory.refresh();
    // The list, then Ben's conversation only: its participants and its newest messages.
    expect(calls).toHaveBeenCalledTimes(3);
    expect(after.customers.find((c) => c.addresses.includes(BEN))?.lastContact).toBeGreaterThan(0);
  });

  it('gives campaigns recipients resolved now (filter or CSV), opted-out left out, with profile fields', async () => {
    await seed();
    const { directory } = setup();
    const dir = await tempDir();
    dirs.push(dir);
    const segments = createSegmentService({
      dir: dir.path,
      safeStorage: fakeSafeStorage(),
      platform: 'linux',
      scope: async () => ({ profileId: 'local', allowPlain: true }),
      directory,
    });
    await segments.saveFilter({ name: 'SMS', filter: { ...EMPTY_FILTER, channel: 'sms' } });
    const csvReport = await segments.checkCsv(`phone,name,plan\n${BEN},Ben,gold\n+34 612 345 678,Ana,\n`);
    expect(csvReport.valid).toBe(2);
    await segments.saveCsv({ name: 'List', text: `phone,name,plan\n${BEN},Ben,gold\n+34 612 345 678,Ana,\n` });
    const list = await segments.list();
    expect(list.map((s) => [s.name, s.kind, s.count])).toEqual([
      ['List', 'csv', 2],
      ['SMS', 'filter', 2],
    ]);
    const byName = (name: string) => list.find((s) => s.name === name)?.id as string;
    expect(await segments.recipients(byName('SMS'), 'sms')).toEqual(
      expect.arrayContaining([
        { address: ANA, name: 'Ana Ruiz', fields: { name: 'Ana Ruiz', email: 'ana@example.com', company: 'Acme' } },
        { address: BEN, name: 'Ben Bell', fields: { name: 'Ben Bell' } },
      ]),
    );

    await controlApi(h.emulator.info).inbound({ From: BEN, To: SMS_PROXY, Body: 'UNSUBSCRIBE' });
    expect((await segments.recipients(byName('SMS'), 'sms'))?.map((r) => r.address)).toEqual([ANA]);
    expect(await segments.optedOut()).toEqual(new Set([BEN]));
    expect(await segments.recipients(byName('List'), 'sms')).toEqual([{ address: ANA, name: 'Ana', fields: { name: 'Ana' } }]);
    expect((await segments.list()).map((s) => s.count)).toEqual([1, 1]);
    expect(await segments.recipients('gone', 'sms')).toBeNull();
  });
});
