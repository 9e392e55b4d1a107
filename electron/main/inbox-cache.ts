/**
 * The last-seen inbox per profile, so a launch can paint it before the SDK has loaded anything.
 * It holds customer names, numbers and message previews: for Twilio profiles it is only ever
 * written encrypted (safeStorage), like the vault. The Local workspace's emulator keeps the same
 * demo data in plain files beside it, so there the cache falls back to plain JSON when the
 * machine has no keyring rather than losing the fast start.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { FIRST_SCREEN_CONVERSATIONS, inboxCacheSchema, type InboxCache, type InboxCachePart } from '../../shared/ipc/inbox-cache-schema';
import { LAUNCH_SNAPSHOT_MAX_CHARS } from '../../shared/ipc/launch-snapshot-limits';
import { sealedFiles } from './sealed-file';
import type { SafeStorageLike } from './vault';

/** Whose inbox: the profile, plus what makes it a different inbox if the profile is edited. */
export interface CacheScope {
  profileId: string;
  /** Identity, account and service: editing any of them makes the old copy someone else's inbox. */
  fingerprint: string;
  /** Plain JSON is acceptable when encryption is unavailable (Local workspace only). */
  allowPlain: boolean;
}

/** The cache scope of a profile (handlers and the launch's read-ahead agree on it). */
export function cacheScopeOf(profile: { id: string; kind: string; identity: string; accountSid?: string | null; serviceSid?: string | null }, localProfileId: string): CacheScope {
  return {
    profileId: profile.id,
    fingerprint: [profile.kind, profile.identity, profile.accountSid, profile.serviceSid].join('|'),
    allowPlain: profile.id === localProfileId,
  };
}

export interface InboxCacheStore {
  /** 'first-screen': the newest conversations only, kept in a small file of their own so a launch can paint them at once. */
  load(scope: CacheScope, part?: InboxCachePart): Promise<InboxCache | null>;
  /**
   * False when it could not be kept safely (no secure storage for a Twilio profile). `snapshot`:
   * the launch snapshot's HTML shown with this copy; null or absent drops the one kept.
   */
  save(scope: CacheScope, cache: InboxCache, snapshot?: string | null): Promise<boolean>;
  /** The launch snapshot kept with the profile's copy, or null. */
  loadSnapshot(scope: CacheScope): Promise<string | null>;
  /** Every copy of the profile's inbox, e.g. when the profile is removed. */
  remove(profileId: string): Promise<void>;
}

export interface InboxCacheDeps {
  /** e.g. `<userData>/inbox-cache` */
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  log?: (line: string) => void;
}

/** Bump when the snapshot file's shape changes: an older one is then ignored. */
const LAUNCH_SNAPSHOT_FILE_VERSION = 1;
const launchSnapshotFileSchema = z.object({ version: z.literal(LAUNCH_SNAPSHOT_FILE_VERSION), html: z.string().min(1).max(LAUNCH_SNAPSHOT_MAX_CHARS) });

const hash = (s: string, chars: number) => createHash('sha256').update(s).digest('hex').slice(0, chars);

export function createInboxCacheStore({ dir, safeStorage, platform, log = () => {} }: InboxCacheDeps): InboxCacheStore {
  // File names come from hashes: a profile id never becomes a path, and the prefix finds all of a profile's copies.
  const prefix = (profileId: string) => `${hash(profileId, 24)}-`;
  const base = (scope: CacheScope) => join(dir, `${prefix(scope.profileId)}${hash(scope.fingerprint, 16)}`);
  const files = sealedFiles(safeStorage, platform);
  const canEncrypt = files.canEncrypt;
  /** Files of the profile other than those named `keep.*` (an edited profile's old inbox). */
  const removeSiblings = async (profileId: string, keep: string | null) => {
    const names = await fsp.readdir(dir).catch(() => [] as string[]);
    const mine = prefix(profileId);
    const stale = names.filter((n) => n.startsWith(mine) && (keep === null || !n.startsWith(`${keep}.`)) && !n.endsWith('.tmp'));
    await Promise.all(stale.map((n) => fsp.rm(join(dir, n), { force: true })));
  };
  let warnedPlain = false;
  // Saves under way, so that removing a profile's copies waits for them (else one could land after).
  const saving = new Set<Promise<unknown>>();
  let queue: Promise<unknown> = Promise.resolve();

  const parse = (text: string, file: string): InboxCache | null => {
    try {
      const parsed = inboxCacheSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      log(`inbox-cache: ignoring ${file}: not a cache of this version`);
    } catch (error) {
      log(`inbox-cache: ignoring unreadable ${file}: ${(error as Error).message}`);
    }
    return null;
  };

  return {
    async load(scope, part = 'all') {
      const whole = base(scope);
      const file = part === 'first-screen' ? `${whole}.first` : whole;
      try {
        const found = await read(file, scope);
        if (found || part === 'all') return found;
        // Saved before the first screen had a file of its own: cut it from the whole copy.
        const all = await read(whole, scope);
        return all && firstScreen(all);
      } catch (error) {
        // A cache is an optimisation: whatever went wrong, the SDK still loads the inbox.
        log(`inbox-cache: could not read ${file}: ${(error as Error).message}`);
        return null;
      }
    },

    async loadSnapshot(scope) {
      const file = `${base(scope)}.paint`;
      try {
        const sealed = await files.read(file, scope.allowPlain);
        if (!sealed) return null;
        const parsed = launchSnapshotFileSchema.safeParse(JSON.parse(sealed.text));
        if (parsed.success) return parsed.data.html;
        log(`inbox-cache: ignoring ${sealed.file}: not a launch snapshot of this version`);
      } catch (error) {
        log(`inbox-cache: could not read ${file}: ${(error as Error).message}`);
      }
      return null;
    },

    save(scope, cache, snapshot = null) {
      // One save at a time: a save writes several files and removes the old picture, so two
      // overlapping saves could leave one's picture beside the other's copy.
      const run = queue.then(() => write(scope, cache, snapshot));
      queue = run.catch(() => undefined);
      saving.add(run);
      void run.catch(() => undefined).finally(() => saving.delete(run));
      return run;
    },

    async remove(profileId) {
      await Promise.allSettled([...saving]);
      await removeSiblings(profileId, null);
    },
  };

  /** `file` + .enc (decrypted) or, where allowed, + .json; null when neither is there. */
  async function read(file: string, scope: CacheScope): Promise<InboxCache | null> {
    const sealed = await files.read(file, scope.allowPlain);
    return sealed ? parse(sealed.text, sealed.file) : null;
  }

  async function write(scope: CacheScope, cache: InboxCache, snapshot: string | null): Promise<boolean> {
    const whole = base(scope);
    const encrypt = canEncrypt();
    if (!encrypt && !scope.allowPlain) {
      if (!warnedPlain) log('inbox-cache: secure storage unavailable; the inbox is not cached for Twilio profiles');
      warnedPlain = true;
      return false;
    }
    const put = (file: string, value: InboxCache) => files.write(file, JSON.stringify(value));
    // The picture shows one copy: the old one goes first, so that if a write below fails no
    // picture of an older copy is left to paint rows the app would then swap for others.
    await Promise.all([`${whole}.paint.enc`, `${whole}.paint.json`].map((f) => fsp.rm(f, { force: true })));
    await put(whole, cache);
    await put(`${whole}.first`, firstScreen(cache));
    if (snapshot !== null) await files.write(`${whole}.paint`, JSON.stringify({ version: LAUNCH_SNAPSHOT_FILE_VERSION, html: snapshot }));
    // Copies of another fingerprint (an edited profile) or the other format (keyring came or went).
    await removeSiblings(scope.profileId, basename(whole));
    await Promise.all([`${whole}.${encrypt ? 'json' : 'enc'}`, `${whole}.first.${encrypt ? 'json' : 'enc'}`].map((f) => fsp.rm(f, { force: true })));
    return true;
  }
}

/** The newest conversations of a copy saved newest first, with their rosters. */
function firstScreen(cache: InboxCache): InboxCache {
  const conversations = cache.conversations.slice(0, FIRST_SCREEN_CONVERSATIONS);
  const sids = new Set(conversations.map((c) => c.sid));
  return { ...cache, conversations, rosters: cache.rosters.filter(([sid]) => sids.has(sid)) };
}
