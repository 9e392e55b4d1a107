/**
 * The outbox and the drafts, per profile, kept as the inbox cache is: encrypted with safeStorage,
 * or plain JSON for the Local workspace only when the machine has no keyring (its emulator keeps
 * the same demo data in plain files anyway). Each queued message is a file of its own, so putting
 * or removing one never rewrites the others, and every write is atomic (temp file, fsync, rename):
 * a crash leaves a message either queued or not, never half written.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { draftChangeSchema, outboxEntrySchema, type DraftChange, type OutboxContents, type OutboxEntry } from '../../shared/ipc/outbox-schema';
import { sealedFiles } from './sealed-file';
import type { SafeStorageLike } from './vault';

export interface OutboxScope {
  profileId: string;
  /** Plain JSON is acceptable when encryption is unavailable (Local workspace only). */
  allowPlain: boolean;
}

export interface OutboxStore {
  /** Queued messages (oldest first) and drafts of the profile, as left by every write asked for before. */
  load(scope: OutboxScope): Promise<OutboxContents>;
  /** False when it could not be kept safely (no secure storage for a Twilio profile). */
  put(scope: OutboxScope, entry: OutboxEntry): Promise<boolean>;
  /** Whether there was such an entry. */
  remove(scope: OutboxScope, key: string): Promise<boolean>;
  /** Sets (or, with an empty text, deletes) drafts; false when they could not be kept safely. */
  saveDrafts(scope: OutboxScope, changes: readonly DraftChange[]): Promise<boolean>;
  /** Everything of the profile, e.g. when the profile is removed. */
  removeProfile(profileId: string): Promise<void>;
}

export interface OutboxStoreDeps {
  /** e.g. `<userData>/outbox` */
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  log?: (line: string) => void;
}

const hash = (s: string, chars: number) => createHash('sha256').update(s).digest('hex').slice(0, chars);
const draftsSchema = draftChangeSchema.array();

export function createOutboxStore({ dir, safeStorage, platform, log = () => {} }: OutboxStoreDeps): OutboxStore {
  // Names come from hashes: neither a profile id nor a key ever becomes a path.
  const prefix = (profileId: string) => `${hash(profileId, 24)}-`;
  const entryBase = (profileId: string, key: string) => join(dir, `${prefix(profileId)}m-${hash(key, 24)}`);
  const draftsBase = (profileId: string) => join(dir, `${prefix(profileId)}drafts`);
  const files = sealedFiles(safeStorage, platform);
  const canEncrypt = files.canEncrypt;
  /** The drafts as main last read or wrote them, per profile. */
  const drafts = new Map<string, Promise<Map<string, string>>>();
  /** A drafts write not started yet: later changes join it instead of queueing another write. */
  const draftsWrite = new Map<string, Promise<boolean>>();
  let warnedPlain = false;
  // One write at a time, in call order: a remove can't be overtaken by the put it follows.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  const refuse = (scope: OutboxScope): boolean => {
    if (canEncrypt() || scope.allowPlain) return false;
    if (!warnedPlain) log('outbox: secure storage unavailable; queued messages and drafts of Twilio profiles are kept in memory only');
    warnedPlain = true;
    return true;
  };

  /** `base` + .enc (decrypted) or, where allowed, + .json; null when neither is there or it is unreadable. */
  const read = async (base: string, scope: OutboxScope): Promise<unknown> => {
    try {
      const sealed = await files.read(base, scope.allowPlain);
      return sealed ? JSON.parse(sealed.text) : null;
    } catch (error) {
      log(`outbox: ignoring unreadable ${base}: ${(error as Error).message}`);
      return null;
    }
  };

  const write = async (base: string, value: unknown): Promise<void> => {
    const kept = await files.write(base, JSON.stringify(value));
    // The other format's copy (the keyring came or went) is stale now.
    await fsp.rm(`${base}.${kept === 'enc' ? 'json' : 'enc'}`, { force: true });
  };

  // The promise is kept, not the map: calls arriving while the file is read share one map.
  const draftsOf = (scope: OutboxScope): Promise<Map<string, string>> => {
    let known = drafts.get(scope.profileId);
    if (!known) {
      known = read(draftsBase(scope.profileId), scope).then((raw) => new Map(draftsSchema.safeParse(raw).data ?? []));
      drafts.set(scope.profileId, known);
    }
    return known;
  };

  return {
    // In the write queue too: a load asked for after a put or a remove sees it (a session that
    // replaces another reads what the other had just queued).
    load: (scope) => serial(async () => {
      const names = await fsp.readdir(dir).catch(() => [] as string[]);
      const mine = `${prefix(scope.profileId)}m-`;
      const bases = [...new Set(names.filter((n) => n.startsWith(mine) && !n.endsWith('.tmp')).map((n) => join(dir, n.replace(/\.(enc|json)$/, ''))))];
      const entries: OutboxEntry[] = [];
      for (const base of bases) {
        const parsed = outboxEntrySchema.safeParse(await read(base, scope));
        if (parsed.success) entries.push(parsed.data);
        else log(`outbox: ignoring ${base}: not a queued message of this version`);
      }
      entries.sort((a, b) => a.createdAt - b.createdAt);
      return { entries, drafts: [...(await draftsOf(scope)).entries()] };
    }),

    put(scope, entry) {
      return serial(async () => {
        if (refuse(scope)) return false;
        await write(entryBase(scope.profileId, entry.key), entry);
        return true;
      });
    },

    remove(scope, key) {
      return serial(async () => {
        const base = entryBase(scope.profileId, key);
        const existed = (await Promise.all([`${base}.enc`, `${base}.json`].map((f) => fsp.stat(f).then(() => true, () => false)))).some(Boolean);
        await Promise.all([`${base}.enc`, `${base}.json`].map((f) => fsp.rm(f, { force: true })));
        return existed;
      });
    },

    async saveDrafts(scope, changes) {
      const current = await draftsOf(scope);
      for (const [sid, text] of changes) {
        if (text === '') current.delete(sid);
        else current.set(sid, text);
      }
      if (refuse(scope)) return false;
      const waiting = draftsWrite.get(scope.profileId);
      if (waiting) return waiting;
      const run = serial(async () => {
        // Taken off before writing: a change made while this write runs needs a write of its own.
        draftsWrite.delete(scope.profileId);
        await write(draftsBase(scope.profileId), [...current.entries()]);
        return true;
      });
      draftsWrite.set(scope.profileId, run);
      return run;
    },

    removeProfile(profileId) {
      return serial(async () => {
        drafts.delete(profileId);
        const names = await fsp.readdir(dir).catch(() => [] as string[]);
        await Promise.all(names.filter((n) => n.startsWith(prefix(profileId))).map((n) => fsp.rm(join(dir, n), { force: true })));
      });
    },
  };
}
