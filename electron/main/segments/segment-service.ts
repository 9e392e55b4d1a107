/**
 * Segments for the active profile: filters over the team's customers and imported CSV lists, kept
 * by main in one sealed file per profile (as canned responses are: encrypted with safeStorage;
 * plain JSON only for the Local workspace without a keyring), counted over the customer directory.
 * Also the SegmentSource campaigns read recipients from: resolved at that moment for the campaign's
 * channel, opted-out left out.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  MAX_SEGMENTS,
  PREVIEW_MAX_ROWS,
  recipientSchema,
  segmentChannelCountsSchema,
  segmentFilterSchema,
  segmentKindSchema,
  type Recipient,
  type SegmentChannelCounts,
  type SegmentFilter,
  type SegmentPreview,
  type SegmentSummary,
} from '../../../shared/ipc/segment-schema';
import { channelOfAddress } from '../../../shared/ipc/customer-schema';
import { english, type Translate } from '../desktop/locale';
import { DeskError } from '../errors';
import { sealedFiles } from '../sealed-file';
import type { SafeStorageLike } from '../vault';
import type { CustomerDirectory, Directory } from './customer-directory';
import { checkCsv } from './csv-import';
import { channelCounts, matches, onChannel, previewRow, recipientOf } from './segment-filter';
import type { SegmentPort } from './segment-port';
import type { SegmentSource } from './segment-source';

export interface SegmentScope {
  profileId: string;
  allowPlain: boolean;
}

export interface SegmentServiceDeps {
  /** e.g. `<userData>/segments` */
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  scope: () => Promise<SegmentScope>;
  /** The active profile's customers; reset here when the profile changes. */
  directory: CustomerDirectory;
  /** A directory read older than this is read again in the background while the old one answers. */
  staleMs?: number;
  now?: () => number;
  newId?: () => string;
  /** How long a campaign form's list waits for a first read of the customers before showing saved counts. */
  countWaitMs?: number;
  t?: Translate;
  log?: (line: string) => void;
}

export interface SegmentService extends Omit<SegmentPort, 'list'>, SegmentSource {
  /** Addresses opted out now (read from Twilio when `fresh`), e.g. for a campaign to check before each send. */
  optedOut(fresh?: boolean): Promise<ReadonlySet<string>>;
  removeProfile(profileId: string): Promise<void>;
}

const storedSegmentSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  kind: segmentKindSchema,
  count: z.number().int().nonnegative(),
  /** Absent in files written before per-channel counts. */
  channels: segmentChannelCountsSchema.optional(),
  updatedAt: z.number(),
  filter: segmentFilterSchema.optional(),
  recipients: z.array(recipientSchema).optional(),
});
type StoredSegment = z.infer<typeof storedSegmentSchema>;

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);
const sameName = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
const addressesOf = (d: Directory): Set<string> => new Set(d.customers.flatMap((c) => c.addresses));
const csvChannels = (recipients: readonly Recipient[]): SegmentChannelCounts => {
  const whatsapp = recipients.filter((r) => channelOfAddress(r.address) === 'whatsapp').length;
  return { sms: recipients.length - whatsapp, whatsapp };
};
/**
 * A file from before per-channel counts, not counted yet: a CSV's rows say it; a filter's reach per
 * channel is unknown until the customers are read, so it is taken as everyone (no hint rather than a wrong one).
 */
const storedChannels = (i: StoredSegment): SegmentChannelCounts => i.channels ?? (i.recipients ? csvChannels(i.recipients) : { sms: i.count, whatsapp: i.count });
const summary = (i: StoredSegment): SegmentSummary => ({
  id: i.id,
  name: i.name,
  kind: i.kind,
  count: i.count,
  channels: storedChannels(i),
  updatedAt: i.updatedAt,
  ...(i.filter ? { filter: i.filter } : {}),
});

export function createSegmentService(deps: SegmentServiceDeps): SegmentService {
  const { dir, scope, directory, staleMs = 15_000, countWaitMs = 5_000, t = english, newId = randomUUID, log = () => {} } = deps;
  const optedOutPeople = new WeakMap<Directory, ReadonlySet<string>>();
  const now = deps.now ?? Date.now;
  const files = sealedFiles(deps.safeStorage, deps.platform);
  const base = (profileId: string) => join(dir, `${hash(profileId)}-segments`);
  const lists = new Map<string, Promise<StoredSegment[]>>();
  let directoryOf: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  const load = (s: SegmentScope): Promise<StoredSegment[]> => {
    let known = lists.get(s.profileId);
    if (!known) {
      known = files
        .read(base(s.profileId), s.allowPlain)
        .then((sealed) => (sealed ? storedSegmentSchema.array().max(MAX_SEGMENTS).parse(JSON.parse(sealed.text)) : []))
        .catch((error: unknown) => {
          log(`segments: ignoring an unreadable list: ${(error as Error).message}`);
          return [];
        });
      lists.set(s.profileId, known);
    }
    return known;
  };

  const store = async (s: SegmentScope, items: StoredSegment[]): Promise<SegmentSummary[]> => {
    if (!files.canEncrypt() && !s.allowPlain) throw new DeskError('unavailable', t('errors.segments.noSecureStorage'));
    const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name));
    const kept = await files.write(base(s.profileId), JSON.stringify(sorted));
    await fsp.rm(`${base(s.profileId)}.${kept === 'enc' ? 'json' : 'enc'}`, { force: true });
    lists.set(s.profileId, Promise.resolve(sorted));
    return sorted.map(summary);
  };

  /** The directory of the active profile: a fresh read when asked or when none yet, else the last one (refreshed behind it when old). */
  const customers = async (fresh: boolean): Promise<Directory> => {
    const { profileId } = await scope();
    if (directoryOf !== profileId) {
      directory.reset();
      directoryOf = profileId;
    }
    const current = directory.current();
    if (!current || fresh) return directory.refresh();
    if (now() - current.refreshedAt > staleMs) void directory.refresh().catch((e: unknown) => log(`segments: refresh failed: ${(e as Error).message}`));
    return current;
  };

  /**
   * Every address of a person who opted out on any of theirs, as a filter leaves them out: someone
   * who texted STOP on SMS is not messaged by a CSV row with their WhatsApp address either.
   */
  const outOf = (d: Directory): ReadonlySet<string> => {
    const known = optedOutPeople.get(d);
    if (known) return known;
    const out = new Set(d.optedOut);
    for (const c of d.customers) if (c.optedOut) for (const a of c.addresses) out.add(a);
    optedOutPeople.set(d, out);
    return out;
  };

  /** The people a segment holds now (`count`) and how many of them each campaign channel reaches. */
  const countsOf = (segment: Pick<StoredSegment, 'filter' | 'recipients'>, d: Directory): Pick<StoredSegment, 'count' | 'channels'> => {
    if (segment.filter) {
      const found = matches(d.customers, segment.filter);
      return { count: found.length, channels: channelCounts(found) };
    }
    const out = outOf(d);
    const kept = (segment.recipients ?? []).filter((r) => !out.has(r.address));
    return { count: kept.length, channels: csvChannels(kept) };
  };

  const checkName = (items: StoredSegment[], name: string, id?: string) => {
    const clash = items.find((i) => i.id !== id && sameName(i.name, name));
    if (clash) {
      const message = t('errors.segments.nameTaken', { name: clash.name });
      throw new DeskError('invalid-input', message, { name: message });
    }
  };
  const checkRoom = (items: StoredSegment[]) => {
    if (items.length >= MAX_SEGMENTS) throw new DeskError('invalid-input', t('errors.segments.tooMany', { max: MAX_SEGMENTS }));
  };

  const add = (segment: Omit<StoredSegment, 'id' | 'updatedAt'>) =>
    serial(async () => {
      const s = await scope();
      const items = await load(s);
      checkName(items, segment.name);
      checkRoom(items);
      return store(s, [...items, { ...segment, id: newId(), updatedAt: now() }]);
    });

  return {
    list: async (counted = false) => {
      const s = await scope();
      const items = await load(s);
      // Counts as of the last read when there is one (a filter's members change as customers write);
      // a campaign form waits for a first read rather than show who it reaches from a stale save.
      let d = directoryOf === s.profileId ? directory.current() : null;
      if (!d && counted) {
        // At most a few seconds: a large account's first read goes on behind the form, which then
        // shows the counts saved with the segments.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const read = customers(false).catch((error: unknown) => {
          log(`segments: counting without a read: ${(error as Error).message}`);
          return null;
        });
        d = await Promise.race([read, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), countWaitMs)))]);
        clearTimeout(timer);
      }
      return items.map((i) => summary(d ? { ...i, ...countsOf(i, d) } : i));
    },

    preview: async (filter: SegmentFilter, refresh = false): Promise<SegmentPreview> => {
      const d = await customers(refresh);
      const found = matches(d.customers, filter);
      const tags = new Set<string>();
      for (const c of d.customers) for (const tag of c.tags) tags.add(tag);
      return {
        count: found.length,
        total: d.customers.length,
        optedOut: d.customers.filter((c) => c.optedOut).length,
        rows: found.slice(0, PREVIEW_MAX_ROWS).map(previewRow),
        tags: [...tags].sort((a, b) => a.localeCompare(b)).slice(0, 2000),
        refreshedAt: d.refreshedAt,
      };
    },

    saveFilter: async ({ name, filter }) => {
      const d = await customers(false);
      return add({ name, kind: 'filter', filter, ...countsOf({ filter }, d) });
    },

    checkCsv: async (text) => {
      const d = await customers(true);
      return checkCsv(text, outOf(d), t, addressesOf(d)).report;
    },

    saveCsv: async ({ name, text }) => {
      const d = await customers(true);
      const { recipients } = checkCsv(text, outOf(d), t, addressesOf(d));
      if (recipients.length === 0) throw new DeskError('invalid-input', t('errors.segments.csvNothingValid'));
      return add({ name, kind: 'csv', recipients, count: recipients.length, channels: csvChannels(recipients) });
    },

    rename: ({ id, name }) =>
      serial(async () => {
        const s = await scope();
        const items = await load(s);
        if (!items.some((i) => i.id === id)) throw new DeskError('not-found', t('errors.segments.notFound'));
        checkName(items, name, id);
        return store(s, items.map((i) => (i.id === id ? { ...i, name, updatedAt: now() } : i)));
      }),

    updateFilter: async ({ id, name, filter }) => {
      const known = (await load(await scope())).find((i) => i.id === id);
      if (!known) throw new DeskError('not-found', t('errors.segments.notFound'));
      if (known.kind !== 'filter') throw new DeskError('invalid-input', t('errors.segments.notFilter'));
      // Counted outside the queue (a read of Twilio may take a while); checked again and written in turn like a rename.
      const counts = countsOf({ filter }, await customers(false));
      return serial(async () => {
        const s = await scope();
        const items = await load(s);
        const segment = items.find((i) => i.id === id);
        if (!segment) throw new DeskError('not-found', t('errors.segments.notFound'));
        if (segment.kind !== 'filter') throw new DeskError('invalid-input', t('errors.segments.notFilter'));
        checkName(items, name, id);
        return store(s, items.map((i) => (i.id === id ? { ...i, name, filter, ...counts, updatedAt: now() } : i)));
      });
    },

    remove: (id) =>
      serial(async () => {
        const s = await scope();
        const items = await load(s);
        if (!items.some((i) => i.id === id)) return items.map(summary);
        return store(s, items.filter((i) => i.id !== id));
      }),

    recipients: async (segmentId, channel): Promise<Recipient[] | null> => {
      const segment = (await load(await scope())).find((i) => i.id === segmentId);
      if (!segment) return null;
      // A campaign is about to message these people: read who opted out now, not a minute ago.
      const d = await customers(true);
      if (segment.filter) return onChannel(matches(d.customers, segment.filter), channel).map(recipientOf);
      const seen = new Set<string>();
      const out = outOf(d);
      return (segment.recipients ?? []).filter((r) => channelOfAddress(r.address) === channel && !out.has(r.address) && !seen.has(r.address) && seen.add(r.address));
    },

    optedOut: async (fresh = false) => (await customers(fresh)).optedOut,

    removeProfile: (profileId) =>
      serial(async () => {
        lists.delete(profileId);
        await Promise.all(['enc', 'json'].map((ext) => fsp.rm(`${base(profileId)}.${ext}`, { force: true })));
      }),
  };
}
