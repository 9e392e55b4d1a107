import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationsService } from '../../../electron/emulator/conversations/service';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine } from '../../../electron/emulator/sync/engine';

const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };
const API = { identity: null, source: 'API' as const };

function open(dir?: string) {
  const db = Db.open(dir);
  const sync = new SyncEngine(db, 'https://cds.example', IDS);
  return { db, sync, service: new ConversationsService(db, sync, IDS) };
}

describe('ConversationsService rules the control API relies on', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('releases a customer binding when its conversation is closed, as Twilio does', () => {
    const { service } = open();
    const first = service.createConversation({}, API);
    const p = service.addParticipant(first.sid, { address: '+14155550100', proxyAddress: '+15005550006' }, API);
    expect(service.findByBinding('+14155550100', '+15005550006')?.sid).toBe(p.sid);
    const second = service.createConversation({}, API);
    expect(() => service.addParticipant(second.sid, { address: '+14155550100', proxyAddress: '+15005550006' }, API)).toThrow(/already talks to/);

    service.updateConversation(first.sid, { state: 'closed' }, API);
    expect(service.findByBinding('+14155550100', '+15005550006')).toBeUndefined();
    const again = service.addParticipant(second.sid, { address: '+14155550100', proxyAddress: '+15005550006' }, API);
    expect(service.findByBinding('+14155550100', '+15005550006')?.sid).toBe(again.sid);
  });

  it('starts with everyone offline, even if a kill left users marked online', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-svc-'));
    dirs.push(dir);
    const before = open(dir);
    before.service.setOnline('agent@desk.local', true);
    before.db.commit(); // then "killed": no close, no socket close events
    const after = open(dir);
    const user = after.service.findUser('agent@desk.local')!;
    expect(user.online).toBe(false);
    expect(after.sync.getItem(user.infoMapSid, 'reachability')?.data).toEqual({ online: false, notifiable: false });
    after.db.close();
  });
});
