import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationsService, type Actor } from '../../../electron/emulator/conversations/service';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine } from '../../../electron/emulator/sync/engine';
import { TwilioError } from '../../../electron/emulator/util/errors';

const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };
const API: Actor = { identity: null, source: 'API' };
const ALICE: Actor = { identity: 'alice', source: 'SDK' };

/** JSON attributes of exactly `bytes` bytes. */
const attrs = (bytes: number): string => {
  const shell = JSON.stringify({ pad: '' });
  return JSON.stringify({ pad: 'x'.repeat(bytes - shell.length) });
};

describe('a refused change leaves no trace', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function world() {
    const dir = mkdtempSync(join(tmpdir(), 'emu-refused-'));
    dirs.push(dir);
    const db = Db.open(dir);
    const sync = new SyncEngine(db, 'https://cds.example', IDS);
    const svc = new ConversationsService(db, sync, IDS);
    const chat = svc.createConversation({ friendlyName: 'Chat', uniqueName: 'chat' }, API);
    svc.addParticipant(chat.sid, { identity: 'alice' }, API);
    const sms = svc.createConversation({ friendlyName: 'SMS', uniqueName: 'sms' }, API);
    svc.addParticipant(sms.sid, { identity: 'alice' }, API);
    svc.addParticipant(sms.sid, { address: '+14155550100', proxyAddress: '+15005550006' }, API);
    const message = svc.sendMessage(chat.sid, { body: 'first' }, ALICE);
    db.commit();
    const journal = (): Buffer => (existsSync(join(dir, 'state.journal.jsonl')) ? readFileSync(join(dir, 'state.journal.jsonl')) : Buffer.alloc(0));
    /** Runs a change that must be refused, then checks memory, Sync and journal are as before. */
    const refused = (change: () => unknown, expected: { status: number; code: number }): void => {
      const memory = db.dump();
      const events: unknown[] = [];
      const off = svc.onEvent((e) => events.push(e.type));
      const before = journal();
      let error: unknown;
      try {
        change();
      } catch (err) {
        error = err;
      }
      off();
      expect(error).toBeInstanceOf(TwilioError);
      expect({ status: (error as TwilioError).status, code: (error as TwilioError).code }).toEqual(expected);
      db.commit();
      expect(db.dump()).toBe(memory);
      expect(journal().equals(before)).toBe(true);
      expect(events).toEqual([]);
    };
    return { db, svc, chat, sms, message, refused };
  }

  it('refuses over-limit attributes, names and identities with Twilio’s codes, on SDK and REST paths', () => {
    const { svc, chat, refused } = world();
    for (const actor of [API, ALICE]) {
      refused(() => svc.createConversation({ attributes: attrs(16 * 1024 + 1) }, actor), { status: 400, code: 50303 });
      refused(() => svc.createConversation({ attributes: '{"a":' }, actor), { status: 400, code: 50304 });
      refused(() => svc.createConversation({ friendlyName: 'x'.repeat(257) }, actor), { status: 400, code: 50003 });
      refused(() => svc.createConversation({ uniqueName: 'x'.repeat(257) }, actor), { status: 400, code: 50004 });
      refused(() => svc.createConversation({ uniqueName: 'CH' + 'a'.repeat(32) }, actor), { status: 400, code: 50306 });
      refused(() => svc.createConversation({ uniqueName: 'chat' }, actor), { status: 409, code: 50353 });
      refused(() => svc.addParticipant(chat.sid, { identity: 'x'.repeat(300) }, actor), { status: 400, code: 50207 });
      refused(() => svc.addParticipant(chat.sid, { address: '+1'.padEnd(300, '5'), proxyAddress: '+15005550006' }, actor), { status: 400, code: 50407 });
      refused(() => svc.updateParticipant(chat.sid, 'alice', { attributes: attrs(4 * 1024 + 1), roleSid: 'RL' + '9'.repeat(32) }, actor), { status: 400, code: 50303 });
    }
    // Exactly at the limits is fine.
    expect(svc.createConversation({ attributes: attrs(16 * 1024), friendlyName: 'x'.repeat(256), uniqueName: 'u'.repeat(256) }, API).friendlyName).toHaveLength(256);
    expect(svc.addParticipant(chat.sid, { identity: 'i'.repeat(256), attributes: attrs(4 * 1024) }, API).identity).toHaveLength(256);
  });

  it('does not half-apply a change whose later part is refused (today’s SDK-path bugs)', () => {
    const { svc, chat, message, refused } = world();
    // The unique name used to be renamed, and the body replaced, before the attributes were read.
    refused(() => svc.updateConversation(chat.sid, { uniqueName: 'renamed', friendlyName: 'New', attributes: 'nope' }, ALICE), { status: 400, code: 50304 });
    expect(svc.findConversation('renamed')).toBeUndefined();
    expect(svc.findConversation('chat')?.sid).toBe(chat.sid);
    refused(() => svc.updateMessage(chat.sid, message.sid, { body: 'edited', attributes: attrs(4 * 1024 + 1) }, ALICE), { status: 400, code: 50303 });
    // A new chat participant's user (and its Sync maps) used to be created before the attributes were checked.
    refused(() => svc.addParticipant(chat.sid, { identity: 'newcomer', attributes: '[' }, ALICE), { status: 400, code: 50304 });
    expect(svc.findUser('newcomer')).toBeUndefined();
    refused(() => svc.updateUser('alice', { friendlyName: 'Alice', attributes: 'nope' }), { status: 400, code: 50304 });
    refused(() => svc.updateUser('alice', { friendlyName: 'x'.repeat(257) }), { status: 400, code: 50003 });
    refused(() => svc.createUser('y'.repeat(257), {}), { status: 400, code: 50207 });
    refused(() => svc.createUser('alice', {}), { status: 409, code: 50201 });
    refused(() => svc.updateParticipant(chat.sid, 'alice', { attributes: attrs(4 * 1024 + 1), lastReadIndex: 0 }, API), { status: 400, code: 50303 });
  });

  it('refuses bodies over Twilio’s limits: 32 KB in chat, 1,600 characters with SMS or WhatsApp participants', () => {
    const { svc, chat, sms, message, refused } = world();
    refused(() => svc.sendMessage(chat.sid, { body: 'x'.repeat(32 * 1024 + 1) }, ALICE), { status: 400, code: 50504 });
    refused(() => svc.sendMessage(chat.sid, { body: 'é'.repeat(16 * 1024 + 1) }, API), { status: 400, code: 50504 });
    refused(() => svc.sendMessage(sms.sid, { body: 'x'.repeat(1601) }, ALICE), { status: 400, code: 50504 });
    refused(() => svc.sendMessage(sms.sid, { body: '😀'.repeat(1601) }, API), { status: 400, code: 50504 });
    refused(() => svc.sendMessage(chat.sid, { body: 'ok', attributes: attrs(4 * 1024 + 1) }, ALICE), { status: 400, code: 50303 });
    refused(() => svc.sendMessage(chat.sid, { body: 'ok', mediaSids: ['ME' + '0'.repeat(32)] }, ALICE), { status: 400, code: 50507 });
    refused(() => svc.sendMessage(chat.sid, { body: 'ok' }, { identity: 'mallory', source: 'SDK' }), { status: 403, code: 50107 });
    refused(() => svc.updateMessage(chat.sid, message.sid, { body: 'x'.repeat(32 * 1024 + 1) }, ALICE), { status: 400, code: 50504 });
    // An emoji is one character to the customer: 1,600 of them fit.
    expect(svc.sendMessage(sms.sid, { body: '😀'.repeat(1600) }, ALICE).body).toHaveLength(3200);
    expect(svc.sendMessage(chat.sid, { body: 'x'.repeat(32 * 1024) }, ALICE).body).toHaveLength(32 * 1024);
  });

  it('hands out records nobody can change behind the service’s back', () => {
    const { svc, chat, message } = world();
    const c = svc.getConversation(chat.sid);
    expect(() => {
      (c as { friendlyName: string | null }).friendlyName = 'hacked';
    }).toThrow(TypeError);
    expect(() => {
      (message.media as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => svc.receiptsFor(message.sid).push({} as never)).not.toThrow();
    expect(svc.receiptsFor(message.sid)).toHaveLength(0);
    // A change makes a new record; the one handed out before still says what it said.
    svc.updateConversation(chat.sid, { friendlyName: 'Renamed' }, API);
    expect(c.friendlyName).toBe('Chat');
    expect(svc.getConversation(chat.sid).friendlyName).toBe('Renamed');
  });
});
