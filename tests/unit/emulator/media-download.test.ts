import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationsService } from '../../../electron/emulator/conversations/service';
import type { RequestHead } from '../../../electron/emulator/http/request';
import { mediaMount } from '../../../electron/emulator/mcs/media-routes';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine } from '../../../electron/emulator/sync/engine';

/** Downloads: with a data dir the bytes are streamed from their file, never read whole into memory. */
const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };
const MB = 1024 * 1024;

describe('media downloads', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanup.splice(0)) c();
  });

  function world(dir?: string) {
    const db = Db.open(dir);
    const service = new ConversationsService(db, new SyncEngine(db, 'https://cds.example', IDS), IDS);
    const verify = () => ({ identity: 'agent', serviceSid: IDS.serviceSid, apiKeySid: 'SK', accountSid: IDS.accountSid, expiresAt: Date.now() + 60_000 });
    const media = mediaMount({ db, service, origin: () => 'http://127.0.0.1:1', signingKey: 'secret', verify });
    cleanup.push(() => {
      media.close();
      db.close();
    });
    return media;
  }

  /** GETs a stored file's content through the route policy's check and the handler, as the server does. */
  async function download(media: ReturnType<typeof world>, sid: string) {
    const head = (path: string, query = ''): RequestHead => {
      const url = new URL(`http://127.0.0.1:1${path}${query}`);
      return { method: 'GET', path, url, query: url.searchParams, headers: { 'x-twilio-token': 't' } };
    };
    const record = await media.handle({ ...head(`/v1/Services/${IDS.serviceSid}/Media/${sid}`), body: Buffer.alloc(0) });
    const temporary = new URL((record.body as { links: { content_direct_temporary: string } }).links.content_direct_temporary);
    const content = head(temporary.pathname, temporary.search);
    media.policy(content).authenticate?.(content);
    return media.handle({ ...content, body: Buffer.alloc(0) });
  }

  it('with a data dir, answers with a stream of the file and its Content-Length', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-download-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const media = world(dir);
    const bytes = Buffer.alloc(3 * MB, 7);
    const rec = media.store({ bytes, contentType: 'application/octet-stream', filename: 'big.bin', author: 'agent' });
    const reply = await download(media, rec.sid);
    expect(reply.status).toBe(200);
    expect(reply.body).toBeInstanceOf(Readable);
    expect(reply.headers?.['content-length']).toBe(String(bytes.length));
    expect((await buffer(reply.body as Readable)).equals(bytes)).toBe(true);
  });

  it('in memory, answers with the bytes it already holds', async () => {
    const media = world();
    const bytes = Buffer.from('hello');
    const rec = media.store({ bytes, contentType: 'text/plain', filename: 'a.txt', author: 'agent' });
    const reply = await download(media, rec.sid);
    expect(Buffer.isBuffer(reply.body) && reply.body.equals(bytes)).toBe(true);
  });

  it('refuses a forged signature from the head alone', () => {
    const media = world();
    const path = `/v1/Services/${IDS.serviceSid}/Media/ME${'0'.repeat(32)}/Content`;
    const url = new URL(`http://127.0.0.1:1${path}?Expires=${Date.now() + 60_000}&Signature=${'0'.repeat(64)}`);
    const head: RequestHead = { method: 'GET', path, url, query: url.searchParams, headers: {} };
    expect(() => media.policy(head).authenticate?.(head)).toThrow(expect.objectContaining({ status: 403, code: 20403 }));
  });
});
