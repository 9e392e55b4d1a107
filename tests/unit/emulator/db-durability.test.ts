import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '../../../electron/emulator/store/db';

// Watches the file system calls the Db makes, the real ones still doing the work.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, fsyncSync: vi.fn(real.fsyncSync) };
});

const fsync = vi.mocked(fs.fsyncSync);

describe('Db durability', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    fsync.mockClear();
  });

  it('has the journal lines fsynced by the time commit() returns, so an answered change survives a power loss', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'emu-durable-'));
    dirs.push(dir);
    const db = Db.open(dir);
    const recs = db.collection<{ n: number }>('recs');
    fsync.mockClear();
    recs.put('a', { n: 1 });
    db.commit();
    expect(fsync).toHaveBeenCalledTimes(1);
    // The file synced is the journal, and the line is in it.
    const [fd] = fsync.mock.calls[0]!;
    const journal = join(dir, 'state.journal.jsonl');
    expect(fs.fstatSync(fd).ino).toBe(fs.statSync(journal).ino);
    expect(fs.readFileSync(journal, 'utf8')).toContain('"i":"a"');
    // Nothing to write, nothing to sync.
    db.commit();
    expect(fsync).toHaveBeenCalledTimes(1);
    recs.put('b', { n: 2 });
    db.commit();
    expect(fsync).toHaveBeenCalledTimes(2);
    db.close();
  });

  it('writes a change to several records as one journal line: a cut write loses all of it, not half', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'emu-durable-'));
    dirs.push(dir);
    const db = Db.open(dir);
    const recs = db.collection<{ n: number }>('recs');
    recs.put('kept', { n: 0 });
    db.commit();
    recs.put('a', { n: 1 });
    recs.put('b', { n: 2 });
    recs.delete('kept');
    db.commit();
    db.close();
    const journal = join(dir, 'state.journal.jsonl');
    const lines = fs.readFileSync(journal, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    // Power lost halfway through the second line's write: the file ends inside it.
    fs.writeFileSync(journal, `${lines[0]}\n${lines[1]!.slice(0, Math.floor(lines[1]!.length / 2))}`);
    const reopened = Db.open(dir).collection<{ n: number }>('recs');
    expect([...reopened.entries()]).toEqual([['kept', { n: 0 }]]);
  });

  it('fsyncs the snapshot and the folder when compacting', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'emu-durable-'));
    dirs.push(dir);
    const db = Db.open(dir, { compactAfterBytes: 1 });
    db.collection<{ n: number }>('recs').put('a', { n: 1 });
    fsync.mockClear();
    db.commit(); // journal line, then compaction: snapshot file and folder (twice: rename, unlink)
    expect(fsync.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(fs.existsSync(join(dir, 'state.journal.jsonl'))).toBe(false);
    expect(fs.readFileSync(join(dir, 'state.snapshot.jsonl'), 'utf8')).toContain('"i":"a"');
    db.close();
  });
});

describe('Db media durability', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    fsync.mockClear();
  });

  /** Inode numbers of what fsyncSync was called on (the fds are closed by then, so they are read during the call). */
  const syncedInodes = (): { inodes: number[]; stop(): void } => {
    const inodes: number[] = [];
    const real = fsync.getMockImplementation()!;
    fsync.mockImplementation((fd: number) => {
      inodes.push(fs.fstatSync(fd).ino);
      real(fd);
    });
    return { inodes, stop: () => fsync.mockImplementation(real) };
  };

  it('fsyncs the media folder after moving an upload in, so the rename survives a power loss', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'emu-durable-'));
    dirs.push(dir);
    const db = Db.open(dir);
    const upload = join(db.uploadDir!, 'x.part');
    fs.mkdirSync(db.uploadDir!, { recursive: true });
    fs.writeFileSync(upload, 'bytes');
    const { inodes, stop } = syncedInodes();
    try {
      db.adoptBlobFile('ME1', upload);
    } finally {
      stop();
    }
    expect(inodes).toContain(fs.statSync(join(dir, 'media', 'ME1')).ino);
    expect(inodes).toContain(fs.statSync(join(dir, 'media')).ino);
    db.close();
  });

  it('fsyncs the media folder after writing a blob from memory', () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'emu-durable-'));
    dirs.push(dir);
    const db = Db.open(dir);
    const { inodes, stop } = syncedInodes();
    try {
      db.putBlob('ME2', Buffer.from('bytes'));
    } finally {
      stop();
    }
    expect(inodes).toContain(fs.statSync(join(dir, 'media')).ino);
    db.close();
  });
});
