import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreationOrder, creationKey } from '../../../electron/emulator/conversations/creation-order';
import { ParticipantLookup } from '../../../electron/emulator/conversations/participant-lookup';
import { ConversationsService } from '../../../electron/emulator/conversations/service';
import { SortedKeys } from '../../../electron/emulator/conversations/sorted-keys';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine } from '../../../electron/emulator/sync/engine';

const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };
const API = { identity: null, source: 'API' as const };
const FROM = '+15005550006';

function open(dir?: string) {
  const db = Db.open(dir);
  const sync = new SyncEngine(db, 'https://cds.example', IDS);
  return { db, service: new ConversationsService(db, sync, IDS) };
}

/** What the indexes must always say: the same as a scan of every record. */
function scanned(service: ConversationsService, kind: 'identity' | 'address', key: string): string[] {
  return [...service.participants.values()].filter((p) => (kind === 'identity' ? p.identity : p.address) === key).map((p) => p.conversationSid).sort();
}

describe('the REST API’s indexes over the Conversations service', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps SortedKeys sorted and unique through adds and deletes in any order', () => {
    const keys = new SortedKeys();
    const expected = new Set<string>();
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const key = `k${seed % 500}`;
      if (seed % 3 === 0) {
        keys.delete(key);
        expected.delete(key);
      } else {
        keys.add(key);
        expected.add(key);
      }
    }
    expect(keys.all).toEqual([...expected].sort());
    expect(SortedKeys.of(['b', 'a', 'b', 'c']).all).toEqual(['a', 'b', 'c']);
  });

  it('finds an identity’s and an address’s conversations as a full scan would, through adds, removals and deletions', () => {
    const { service } = open();
    const lookup = ParticipantLookup.of(service);
    const convs = Array.from({ length: 12 }, () => service.createConversation({}, API));
    convs.forEach((c, i) => {
      if (i % 2 === 0) service.addParticipant(c.sid, { identity: 'ana' }, API);
      if (i % 3 === 0) service.addParticipant(c.sid, { identity: 'lee' }, API);
      // One customer talks to several business numbers, so their address is in several conversations.
      service.addParticipant(c.sid, { address: i % 4 === 0 ? 'whatsapp:+14155550100' : `+1415555${String(i).padStart(4, '0')}`, proxyAddress: i % 4 === 0 ? `whatsapp:+1415523${8000 + i}` : FROM }, API);
    });
    const check = () => {
      for (const id of ['ana', 'lee']) expect(lookup.conversationSids('identity', id)).toEqual(scanned(service, 'identity', id));
      expect(lookup.conversationSids('address', 'whatsapp:+14155550100')).toEqual(scanned(service, 'address', 'whatsapp:+14155550100'));
    };
    check();
    expect(lookup.conversationSids('identity', 'ana')).toHaveLength(6);

    service.removeParticipant(convs[0]!.sid, 'ana', API);
    service.deleteConversation(convs[6]!.sid, API);
    check();
    expect(lookup.participant('identity', 'ana', convs[0]!.sid)).toBeUndefined();

    // Leaving and joining again: the new participant is the one found.
    const again = service.addParticipant(convs[0]!.sid, { identity: 'ana' }, API);
    check();
    expect(lookup.participant('identity', 'ana', convs[0]!.sid)?.sid).toBe(again.sid);
    expect(lookup.conversationSids('identity', 'nobody')).toEqual([]);
  });

  it('is rebuilt from the records of a reopened data dir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rest-indexes-'));
    dirs.push(dir);
    const first = open(dir);
    const a = first.service.createConversation({ dateCreated: '2024-01-02T00:00:00.000Z' }, API);
    const b = first.service.createConversation({ dateCreated: '2024-01-01T00:00:00.000Z' }, API);
    first.service.addParticipant(a.sid, { identity: 'ana' }, API);
    first.service.addParticipant(b.sid, { identity: 'ana' }, API);
    const customer = first.service.addParticipant(b.sid, { address: '+14155550123', proxyAddress: FROM }, API);
    first.db.close();

    const { db, service } = open(dir);
    const lookup = ParticipantLookup.of(service);
    expect(lookup.conversationSids('identity', 'ana')).toEqual([a.sid, b.sid].sort());
    expect(lookup.participant('identity', 'ana', a.sid)).toMatchObject({ identity: 'ana', conversationSid: a.sid });
    expect(lookup.conversationSids('address', '+14155550123')).toEqual([b.sid]);
    expect(lookup.participant('address', '+14155550123', b.sid)?.sid).toBe(customer.sid);
    expect(CreationOrder.of(service).records.map((c) => c.sid)).toEqual([b.sid, a.sid]);
    // Kept current after being rebuilt in one sort per identity.
    const c = service.createConversation({}, API);
    service.addParticipant(c.sid, { identity: 'ana' }, API);
    expect(lookup.conversationSids('identity', 'ana')).toEqual([a.sid, b.sid, c.sid].sort());
    db.close();
  });

  it('keeps conversations in creation order with their current records, whatever order they are made in', () => {
    const { service } = open();
    const order = CreationOrder.of(service);
    const days = [5, 1, 9, 3, 3, 7];
    const made = days.map((d) => service.createConversation({ friendlyName: `day ${d}`, dateCreated: `2024-01-0${d}T00:00:00.000Z` }, API));
    const renamed = service.updateConversation(made[1]!.sid, { friendlyName: 'renamed', state: 'inactive' }, API);
    service.addParticipant(made[2]!.sid, { address: '+14155550123', proxyAddress: FROM }, API);
    const sent = service.sendMessage(made[2]!.sid, { author: '+14155550123', body: 'hi' }, { identity: null, source: 'SMS' });
    service.deleteConversation(made[3]!.sid, API);

    const expected = [...service.conversations.values()].sort((x, y) => (creationKey(x) < creationKey(y) ? -1 : 1));
    expect(order.records).toEqual(expected);
    expect(order.records.find((c) => c.sid === renamed.sid)).toMatchObject({ friendlyName: 'renamed', state: 'inactive' });
    expect(order.records.find((c) => c.sid === made[2]!.sid)?.lastMessage?.index).toBe(sent.index);
  });
});
