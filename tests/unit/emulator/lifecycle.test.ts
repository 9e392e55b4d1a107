import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Delivery } from '../../../electron/emulator/conversations/delivery';
import type { MediaRecord } from '../../../electron/emulator/conversations/records';
import { ConversationsService, type Actor } from '../../../electron/emulator/conversations/service';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine, type SyncEngineOptions } from '../../../electron/emulator/sync/engine';
import type { JsonObject } from '../../../electron/emulator/sync/types';
import { newSid } from '../../../electron/emulator/util/ids';

const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };
const API: Actor = { identity: null, source: 'API' };

describe('what a long-running workspace keeps', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-life-'));
    dirs.push(dir);
    return dir;
  };

  function open(dir: string, syncOptions: SyncEngineOptions = {}) {
    const db = Db.open(dir);
    const sync = new SyncEngine(db, 'https://cds.example', IDS, syncOptions);
    const svc = new ConversationsService(db, sync, IDS);
    /** What the media upload route stores: the bytes, then the record naming them. */
    const upload = (text: string): MediaRecord => {
      const rec: MediaRecord = {
        sid: newSid('ME'),
        serviceSid: IDS.serviceSid,
        conversationSid: null,
        messageSid: null,
        size: text.length,
        contentType: 'text/plain',
        filename: 'a.txt',
        category: 'media',
        author: 'alice',
        dateCreated: new Date().toISOString(),
      };
      db.putBlob(rec.sid, Buffer.from(text));
      svc.media.put(rec.sid, rec);
      return rec;
    };
    return { db, sync, svc, upload };
  }

  it('deletes a message’s media, record and bytes, with the message and with its conversation', () => {
    const dir = tempDir();
    const { db, svc, upload } = open(dir);
    const conv = svc.createConversation({}, API);
    const one = upload('one');
    const two = upload('two');
    const three = upload('three');
    const kept = upload('kept');
    const m1 = svc.sendMessage(conv.sid, { author: 'alice', mediaSids: [one.sid, two.sid] }, API);
    const m2 = svc.sendMessage(conv.sid, { author: 'alice', mediaSids: [three.sid] }, API);
    const other = svc.createConversation({}, API);
    svc.sendMessage(other.sid, { author: 'alice', mediaSids: [kept.sid] }, API);
    expect(readdirSync(join(dir, 'media')).sort()).toEqual([one.sid, two.sid, three.sid, kept.sid].sort());

    svc.removeMessage(conv.sid, m1.sid, API);
    expect(svc.media.has(one.sid) || svc.media.has(two.sid)).toBe(false);
    expect(db.getBlob(one.sid)).toBeUndefined();
    expect(readdirSync(join(dir, 'media')).sort()).toEqual([three.sid, kept.sid].sort());

    svc.deleteConversation(conv.sid, API);
    expect(svc.messages.has(m2.sid)).toBe(false);
    expect(svc.media.has(three.sid)).toBe(false);
    expect(readdirSync(join(dir, 'media'))).toEqual([kept.sid]);
    expect(db.getBlob(kept.sid)?.toString()).toBe('kept');
    db.close();

    // After a restart the journal agrees: nothing deleted comes back.
    const again = open(dir);
    expect([...again.svc.media.values()].map((x) => x.sid)).toEqual([kept.sid]);
    again.db.close();
  });

  it('sweeps, on start, bytes whose record never reached the journal and temp files of cut-short writes', () => {
    const dir = tempDir();
    const first = open(dir);
    const kept = first.upload('kept');
    first.db.commit();
    first.db.putBlob(newSid('ME'), Buffer.from('orphan: killed before its record was journalled'));
    writeFileSync(join(dir, 'media', `${kept.sid}.1234567`), 'half a write');
    expect(readdirSync(join(dir, 'media'))).toHaveLength(3);
    const second = open(dir);
    expect(readdirSync(join(dir, 'media'))).toEqual([kept.sid]);
    expect(second.db.getBlob(kept.sid)?.toString()).toBe('kept');
    second.db.close();
  });

  it('sweeps uploads that never became part of a message once they are a week old', () => {
    const dir = tempDir();
    const first = open(dir);
    const conv = first.svc.createConversation({}, API);
    const week = 7 * 24 * 60 * 60 * 1000;
    const stale = { ...first.upload('refused send'), dateCreated: new Date(Date.now() - week - 60_000).toISOString() };
    first.svc.media.put(stale.sid, stale);
    const sentLongAgo = { ...first.upload('sent'), dateCreated: stale.dateCreated };
    first.svc.media.put(sentLongAgo.sid, sentLongAgo);
    first.svc.sendMessage(conv.sid, { author: 'alice', mediaSids: [sentLongAgo.sid] }, API);
    const fresh = first.upload('about to be sent');
    first.db.close();
    const second = open(dir);
    expect([...second.svc.media.values()].map((x) => x.sid).sort()).toEqual([sentLongAgo.sid, fresh.sid].sort());
    expect(readdirSync(join(dir, 'media')).sort()).toEqual([sentLongAgo.sid, fresh.sid].sort());
    expect(second.svc.sweepUnsentMedia(week, Date.now() + week + 60_000)).toBe(1);
    expect(second.db.getBlob(fresh.sid)).toBeUndefined();
    second.db.close();
  });

  it('keeps Sync tombstones bounded by count and age, and still replays the recent removals', () => {
    const dir = tempDir();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { db, sync } = open(dir, { tombstonesPerObject: 3, tombstoneRetentionMs: 60_000, now: () => now });
    const map = sync.createMap(null);
    for (let i = 0; i < 10; i++) sync.mapSet(map.sid, `k${i}`, { i });
    for (let i = 0; i < 8; i++) sync.mapRemove(map.sid, `k${i}`);
    expect(sync.tombstoneCount(map.sid)).toBe(3);
    db.commit();
    expect(JSON.parse(db.dump()).syncTombstones).toSatisfy((t: Record<string, unknown>) => Object.keys(t).length === 3);

    // A client that saw everything up to the 7th removal is told about the last one.
    const seen: JsonObject[] = [];
    const lastEventId = sync.find('map', map.sid)!.lastEventId;
    sync.establish({ notify: (_type, payload) => seen.push(payload) }, [{ object_sid: map.sid, object_type: 'map', last_event_id: lastEventId - 1 }], 'c1');
    expect(seen.map((e) => e.event_type)).toEqual(['map_item_removed', 'subscription_established']);
    expect((seen[0]!.event as JsonObject).item_key).toBe('k7');

    // Tombstones older than the retention go with the next removal, whatever their number.
    now += 61_000;
    sync.mapRemove(map.sid, 'k8');
    expect(sync.tombstoneCount(map.sid)).toBe(1);
    db.close();

    // And the same bound holds for a data dir written before it (or with a larger one).
    const reopened = open(dir, { tombstonesPerObject: 0, now: () => now });
    expect(reopened.sync.tombstoneCount(map.sid)).toBe(0);
    reopened.db.commit();
    expect(JSON.parse(reopened.db.dump()).syncTombstones).toBeUndefined();
    reopened.db.close();
  });

  it('drops the tombstones and items of a removed object, and orphans left by older versions on load', () => {
    const dir = tempDir();
    const { db, sync, svc } = open(dir);
    const conv = svc.createConversation({}, API);
    svc.addParticipant(conv.sid, { identity: 'alice' }, API);
    svc.removeParticipant(conv.sid, 'alice', API);
    svc.deleteConversation(conv.sid, API);
    db.commit();
    const state = JSON.parse(db.dump()) as Record<string, Record<string, { objectSid?: string }>>;
    for (const name of ['syncItems', 'syncTombstones']) {
      for (const rec of Object.values(state[name] ?? {})) expect(sync.find('map', rec.objectSid!) ?? sync.find('list', rec.objectSid!)).toBeDefined();
    }
    // An item whose object is gone (as an older version could leave behind) is dropped on load.
    db.collection('syncItems').put('MPgone|string|x', { objectSid: 'MP' + 'f'.repeat(32), key: 'x', data: {}, revision: 1, lastEventId: 1, createdEventId: 1, dateCreated: '', dateUpdated: '' });
    db.close();
    const again = open(dir);
    again.db.commit();
    expect(Object.keys((JSON.parse(again.db.dump()) as Record<string, object>).syncItems ?? {})).not.toContain('MPgone|string|x');
    again.db.close();
  });

  it('keeps the outbound log bounded, oldest first out, and forgets a deleted conversation’s part', () => {
    const dir = tempDir();
    const { db, svc } = open(dir);
    const delivery = new Delivery(db, svc, 1_000_000, 3);
    const conv = svc.createConversation({}, API);
    svc.addParticipant(conv.sid, { address: '+14155550100', proxyAddress: '+15005550006' }, API);
    for (let i = 1; i <= 5; i++) svc.sendMessage(conv.sid, { author: 'agent', body: `m${i}` }, API);
    expect(delivery.deliveredTo('+14155550100').map((o) => o.body)).toEqual(['m3', 'm4', 'm5']);
    expect(delivery.outbox.size).toBe(3);

    const other = svc.createConversation({}, API);
    svc.addParticipant(other.sid, { address: '+14155550199', proxyAddress: '+15005550006' }, API);
    svc.sendMessage(other.sid, { author: 'agent', body: 'elsewhere' }, API);
    svc.deleteConversation(conv.sid, API);
    expect(delivery.deliveredTo('+14155550100')).toEqual([]);
    expect(delivery.deliveredTo('+14155550199').map((o) => o.body)).toEqual(['elsewhere']);
    delivery.close();
    db.close();

    // A data dir holding more than the bound (older version, larger bound) is cut on start.
    const reopened = open(dir);
    reopened.svc.sendMessage(other.sid, { author: 'agent', body: 'again' }, API);
    const bounded = new Delivery(reopened.db, reopened.svc, 1_000_000, 1);
    expect(bounded.outbox.size).toBe(1);
    bounded.close();
    reopened.db.close();
  });
});
