import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { EmulatorSettings } from '../../../electron/emulator/control/settings';
import { Delivery } from '../../../electron/emulator/conversations/delivery';
import { ConversationsService } from '../../../electron/emulator/conversations/service';
import { mediaMount } from '../../../electron/emulator/mcs/media-routes';
import {
  DEMO_AGENT_IDENTITY,
  DEMO_SECOND_AGENT_IDENTITY,
  DEMO_SMS_NUMBER,
  DEMO_WHATSAPP_NUMBER,
  seedDemo,
} from '../../../electron/emulator/seed/demo';
import { placeholderPng } from '../../../electron/emulator/seed/png';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine } from '../../../electron/emulator/sync/engine';

const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };

function freshWorld() {
  const db = Db.open();
  const sync = new SyncEngine(db, 'https://cds.example', IDS);
  const service = new ConversationsService(db, sync, IDS);
  const delivery = new Delivery(db, service);
  const media = mediaMount({ db, service, origin: () => 'http://127.0.0.1:1', signingKey: 'k', verify: () => ({ kind: 'invalid', code: 20101, message: 'unused' }) });
  const settings = new EmulatorSettings(db);
  return { db, service, delivery, settings, storeMedia: media.store };
}

/** Everything a person sees, without SIDs and with times relative to seeding. */
function transcript(world: ReturnType<typeof freshWorld>, now: number) {
  const { service } = world;
  return [...service.conversations.values()].map((c) => ({
    name: c.friendlyName,
    attributes: c.attributes,
    ago: now - Date.parse(c.dateCreated),
    people: [...service.roster(c.sid)].map((p) => p.identity ?? `${p.address}→${p.proxyAddress}`),
    messages: service.messagesOf(c.sid).map((m) => [m.author, m.body, now - Date.parse(m.dateCreated), m.media.map((x) => `${x.filename}:${x.size}`)]),
    unread: service.unreadCount(c, service.participantOfIdentity(c.sid, DEMO_AGENT_IDENTITY)!),
  }));
}

describe('demo seed', () => {
  const now = Date.parse('2026-03-10T15:30:00Z');

  it('builds a realistic inbox across SMS, WhatsApp and web chat', () => {
    const world = freshWorld();
    const summary = seedDemo(world, now);
    const { service } = world;
    expect(summary.conversations).toBeGreaterThanOrEqual(18);
    expect(service.findUser(DEMO_AGENT_IDENTITY)?.friendlyName).toBe('Sam Rivera');
    expect(service.findUser(DEMO_SECOND_AGENT_IDENTITY)?.friendlyName).toBeTruthy();
    expect(world.settings.get().autoJoinIdentities).toEqual([DEMO_AGENT_IDENTITY]);
    expect(service.conversationsOf(DEMO_AGENT_IDENTITY)).toHaveLength(summary.conversations);
    expect(service.conversationsOf(DEMO_SECOND_AGENT_IDENTITY).length).toBeGreaterThan(0);

    const customers = [...service.participants.values()].filter((p) => p.identity !== DEMO_AGENT_IDENTITY && p.identity !== DEMO_SECOND_AGENT_IDENTITY);
    const byType = (t: string) => customers.filter((p) => p.type === t);
    expect(byType('sms').every((p) => /^\+1\d{10}$/.test(p.address!) && p.proxyAddress === DEMO_SMS_NUMBER)).toBe(true);
    expect(byType('whatsapp').every((p) => /^whatsapp:\+(?!1)\d+$/.test(p.address!) && p.proxyAddress === DEMO_WHATSAPP_NUMBER)).toBe(true);
    expect(byType('chat').every((p) => p.identity!.startsWith('visitor-'))).toBe(true);
    for (const t of ['sms', 'whatsapp', 'chat']) expect(byType(t).length).toBeGreaterThanOrEqual(4);

    const view = transcript(world, now);
    for (const c of view) {
      expect(c.messages.length).toBeGreaterThanOrEqual(2);
      const ages = c.messages.map((m) => m[2] as number);
      // Oldest first, all in the past, opened before the first message.
      expect([...ages].sort((a, b) => b - a)).toEqual(ages);
      expect(ages.at(-1)).toBeGreaterThan(0);
      expect(c.ago).toBeGreaterThanOrEqual(ages[0]!);
    }
    expect(Math.max(...view.map((c) => c.ago))).toBeGreaterThan(3 * 24 * 3600_000);
    expect(view.filter((c) => (c.unread ?? 0) > 0).length).toBeGreaterThanOrEqual(4);
    expect(view.every((c) => c.unread !== null)).toBe(true);
    // An unread conversation ends with the customer speaking.
    for (const c of view.filter((x) => x.unread! > 0)) expect(c.messages.at(-1)![0]).not.toMatch(/@desk\.local$/);
    expect(view.flatMap((c) => c.messages).filter((m) => (m[3] as string[]).length > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('attaches real PNG images whose bytes are stored', () => {
    const world = freshWorld();
    seedDemo(world, now);
    const images = [...world.service.media.values()];
    expect(images.length).toBeGreaterThan(0);
    for (const rec of images) {
      const bytes = world.db.getBlob(rec.sid)!;
      expect(rec.contentType).toBe('image/png');
      expect(rec.messageSid).toBeTruthy();
      expect(bytes.length).toBe(rec.size);
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    }
  });

  it('leaves agent messages to phones delivered at the time they were sent, with nothing pending', () => {
    const world = freshWorld();
    seedDemo(world, now);
    const outbox = [...world.delivery.outbox.values()];
    expect(outbox.length).toBeGreaterThan(0);
    for (const o of outbox) {
      expect(o.status).toBe('delivered');
      expect(o.dateCreated).toBe(world.service.messages.get(o.messageSid ?? '')!.dateCreated);
    }
    expect([...world.service.receipts.values()].every((r) => r.status === 'delivered')).toBe(true);
  });

  it('is deterministic in content and fast', () => {
    const a = freshWorld();
    const started = performance.now();
    seedDemo(a, now);
    const elapsed = performance.now() - started;
    const b = freshWorld();
    seedDemo(b, now);
    expect(transcript(b, now)).toEqual(transcript(a, now));
    expect(elapsed).toBeLessThan(300);
  });
});

describe('placeholder PNG', () => {
  it('is a well-formed RGBA image of the requested size', () => {
    const png = placeholderPng(5, 3, [255, 0, 0], [0, 0, 255]);
    expect(png.readUInt32BE(16)).toBe(5);
    expect(png.readUInt32BE(20)).toBe(3);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(3 * (5 * 4 + 1));
    expect([...raw.subarray(1, 5)]).toEqual([0, 0, 255, 255]); // top-left pixel lies on the band
    expect([...raw.subarray(17, 21)]).toEqual([255, 0, 0, 255]); // top-right pixel is background
  });
});
