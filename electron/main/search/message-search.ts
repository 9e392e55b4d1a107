/**
 * Full-text search over the messages the desk has loaded or cached, one index per profile, kept
 * by main. MiniSearch (an inverted index with prefix search, pure JavaScript, no native code)
 * holds it in memory; it is saved as a sealed file like the inbox cache and the outbox
 * (safeStorage `.enc`; plain `.json` only for the Local workspace without a keyring; a Twilio
 * profile without secure storage keeps its index in memory only). Saves are debounced, and the
 * index holds at most `maxMessages`: past that, the oldest messages go first.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import MiniSearch, { type Options, type SearchResult as MiniResult } from 'minisearch';
import { SEARCH_MIN_QUERY_CHARS, type IndexedMessage, type SearchHit } from '../../../shared/ipc/search-schema';
import { sealedFiles } from '../sealed-file';
import type { SafeStorageLike } from '../vault';
import type { SearchPort } from './search-port';
import { makeSnippet } from './snippet';

export interface SearchScope {
  profileId: string;
  /** Plain JSON is acceptable when encryption is unavailable (Local workspace only). */
  allowPlain: boolean;
}

export interface MessageSearchDeps {
  /** e.g. `<userData>/search` */
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** The active profile, asked at every call. */
  scope: () => Promise<SearchScope>;
  /** Messages kept per profile; the oldest go first past it. */
  maxMessages?: number;
  /** A change is saved once things are quiet this long… */
  saveQuietMs?: number;
  /** …or at the latest this long after the first unsaved change. */
  saveMaxWaitMs?: number;
  log?: (line: string) => void;
}

export interface MessageSearch extends SearchPort {
  /** Deletes the profile's index, in memory and on disk, e.g. when the profile is removed. */
  removeProfile(profileId: string): Promise<void>;
  /** Saves what is not saved yet (app quit, tests). */
  flush(): Promise<void>;
  /** Messages in the profile's index (tests, diagnostics). */
  size(profileId: string): Promise<number>;
}

/** Bump when the file's shape changes: an older file is then ignored (the index fills again as messages load). */
const FILE_VERSION = 1;
export const DEFAULT_MAX_MESSAGES = 100_000;

interface Doc {
  id: string;
  c: string;
  i: number;
  d: number | null;
  body: string;
}

interface Profile {
  scope: SearchScope;
  mini: MiniSearch<Doc>;
  /** id → date, for eviction by age. */
  dates: Map<string, number>;
  dirtySince: number | null;
  timer: ReturnType<typeof setTimeout> | null;
  saving: Promise<void>;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);
const idOf = (conversationSid: string, index: number) => `${conversationSid}:${index}`;

/** Lower case without accents: "Réembolso" is found by "reembolso" (Spanish and French agents type without them). */
export const normaliseTerm = (word: string): string =>
  word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');

const OPTIONS: Options<Doc> = {
  fields: ['body'],
  storeFields: ['c', 'i', 'd', 'body'],
  processTerm: normaliseTerm,
  // Every word must match; the last one as a prefix too, since it is still being typed, once it
  // has three letters ("bl" as a prefix is most words of a big index, for little use).
  searchOptions: { combineWith: 'AND', prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3 },
};

export function createMessageSearch({
  dir,
  safeStorage,
  platform,
  scope,
  maxMessages = DEFAULT_MAX_MESSAGES,
  saveQuietMs = 3_000,
  saveMaxWaitMs = 30_000,
  log = () => {},
}: MessageSearchDeps): MessageSearch {
  const files = sealedFiles(safeStorage, platform);
  const base = (profileId: string) => join(dir, `${hash(profileId)}-messages`);
  const profiles = new Map<string, Promise<Profile>>();
  /** Last saves of profiles let go of (a switch): removing such a profile waits for its save first. */
  const leaving = new Map<string, Promise<void>>();

  const fresh = (s: SearchScope): Profile => ({ scope: s, mini: new MiniSearch<Doc>(OPTIONS), dates: new Map(), dirtySince: null, timer: null, saving: Promise.resolve() });

  const load = async (s: SearchScope): Promise<Profile> => {
    // Switching back to a profile just let go of: its last save lands before it is read.
    await leaving.get(s.profileId);
    try {
      const sealed = await files.read(base(s.profileId), s.allowPlain);
      if (!sealed) return fresh(s);
      const saved = JSON.parse(sealed.text) as { version?: number; index?: unknown; dates?: [string, number][] };
      if (saved.version !== FILE_VERSION || !Array.isArray(saved.dates)) {
        log('search: ignoring an index of another version');
        return fresh(s);
      }
      const mini = MiniSearch.loadJS<Doc>(saved.index as Parameters<typeof MiniSearch.loadJS>[0], OPTIONS);
      return { ...fresh(s), mini, dates: new Map(saved.dates) };
    } catch (error) {
      log(`search: ignoring an unreadable index: ${(error as Error).message}`);
      return fresh(s);
    }
  };

  /** The active profile's index; other profiles' indexes are saved and let go (one in memory at a time). */
  const active = async (): Promise<Profile> => {
    const s = await scope();
    let p = profiles.get(s.profileId);
    if (!p) {
      for (const [id, other] of profiles) {
        profiles.delete(id);
        leaving.set(id, other.then((o) => save(o)).catch(() => undefined));
      }
      p = load(s);
      profiles.set(s.profileId, p);
    }
    return p;
  };

  const save = async (p: Profile): Promise<void> => {
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    if (p.dirtySince === null) return p.saving;
    p.dirtySince = null;
    const run = p.saving.then(async () => {
      if (!files.canEncrypt() && !p.scope.allowPlain) return;
      const text = JSON.stringify({ version: FILE_VERSION, index: p.mini.toJSON(), dates: [...p.dates] });
      const kept = await files.write(base(p.scope.profileId), text);
      await fsp.rm(`${base(p.scope.profileId)}.${kept === 'enc' ? 'json' : 'enc'}`, { force: true });
    });
    p.saving = run.catch((error: unknown) => log(`search: could not save the index: ${(error as Error).message}`));
    return p.saving;
  };

  const changed = (p: Profile) => {
    const now = Date.now();
    p.dirtySince ??= now;
    if (p.timer) clearTimeout(p.timer);
    const wait = Math.max(0, Math.min(saveQuietMs, p.dirtySince + saveMaxWaitMs - now));
    p.timer = setTimeout(() => void save(p), wait);
    p.timer.unref?.();
  };

  const put = (p: Profile, m: IndexedMessage) => {
    const id = idOf(m.conversationSid, m.index);
    const doc: Doc = { id, c: m.conversationSid, i: m.index, d: m.date, body: m.body };
    if (p.mini.has(id)) {
      if ((p.mini.getStoredFields(id) as Partial<Doc> | undefined)?.body === m.body) return false;
      p.mini.replace(doc);
    } else p.mini.add(doc);
    // Undated messages (a preview without a date) count as new: they were just seen.
    p.dates.set(id, m.date ?? Date.now());
    return true;
  };

  const drop = (p: Profile, id: string) => {
    if (!p.mini.has(id)) return false;
    p.mini.discard(id);
    p.dates.delete(id);
    return true;
  };

  /** Past the cap, the oldest tenth goes at once, so a full index is not sorted on every batch. */
  const evict = (p: Profile) => {
    if (p.dates.size <= maxMessages) return;
    const keep = Math.floor(maxMessages * 0.9);
    const oldest = [...p.dates].sort((a, b) => a[1] - b[1]).slice(0, p.dates.size - keep);
    for (const [id] of oldest) drop(p, id);
  };

  const forProfile = async (profileId: string): Promise<Profile | null> => {
    const p = await active();
    return p.scope.profileId === profileId ? p : null;
  };

  return {
    async index({ profileId, messages, removed }) {
      const p = await forProfile(profileId);
      if (!p) return { indexed: 0 };
      let indexed = 0;
      let dirty = false;
      for (const r of removed) dirty = drop(p, idOf(r.conversationSid, r.index)) || dirty;
      for (const m of messages) {
        // A message without text (only attachments) has nothing to find; an old text of it goes.
        if (m.body.trim() === '') dirty = drop(p, idOf(m.conversationSid, m.index)) || dirty;
        else if (put(p, m)) {
          indexed += 1;
          dirty = true;
        }
      }
      evict(p);
      if (dirty) changed(p);
      return { indexed };
    },

    async query({ profileId, query, limit }) {
      const p = await forProfile(profileId);
      if (!p || query.trim().length < SEARCH_MIN_QUERY_CHARS) return { hits: [] };
      // A word just begun after others ("blender w") narrows nothing yet: the others are searched
      // until it has the three letters that make it a prefix, so rows don't blink out meanwhile.
      const words = query.trim().split(/\s+/);
      const last = words.at(-1) ?? '';
      const results = p.mini.search(words.length > 1 && last.length < 3 ? words.slice(0, -1).join(' ') : query);
      return { hits: bestPerConversation(results, limit) };
    },

    async removeProfile(profileId) {
      const p = await profiles.get(profileId);
      profiles.delete(profileId);
      await leaving.get(profileId);
      leaving.delete(profileId);
      if (p) {
        if (p.timer) clearTimeout(p.timer);
        p.dirtySince = null;
        await p.saving;
      }
      await Promise.all(['enc', 'json'].map((ext) => fsp.rm(`${base(profileId)}.${ext}`, { force: true })));
    },

    async flush() {
      await Promise.all([...profiles.values()].map(async (p) => save(await p)));
    },

    async size(profileId) {
      const p = await forProfile(profileId);
      return p ? p.dates.size : 0;
    },
  };
}

/** Results come best first: the first of each conversation is its best message. */
function bestPerConversation(results: MiniResult[], limit: number): SearchHit[] {
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    const c = r.c as string;
    if (seen.has(c)) continue;
    seen.add(c);
    const { snippet, ranges } = makeSnippet(r.body as string, new Set(r.terms), normaliseTerm);
    hits.push({ conversationSid: c, index: r.i as number, date: (r.d as number | null) ?? null, snippet, ranges });
    if (hits.length >= limit) break;
  }
  return hits;
}
