/**
 * The canned responses of each profile, kept by main as the outbox is: one sealed file per profile
 * (safeStorage `.enc`; plain `.json` only for the Local workspace without a keyring). Replies can
 * quote order numbers or internal procedure, so a Twilio profile's list is never written in plain
 * text: without secure storage, saving is refused with a reason rather than kept in a file.
 * Every call works on the profile active at that moment (`scope()`), so switching profiles switches
 * lists without telling this module.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { CANNED_MAX_ITEMS, cannedResponseSchema, type CannedResponse } from '../../../shared/ipc/team-schema';
import { english, type Translate } from '../desktop/locale';
import { DeskError } from '../errors';
import { sealedFiles } from '../sealed-file';
import type { SafeStorageLike } from '../vault';
import { parseCannedFile, serializeCannedFile } from './canned-format';
import type { CannedImportResult, CannedPort } from './canned-port';

export interface CannedScope {
  profileId: string;
  /** Plain JSON is acceptable when encryption is unavailable (Local workspace only). */
  allowPlain: boolean;
}

export interface CannedStoreDeps {
  /** e.g. `<userData>/canned` */
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** The active profile, asked at every call. */
  scope: () => Promise<CannedScope>;
  t?: Translate;
  newId?: () => string;
  log?: (line: string) => void;
}

export interface CannedStore extends CannedPort {
  /** Deletes the profile's file, e.g. when the profile is removed. */
  removeProfile(profileId: string): Promise<void>;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);
const byName = (a: CannedResponse, b: CannedResponse) => a.name.localeCompare(b.name);
/** Names are what the agent types after `/`, so "Refund" and "refund" are the same name. */
const sameName = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

export function createCannedStore({ dir, safeStorage, platform, scope, t = english, newId = randomUUID, log = () => {} }: CannedStoreDeps): CannedStore {
  const files = sealedFiles(safeStorage, platform);
  const base = (profileId: string) => join(dir, `${hash(profileId)}-canned`);
  const lists = new Map<string, Promise<CannedResponse[]>>();
  // One change at a time, in call order: two quick saves never write over each other.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  const load = (s: CannedScope): Promise<CannedResponse[]> => {
    let known = lists.get(s.profileId);
    if (!known) {
      known = files.read(base(s.profileId), s.allowPlain).then(
        (sealed) => (sealed ? cannedResponseSchema.array().max(CANNED_MAX_ITEMS).parse(JSON.parse(sealed.text)) : []),
        (error: unknown) => {
          log(`canned: ignoring an unreadable list: ${(error as Error).message}`);
          return [];
        },
      ).catch((error: unknown) => {
        log(`canned: ignoring a list of another version: ${(error as Error).message}`);
        return [];
      });
      lists.set(s.profileId, known);
    }
    return known;
  };

  const store = async (s: CannedScope, items: CannedResponse[]): Promise<CannedResponse[]> => {
    if (!files.canEncrypt() && !s.allowPlain) throw new DeskError('unavailable', t('canned.noSecureStorage'));
    const sorted = [...items].sort(byName);
    const kept = await files.write(base(s.profileId), JSON.stringify(sorted));
    await fsp.rm(`${base(s.profileId)}.${kept === 'enc' ? 'json' : 'enc'}`, { force: true });
    lists.set(s.profileId, Promise.resolve(sorted));
    return sorted;
  };

  return {
    list: async () => [...(await load(await scope()))],

    save: (item) =>
      serial(async () => {
        const s = await scope();
        const items = await load(s);
        const clash = items.find((i) => i.id !== item.id && sameName(i.name, item.name));
        if (clash) throw new DeskError('invalid-input', t('canned.nameTaken', { name: clash.name }), { name: t('canned.nameTaken', { name: clash.name }) });
        const exists = items.some((i) => i.id === item.id);
        if (!exists && items.length >= CANNED_MAX_ITEMS) throw new DeskError('invalid-input', t('canned.tooMany', { max: CANNED_MAX_ITEMS }));
        return store(s, exists ? items.map((i) => (i.id === item.id ? item : i)) : [...items, item]);
      }),

    remove: (id) =>
      serial(async () => {
        const s = await scope();
        const items = await load(s);
        if (!items.some((i) => i.id === id)) return items;
        return store(s, items.filter((i) => i.id !== id));
      }),

    importJson: (json) =>
      serial(async (): Promise<CannedImportResult> => {
        const s = await scope();
        const parsed = parseCannedFile(json, t);
        let items = [...(await load(s))];
        let added = 0;
        let replaced = 0;
        const refused = [...parsed.refused];
        for (const entry of parsed.entries) {
          const existing = items.findIndex((i) => sameName(i.name, entry.name));
          if (existing >= 0) {
            items[existing] = { ...items[existing]!, name: entry.name, body: entry.body };
            replaced += 1;
          } else if (items.length >= CANNED_MAX_ITEMS) {
            refused.push({ index: entry.index, reason: t('canned.tooMany', { max: CANNED_MAX_ITEMS }) });
          } else {
            items.push({ id: newId(), name: entry.name, body: entry.body });
            added += 1;
          }
        }
        if (added + replaced > 0) items = await store(s, items);
        refused.sort((a, b) => a.index - b.index);
        return { items, added, replaced, refused };
      }),

    exportJson: async () => serializeCannedFile(await load(await scope())),

    removeProfile: (profileId) =>
      serial(async () => {
        lists.delete(profileId);
        await Promise.all(['enc', 'json'].map((ext) => fsp.rm(`${base(profileId)}.${ext}`, { force: true })));
      }),
  };
}
