import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The emulator's whole state: named collections of JSON records, kept in memory and, with a data
 * dir, made durable through an append-only journal compacted into a snapshot. A mutation is
 * journalled by `commit()`, which request handlers call before they answer, so whatever a
 * client saw acknowledged survives a kill. A torn last journal line (killed mid-write) is
 * ignored on load; a snapshot is only ever replaced by rename, so neither file is corrupted.
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

const SNAPSHOT = 'state.snapshot.jsonl';
const JOURNAL = 'state.journal.jsonl';
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

export class Db {
  private readonly collections = new Map<string, Map<string, unknown>>();
  private readonly dirty = new Map<string, Set<string>>();
  private flushScheduled = false;
  private journalBytes = 0;
  private closed = false;

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

  /** Appends every change since the last commit to the journal (synchronously). */
  commit(): void {
    // Sockets closing after close() still report presence; that is reset on the next start, and
    // the data dir may already be gone (tests, uninstall), so late changes are not written.
    if (this.dirty.size === 0 || this.closed) return;
    if (!this.dir) {
      this.dirty.clear();
      return;
    }
    const lines: string[] = [];
    for (const [c, ids] of this.dirty) {
      const records = this.collections.get(c);
      for (const i of ids) {
        const v = records?.get(i);
        lines.push(JSON.stringify(v === undefined ? ({ c, i, d: 1 } satisfies JournalLine) : ({ c, i, v } satisfies JournalLine)));
      }
    }
    this.dirty.clear();
    const text = lines.join('\n') + '\n';
    appendFileSync(join(this.dir, JOURNAL), text, { mode: 0o600 });
    this.journalBytes += Buffer.byteLength(text);
    if (this.journalBytes > this.compactAfterBytes) this.compact();
  }

  /** Media bytes live beside the records, one file each, written atomically. */
  putBlob(id: string, bytes: Buffer): void {
    if (!this.dir) {
      this.blobs.set(id, bytes);
      return;
    }
    const file = join(this.dir, 'media', id);
    writeFileSync(file + '.tmp', bytes, { mode: 0o600 });
    renameSync(file + '.tmp', file);
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
    renameSync(file, join(this.dir, 'media', id));
  }

  private readonly blobs = new Map<string, Buffer>();

  close(): void {
    this.commit();
    this.closed = true;
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
        this.commit();
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
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, n) => {
        if (!line) return;
        let entry: JournalLine;
        try {
          entry = JSON.parse(line) as JournalLine;
        } catch (err) {
          // Only the very last line can be torn by a kill mid-append; anything else is damage.
          if (n >= lines.length - 2) return;
          throw new Error(`${name} line ${n + 1} is unreadable: ${(err as Error).message}`);
        }
        let records = this.collections.get(entry.c);
        if (!records) {
          records = new Map();
          this.collections.set(entry.c, records);
        }
        if (entry.d) records.delete(entry.i);
        else records.set(entry.i, entry.v);
      });
    }
    return journalled;
  }

  /** Rewrites the snapshot from memory and empties the journal. */
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
    rmSync(join(dir, JOURNAL), { force: true });
    this.journalBytes = 0;
  }

  /** Size of the journal on disk (for diagnostics and tests). */
  journalSize(): number {
    const file = join(this.dir ?? '', JOURNAL);
    return this.dir && existsSync(file) ? statSync(file).size : 0;
  }
}
