/**
 * A campaign's per-recipient journal: an append-only file, one line per event, each line sealed on
 * its own (safeStorage, base64) or plain JSON where the caller allows it (the Local workspace
 * without a keyring). Appending a line never rewrites the others, so writing 10,000 intents costs
 * 10,000 short appends, not 10,000 rewrites of a growing file. Appends asked for while one is on
 * disk are written together with one fsync (group commit): an intent is durable before its
 * request leaves, without one disk flush per recipient.
 */
import { promises as fsp, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE } from '../atomic-file';
import { encryptionProblem, type SafeStorageLike } from '../vault';

export type JournalEvent =
  /** About to send to recipient `i` (index in the campaign's recipient list). */
  | { i: number; t: 'intent' }
  /** Twilio took the message. */
  | { i: number; t: 'sent'; conversation: string; message: string }
  /** Twilio refused (REST error) or a receipt failed. */
  | { i: number; t: 'failed'; code: number | null; text: string | null; conversation?: string | null; message?: string | null }
  /** A receipt said delivered. */
  | { i: number; t: 'delivered' }
  /** Cancelled before it was tried. */
  | { i: number; t: 'skipped' };

export interface Journal {
  append(events: readonly JournalEvent[]): Promise<void>;
  /** Every event written, in order; a torn last line (a crash mid-write) is ignored. */
  read(): Promise<JournalEvent[]>;
  close(): Promise<void>;
}

export interface JournalDeps {
  file: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  allowPlain: boolean;
}

export function openJournal({ file, safeStorage, platform, allowPlain }: JournalDeps): Journal {
  const encrypt = encryptionProblem(safeStorage, platform) === null;
  if (!encrypt && !allowPlain) throw new Error('campaign journal: no secure storage');
  const seal = (e: JournalEvent): string => (encrypt ? `e:${safeStorage.encryptString(JSON.stringify(e)).toString('base64')}` : `p:${JSON.stringify(e)}`);
  const unseal = (line: string): JournalEvent | null => {
    try {
      if (line.startsWith('e:')) return encrypt ? (JSON.parse(safeStorage.decryptString(Buffer.from(line.slice(2), 'base64'))) as JournalEvent) : null;
      if (line.startsWith('p:')) return JSON.parse(line.slice(2)) as JournalEvent;
    } catch {
      // A torn line: the write it belonged to never completed.
    }
    return null;
  };

  let handle: Promise<fsp.FileHandle> | null = null;
  const open = () => {
    if (!handle) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      handle = fsp.open(file, 'a', PRIVATE_FILE_MODE);
    }
    return handle;
  };

  let pending: { lines: string[]; done: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;
  let writing: Promise<void> = Promise.resolve();

  const flush = async () => {
    const batch = pending;
    pending = null;
    if (!batch) return;
    try {
      const fh = await open();
      await fh.write(batch.lines.join(''));
      await fh.datasync();
      batch.resolve();
    } catch (error) {
      batch.reject(error);
    }
  };

  return {
    append(events) {
      if (events.length === 0) return Promise.resolve();
      const lines = events.map((e) => `${seal(e)}\n`);
      if (pending) {
        pending.lines.push(...lines);
        return pending.done;
      }
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      pending = { lines, done, resolve, reject };
      writing = writing.then(flush);
      return done;
    },
    async read() {
      let text: string;
      try {
        text = await fsp.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const events: JournalEvent[] = [];
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const e = unseal(line);
        if (e) events.push(e);
      }
      return events;
    },
    async close() {
      await writing;
      const h = handle;
      handle = null;
      if (h) await (await h).close();
    },
  };
}
