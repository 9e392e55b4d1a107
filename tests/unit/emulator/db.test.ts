import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '../../../electron/emulator/store/db';

const ids = (c: { entries(): IterableIterator<[string, unknown]> }): string[] => [...c.entries()].map(([id]) => id).sort();

interface Rec {
  n: number;
  text?: string;
}

describe('Db (journalled state)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emu-db-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const journal = () => join(dir, 'state.journal.jsonl');
  const snapshot = () => join(dir, 'state.snapshot.jsonl');

  it('writes a bulk commit as a new snapshot rather than a journal line, and reads it back line by line', () => {
    const db = Db.open(dir);
    const recs = db.collection<Rec>('recs');
    recs.put('small', { n: -1 });
    db.commit();
    expect(existsSync(journal())).toBe(true);
    // Lines longer than a read piece and multi-byte text across piece boundaries.
    const text = 'é'.repeat(300);
    for (let n = 0; n < 30_000; n++) recs.put(`r${n}`, { n, text });
    recs.delete('small');
    db.commit();
    expect(existsSync(journal())).toBe(false);
    expect(statSync(snapshot()).size).toBeGreaterThan(8 * 1024 * 1024);
    const again = Db.open(dir).collection<Rec>('recs');
    expect(again.size).toBe(30_000);
    expect(again.has('small')).toBe(false);
    expect(again.get('r29999')).toEqual({ n: 29_999, text });
    expect([...again.values()].every((r, n) => r.n === n && r.text === text)).toBe(true);
  });

  it('journals a big change that is not most of the state (a snapshot would rewrite all of it)', () => {
    const db = Db.open(dir);
    const recs = db.collection<Rec>('recs');
    for (let n = 0; n < 30_000; n++) recs.put(`r${n}`, { n });
    db.commit();
    expect(existsSync(journal())).toBe(false);
    for (let n = 0; n < 25_000; n++) recs.put(`s${n}`, { n });
    db.commit();
    expect(statSync(journal()).size).toBeGreaterThan(0);
    expect(Db.open(dir).collection<Rec>('recs').size).toBe(55_000);
  });

  it('keeps committed puts and deletes across a reopen', () => {
    const db = Db.open(dir);
    expect(db.isEmpty).toBe(true);
    const recs = db.collection<Rec>('recs');
    recs.put('a', { n: 1 });
    recs.put('b', { n: 2 });
    recs.put('c', { n: 3 });
    db.commit();
    recs.delete('b');
    const a = recs.get('a')!;
    a.n = 10; // in-place change, re-put to mark it
    recs.put('a', a);
    db.commit();
    // No close(): a kill right after a commit loses nothing.
    const again = Db.open(dir);
    const back = again.collection<Rec>('recs');
    expect(again.isEmpty).toBe(false);
    expect([...back.entries()].sort()).toEqual([
      ['a', { n: 10 }],
      ['c', { n: 3 }],
    ]);
  });

  it('ignores a torn last journal line (a kill mid-append) and keeps everything before it', () => {
    const db = Db.open(dir);
    db.collection<Rec>('recs').put('a', { n: 1 });
    db.commit();
    db.collection<Rec>('recs').put('b', { n: 2 });
    db.commit();
    appendFileSync(journal(), '{"c":"recs","i":"x","v":{"n":');
    const again = Db.open(dir);
    expect(ids(again.collection<Rec>('recs'))).toEqual(['a', 'b']);
    // Opening compacted: the torn fragment is gone and new appends start on a clean line.
    again.collection<Rec>('recs').put('c', { n: 3 });
    again.commit();
    expect(ids(Db.open(dir).collection<Rec>('recs'))).toEqual(['a', 'b', 'c']);
  });

  it('refuses a journal damaged before its last line instead of silently dropping state', () => {
    const db = Db.open(dir);
    db.collection<Rec>('recs').put('a', { n: 1 });
    db.commit();
    // Make the damage survive: reopen compacts, so write the journal after the fact.
    writeFileSync(journal(), '{"c":"recs","i":"b","v":{"n":2}}\nnot json\n{"c":"recs","i":"d","v":{"n":4}}\n');
    expect(() => Db.open(dir)).toThrow(/state\.journal\.jsonl line 2 is unreadable/);
  });

  it('compacts the journal into the snapshot on open and when it grows past its limit', () => {
    const db = Db.open(dir, { compactAfterBytes: 2_000 });
    const recs = db.collection<Rec>('recs');
    let sawCompaction = false;
    let previous = 0;
    for (let i = 0; i < 100; i++) {
      recs.put(`k${i % 10}`, { n: i, text: 'x'.repeat(50) });
      if (i % 3 === 0) recs.delete(`k${(i + 5) % 10}`);
      db.commit();
      const size = db.journalSize();
      if (size < previous) sawCompaction = true;
      previous = size;
      expect(size).toBeLessThanOrEqual(2_000 + 200);
    }
    expect(sawCompaction).toBe(true);
    const expected = [...recs.entries()].sort();
    const reopened = Db.open(dir);
    expect(reopened.journalSize()).toBe(0);
    expect(existsSync(journal())).toBe(false);
    expect(readFileSync(snapshot(), 'utf8').trim().split('\n')).toHaveLength(expected.length);
    expect([...reopened.collection<Rec>('recs').entries()].sort()).toEqual(expected);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes blobs byte-exact and atomically: a half-written temp file never shows', () => {
    const db = Db.open(dir);
    const bytes = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));
    db.putBlob('ME1', bytes);
    expect(db.getBlob('ME1')?.equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, 'media'))).toEqual(['ME1']);
    // A kill while overwriting leaves only the temp file behind; readers still get the old bytes.
    writeFileSync(join(dir, 'media', 'ME1.tmp'), bytes.subarray(0, 10));
    expect(Db.open(dir).getBlob('ME1')?.equals(bytes)).toBe(true);
    const replaced = Buffer.from('new content');
    db.putBlob('ME1', replaced);
    expect(Db.open(dir).getBlob('ME1')?.equals(replaced)).toBe(true);
    expect(readdirSync(join(dir, 'media'))).toEqual(['ME1']);
    expect(db.getBlob('missing')).toBeUndefined();
  });

  it('keeps blobs in memory without a data dir', () => {
    const db = Db.open();
    db.putBlob('ME2', Buffer.from([0, 255, 1]));
    expect([...db.getBlob('ME2')!]).toEqual([0, 255, 1]);
    expect(db.persistent).toBe(false);
  });

  it('keeps the state files private to the user, since they hold the account secrets', () => {
    const db = Db.open(dir);
    db.collection('meta').put('credentials', { authToken: 'secret' });
    db.commit();
    expect(statSync(journal()).mode & 0o777).toBe(0o600);
    Db.open(dir);
    expect(statSync(snapshot()).mode & 0o777).toBe(0o600);
  });

  it('writes nothing after close, even when late changes are flushed', async () => {
    const db = Db.open(dir);
    const recs = db.collection<Rec>('recs');
    recs.put('a', { n: 1 });
    db.close();
    recs.put('late', { n: 2 }); // e.g. a socket's presence change after shutdown
    await new Promise((resolve) => setImmediate(resolve)); // the scheduled flush runs here
    db.commit();
    expect(readFileSync(journal(), 'utf8')).not.toContain('late');
    expect(ids(Db.open(dir).collection<Rec>('recs'))).toEqual(['a']);
  });
});
