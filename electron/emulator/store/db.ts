import { closeSync, createReadStream, existsSync, fstatSync, fsync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * The emulator's whole state: named collections of JSON records, kept in memory and, with a data
 * dir, made durable through an append-only journal compacted into a snapshot. A mutation is
 * journalled by `commit()`, which request handlers call before they answer; `commit()` returns
 * only once the lines are fsynced, so whatever a client saw acknowledged survives a kill and a
 * power loss. A torn last journal line (cut mid-write) is ignored on load; a snapshot is only
 * ever replaced by rename after it was fsynced, and the directory is fsynced after the rename,
 * so neither file is corrupted and a finished compaction is not undone by a power loss. A bulk
 * commit (seeding) is written as a new snapshot the same way, rather than as one giant line.
 */
export interface Collection<T> {
  get(id: string): T | undefined;
  has(id: string): boolean;
  values(): IterableIterator<T>;
  entries(): IterableIterator<[string, T]>;
  readonly size: number;
  /** Stores (or re-stores after an in-place change) a record and marks it for the journal. */
  put(id: string, value: T): void;
  delete(id: string): void;
}

interface JournalLine {
  c: string;
  i: string;
  v?: unknown;
  d?: 1;
}

/** One commit of several records, written as one line so that it is replayed whole or not at all. */
interface JournalBatch {
  b: JournalLine[];
}

const SNAPSHOT = 'state.snapshot.jsonl';
const JOURNAL = 'state.journal.jsonl';
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;
/** Records changed by one commit (and at least half of all) past which it is written as a snapshot rather than a journal line. */
const BULK_COMMIT_RECORDS = 20_000;
/** How much of a snapshot or journal is read at a time on load: the files can outgrow V8's longest string. */
const READ_CHUNK_BYTES = 8 * 1024 * 1024;
/** Blob ids are record sids: letters and digits only, so one can never name another path. */
const MEDIA_ID = /^[A-Za-z0-9]{1,64}$/;

function writeFully(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Makes a directory's entries (a rename, an unlink) durable; Windows cannot open directories. */
function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on Windows, where NTFS journals directory changes itself.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export class Db {
  private readonly collections = new Map<string, Map<string, unknown>>();
  private readonly dirty = new Map<string, Set<string>>();
  private flushScheduled = false;
  private journalBytes = 0;
  /** The journal, open for appending while the Db is (opened lazily, closed by compact/close). */
  private journalFd: number | null = null;
  private closed = false;
  /** Journal lines written, and how many of them are known to be on disk (group commit). */
  private writtenGen = 0;
  private syncedGen = 0;
  /** The one fsync in flight; commits that wrote before it started share it. */
  private syncing: Promise<void> | null = null;

  private constructor(
    private readonly dir: string | null,
    private readonly compactAfterBytes: number,
  ) {}

  /** An in-memory database, or one loaded from (and persisted to) `dir`. */
  static open(dir?: string, options: { compactAfterBytes?: number } = {}): Db {
    const db = new Db(dir ?? null, options.compactAfterBytes ?? COMPACT_AFTER_BYTES);
    if (dir) {
      // The state holds the account's secrets: keep it to this user.
      mkdirSync(join(dir, 'media'), { recursive: true, mode: 0o700 });
      // Temp files of blob writes cut short by a kill; nothing else writes there yet.
      for (const name of readdirSync(join(dir, 'media'))) if (!MEDIA_ID.test(name)) rmSync(join(dir, 'media', name), { force: true });
      // Compacting folds the journal (and any torn last line) into the snapshot; with no journal
      // the snapshot is already compact, and rewriting it would only slow the start.
      const journalled = db.load();
      if (journalled) db.compact();
    }
    return db;
  }

  get persistent(): boolean {
    return this.dir !== null;
  }

  /** True when nothing has ever been stored (a fresh data dir or memory). */
  get isEmpty(): boolean {
    for (const c of this.collections.values()) if (c.size > 0) return false;
    return true;
  }

  collection<T>(name: string): Collection<T> {
    let map = this.collections.get(name) as Map<string, T> | undefined;
    if (!map) {
      map = new Map<string, T>();
      this.collections.set(name, map);
    }
    const records = map;
    const mark = (id: string): void => this.markDirty(name, id);
    return {
      get: (id) => records.get(id),
      has: (id) => records.has(id),
      values: () => records.values(),
      entries: () => records.entries(),
      get size() {
        return records.size;
      },
      put(id, value) {
        records.set(id, value);
        mark(id);
      },
      delete(id) {
        if (records.delete(id)) mark(id);
      },
    };
  }

  /** Appends every change since the last commit to the journal and fsyncs it (synchronously). */
  commit(): void {
    if (!this.write() || this.journalFd === null) return;
    // Acknowledged means on disk: the caller answers the client right after this returns.
    fsyncSync(this.journalFd);
    this.syncedGen = this.writtenGen;
    this.compactIfLong();
  }

  /**
   * The same promise as `commit()`, kept by many requests at once: the changes are serialized and
   * appended now, in order, and the returned promise settles once an fsync that began after the
   * append is done. Requests answered in the same moment share one fsync (group commit) instead
   * of each blocking the event loop on its own: a campaign's 100 requests a second are then
   * limited by Twilio's concurrency, not by the disk.
   */
  async commitDurably(): Promise<void> {
    this.write();
    const target = this.writtenGen;
    while (this.syncedGen < target && !this.closed) {
      // Cleared when it settles, not inside syncJournal: with no journal open that runs to its end
      // before this assignment, which would then keep a settled promise here for good (no later
      // fsync, no compaction, this loop spinning on it).
      this.syncing ??= this.syncJournal().finally(() => {
        this.syncing = null;
      });
      await this.syncing;
    }
    this.compactIfLong();
  }

  private async syncJournal(): Promise<void> {
    const gen = this.writtenGen;
    const fd = this.journalFd;
    try {
      if (fd !== null) await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
    } catch (err) {
      // Compaction or close() replaced the journal meanwhile: the fsynced snapshot holds these lines.
      if (this.journalFd === fd && !this.closed) throw err;
    }
    this.syncedGen = Math.max(this.syncedGen, gen);
  }

  private compactIfLong(): void {
    // Not while an fsync of the journal is in flight: compaction closes it.
    if (this.journalBytes > this.compactAfterBytes && this.syncing === null && !this.closed) this.compact();
  }

  /** Appends every change since the last commit as one journal line (not yet fsynced); false when there was none. */
  private write(): boolean {
    // Sockets closing after close() still report presence; that is reset on the next start, and
    // the data dir may already be gone (tests, uninstall), so late changes are not written.
    if (this.dirty.size === 0 || this.closed) return false;
    if (!this.dir) {
      this.dirty.clear();
      return false;
    }
    // A bulk change (a seeded workspace: hundreds of thousands of records) goes straight into a
    // new snapshot, which holds memory whole and is as durable on return (fsync, rename, fsync of
    // the folder): as one journal line it would be hundreds of megabytes, near V8's longest string,
    // replayed at every start until the compaction that follows it rewrites it all again anyway.
    // Only when the change is most of the state, so the snapshot costs at most about twice the
    // line: deleting a 20,000-message thread from a big workspace still journals one line.
    let changed = 0;
    for (const ids of this.dirty.values()) changed += ids.size;
    let stored = 0;
    if (changed >= BULK_COMMIT_RECORDS) for (const records of this.collections.values()) stored += records.size;
    if (changed >= BULK_COMMIT_RECORDS && changed * 2 >= stored) {
      this.dirty.clear();
      this.compact();
      return false;
    }
    const entries: JournalLine[] = [];
    for (const [c, ids] of this.dirty) {
      const records = this.collections.get(c);
      for (const i of ids) {
        const v = records?.get(i);
        entries.push(v === undefined ? { c, i, d: 1 } : { c, i, v });
      }
    }
    this.dirty.clear();
    // A change touches several records (a message, its Sync item, the conversation): they go in
    // one line, so a write cut by a kill or a power loss loses the whole change, never half of it.
    const line = entries.length === 1 ? entries[0] : ({ b: entries } satisfies JournalBatch);
    const text = Buffer.from(JSON.stringify(line) + '\n');
    this.journalFd ??= openSync(join(this.dir, JOURNAL), 'a', 0o600);
    writeFully(this.journalFd, text);
    this.journalBytes += text.length;
    this.writtenGen++;
    return true;
  }

  /**
   * Media bytes live beside the records, one file each, written atomically and fsynced by
   * write-file-atomic (temp file, fsync, rename) before the record that names them is journalled.
   */
  putBlob(id: string, bytes: Buffer): void {
    if (!this.dir) {
      this.blobs.set(id, bytes);
      return;
    }
    writeFileAtomic.sync(this.blobFile(id), bytes, { mode: 0o600, fsync: true });
    // write-file-atomic fsyncs the file, not the folder: the rename must be durable too.
    fsyncDir(join(this.dir, 'media'));
  }

  /** Forgets a blob's bytes (its record is deleted by its owner); a missing blob is fine. */
  deleteBlob(id: string): void {
    if (!this.dir) {
      this.blobs.delete(id);
      return;
    }
    rmSync(this.blobFile(id), { force: true });
  }

  /** Ids of every stored blob (to sweep bytes whose record was never journalled). */
  blobIds(): string[] {
    if (!this.dir) return [...this.blobs.keys()];
    return readdirSync(join(this.dir, 'media')).filter((name) => MEDIA_ID.test(name));
  }

  private blobFile(id: string): string {
    if (!MEDIA_ID.test(id)) throw new Error(`Not a media id: ${id}`);
    return join(this.dir as string, 'media', id);
  }

  /**
   * A blob to send: with a data dir, a stream of its file (opened now, so its size is the size of
   * what is sent even if the blob is replaced or deleted meanwhile); in memory, the bytes already
   * held. Never reads a file whole: a blob can be 150 MB.
   */
  openBlob(id: string): { size: number; body: Buffer | Readable } | undefined {
    if (!this.dir) {
      const bytes = this.blobs.get(id);
      return bytes && { size: bytes.length, body: bytes };
    }
    const file = this.blobFile(id);
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      const { size } = fstatSync(fd);
      // The stream owns the descriptor from here and closes it when it ends or is destroyed.
      return { size, body: createReadStream(file, { fd, autoClose: true }) };
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  getBlob(id: string): Buffer | undefined {
    if (!this.dir) return this.blobs.get(id);
    const file = join(this.dir, 'media', id);
    return existsSync(file) ? readFileSync(file) : undefined;
  }

  /** Where uploads are written while they stream in (beside the blobs, so adopting one is a rename); null in memory. */
  get uploadDir(): string | null {
    return this.dir ? join(this.dir, 'uploads') : null;
  }

  /** Moves a finished upload (a file the caller wrote) into the blob store, or into memory without a data dir. */
  adoptBlobFile(id: string, file: string): void {
    if (!this.dir) {
      this.blobs.set(id, readFileSync(file));
      rmSync(file, { force: true });
      return;
    }
    // Durable before the record that names it is journalled, as putBlob's bytes are.
    const fd = openSync(file, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(file, this.blobFile(id));
    // The rename itself is on disk only once the media folder is fsynced, as compaction does.
    fsyncDir(join(this.dir, 'media'));
  }

  private readonly blobs = new Map<string, Buffer>();

  close(): void {
    this.commit();
    this.closed = true;
    this.closeJournal();
  }

  private closeJournal(): void {
    if (this.journalFd === null) return;
    closeSync(this.journalFd);
    this.journalFd = null;
  }

  private markDirty(c: string, id: string): void {
    let ids = this.dirty.get(c);
    if (!ids) {
      ids = new Set();
      this.dirty.set(c, ids);
    }
    ids.add(id);
    // Changes made outside a request (timers, webhooks' receipts) still reach the disk soon.
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        // A disk that fails the journal still ends the process, as a synchronous commit would.
        this.commitDurably().catch((err: unknown) => process.nextTick(() => {
          throw err;
        }));
      });
    }
  }

  /** Reads the snapshot then the journal; returns whether there was a journal to replay. */
  private load(): boolean {
    const dir = this.dir as string;
    let journalled = false;
    for (const name of [SNAPSHOT, JOURNAL]) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      if (name === JOURNAL) journalled = true;
      forEachLine(file, (line, n, last) => {
        let parsed: JournalLine | JournalBatch;
        try {
          parsed = JSON.parse(line) as JournalLine | JournalBatch;
        } catch (err) {
          // Only the very last line can be torn by a kill mid-append; anything else is damage.
          if (last) return;
          throw new Error(`${name} line ${n + 1} is unreadable: ${(err as Error).message}`);
        }
        for (const entry of 'b' in parsed ? parsed.b : [parsed]) {
          let records = this.collections.get(entry.c);
          if (!records) {
            records = new Map();
            this.collections.set(entry.c, records);
          }
          if (entry.d) records.delete(entry.i);
          else records.set(sameString(entry.i, entry.v), entry.v);
        }
      });
    }
    return journalled;
  }

  /**
   * Rewrites the snapshot from memory and empties the journal. Streamed in 1 MB pieces rather
   * than handed to write-file-atomic, which takes the whole content at once: a snapshot can be
   * hundreds of megabytes, and holding it twice would double the emulator's memory for a moment.
   */
  private compact(): void {
    const dir = this.dir as string;
    const tmp = join(dir, SNAPSHOT + '.tmp');
    const fd = openSync(tmp, 'w', 0o600);
    try {
      let buffer = '';
      for (const [c, records] of this.collections) {
        for (const [i, v] of records) {
          buffer += JSON.stringify({ c, i, v }) + '\n';
          if (buffer.length > 1 << 20) {
            writeSync(fd, buffer);
            buffer = '';
          }
        }
      }
      if (buffer) writeSync(fd, buffer);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(dir, SNAPSHOT));
    // The rename must be on disk before the journal it replaces is gone.
    fsyncDir(dir);
    this.closeJournal();
    rmSync(join(dir, JOURNAL), { force: true });
    fsyncDir(dir);
    this.journalBytes = 0;
    // Everything written so far is in the fsynced snapshot.
    this.syncedGen = this.writtenGen;
  }

  /** Every record as JSON, collections and ids in a stable order (for diagnostics and tests). */
  dump(): string {
    const out: Record<string, Record<string, unknown>> = {};
    for (const name of [...this.collections.keys()].sort()) {
      const records = this.collections.get(name) as Map<string, unknown>;
      if (records.size === 0) continue;
      out[name] = Object.fromEntries([...records.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return JSON.stringify(out);
  }

  /** Size of the journal on disk (for diagnostics and tests). */
  journalSize(): number {
    const file = join(this.dir ?? '', JOURNAL);
    return this.dir && existsSync(file) ? statSync(file).size : 0;
  }
}

/**
 * Calls `each` with every non-empty line of a file, read a piece at a time, never as one string:
 * a snapshot of a 100,000-conversation service is ~500 MB, past V8's longest string, and reading
 * it whole would also hold it in memory twice (bytes and text) beside the records parsed from it.
 * `last` tells the final line, the only one a kill mid-append can leave torn.
 */
function forEachLine(file: string, each: (line: string, n: number, last: boolean) => void): void {
  const fd = openSync(file, 'r');
  try {
    let chunk = Buffer.alloc(READ_CHUNK_BYTES);
    let held = 0;
    let n = 0;
    // Each line is handed on once the next one is found, so the last one is known as the last.
    let pending: string | null = null;
    const found = (line: string): void => {
      if (pending !== null) each(pending, n - 1, false);
      pending = line;
      n++;
    };
    for (;;) {
      if (held === chunk.length) {
        // One line longer than the buffer (an old journal's bulk commit): grow to hold it.
        const bigger = Buffer.alloc(chunk.length * 2);
        chunk.copy(bigger, 0, 0, held);
        chunk = bigger;
      }
      const read = readSync(fd, chunk, held, chunk.length - held, null);
      const end = held + read;
      const filled = chunk.subarray(0, end);
      let start = 0;
      for (let nl = filled.indexOf(10, start); nl !== -1; nl = filled.indexOf(10, start)) {
        if (nl > start) found(filled.toString('utf8', start, nl));
        start = nl + 1;
      }
      if (read === 0) {
        if (end > start) found(filled.toString('utf8', start, end));
        if (pending !== null) each(pending, n - 1, true);
        return;
      }
      chunk.copy(chunk, 0, start, end);
      held = end - start;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The record's own copy of its id when it has one (most records carry their sid): JSON.parse
 * makes a new string for the line's `i` and another for `v.sid`, and keeping both for 900,000
 * records of a 100,000-conversation service held ~25 MB more. (Sharing every repeated string
 * through a table was measured too: 1,110 → 870 MB, but 1–3 s more CPU to start.)
 */
function sameString(id: string, value: unknown): string {
  const sid = value !== null && typeof value === 'object' ? (value as { sid?: unknown }).sid : undefined;
  return sid === id ? sid : id;
}
