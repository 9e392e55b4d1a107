/**
 * Analytics for the active profile: conversations' facts read over REST (analytics-reader.ts),
 * kept in memory and in a sealed file per profile (safeStorage; plain JSON only for the Local
 * workspace without a keyring), so reopening the screen is a fold over memory and a restart
 * starts from the file. A read of what changed runs in the background when the report is asked
 * for and the last read is older than `staleMs` (or the agent pressed Refresh); its end is
 * announced as `analytics:changed`. Folding yields to the event loop every `chunk` conversations.
 * At quit, `close()` stops a read where it is and seals what it has read so far (a conversation whose
 * messages were not reached is marked to be read), so the next launch carries on instead of starting
 * over; nothing is written after it.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { AnalyticsReport, AnalyticsRequest, AnalyticsStatus } from '../../../shared/ipc/analytics-schema';
import type { Publish } from '../events';
import { eachInParallel } from '../each-in-parallel';
import type { RestClient } from '../rest/rest-client';
import { sealedFiles } from '../sealed-file';
import { pickAgents } from '../team/team-service';
import { toDeskError } from '../team/twilio-errors';
import type { SafeStorageLike } from '../vault';
import { english, type Translate } from '../desktop/locale';
import { finishFold, foldChunk, startFold } from './aggregate';
import { createAnalyticsReader, type AnalyticsReader } from './analytics-reader';
import type { AnalyticsPort } from './analytics-port';
import { addMessages, conversationFacts, type ConversationFacts } from './conversation-facts';

export interface AnalyticsScope {
  profileId: string;
  allowPlain: boolean;
}

export interface AnalyticsServiceDeps {
  /** e.g. `<userData>/analytics` */
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  scope: () => Promise<AnalyticsScope>;
  /** The active profile's governed REST client (the team's: one budget per account) and identity. */
  client: () => Promise<{ rest: RestClient; identity: string }>;
  publish: Publish;
  reader?: (rest: RestClient) => AnalyticsReader;
  staleMs?: number;
  chunk?: number;
  /** Conversations read at once (the governor still decides how many requests fly). */
  parallel?: number;
  now?: () => number;
  log?: (line: string) => void;
  /** The window's language, for the status line's text. */
  t?: Translate;
}

export interface AnalyticsService extends AnalyticsPort {
  /** Resolves when the read under way (if any) has ended. */
  idle(): Promise<void>;
  /**
   * At quit: reads stop taking conversations, what they read is sealed once, and nothing is written
   * after (requests still in flight are the REST client's to end: it is closed after this).
   */
  close(): Promise<void>;
  removeProfile(profileId: string): Promise<void>;
}

interface Held {
  profileId: string;
  serviceSid: string;
  facts: Map<string, ConversationFacts>;
  readAt: number | null;
  complete: boolean;
  error: string | null;
  reading: Promise<void> | null;
  /** Conversations listed whose messages this read has not reached yet (their facts hold the conversation alone). */
  unread: Set<string>;
  /** Bumped by every read: a memoised report of an older version is stale. */
  version: number;
  /** The facts changed since they were last sealed, and the scope they are sealed under. */
  dirty: boolean;
  scope: AnalyticsScope | null;
  /** The last write (settled or not): close() waits for it, so nothing is written once it has returned. */
  sealing: Promise<void> | null;
  memo: { key: string; report: AnalyticsReport } | null;
}

const FILE_VERSION = 1;
/** A send still without a final status this recently is read again at each refresh. */
const PENDING_SEND_MS = 3 * 24 * 60 * 60_000;
/** How often a first read announces its progress. */
const ANNOUNCE_MS = 2_000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

export function createAnalyticsService(deps: AnalyticsServiceDeps): AnalyticsService {
  const log = deps.log ?? (() => {});
  const now = deps.now ?? Date.now;
  const staleMs = deps.staleMs ?? 60_000;
  const chunk = deps.chunk ?? 500;
  const t = deps.t ?? english;
  const parallel = deps.parallel ?? 32;
  const makeReader = deps.reader ?? createAnalyticsReader;
  const files = sealedFiles(deps.safeStorage, deps.platform);
  const base = (profileId: string) => join(deps.dir, `${hash(profileId)}-analytics`);
  const held = new Map<string, Promise<Held>>();

  const load = (scope: AnalyticsScope, serviceSid: string): Promise<Held> => {
    const key = `${scope.profileId}|${serviceSid}`;
    let entry = held.get(key);
    if (!entry) {
      entry = (async () => {
        const h: Held = { profileId: scope.profileId, serviceSid, facts: new Map(), readAt: null, complete: false, error: null, reading: null, unread: new Set(), version: 0, memo: null, dirty: false, scope: null, sealing: null };
        try {
          const file = await files.read(base(scope.profileId), scope.allowPlain);
          const saved = file
            ? (JSON.parse(file.text) as { v: number; serviceSid: string; readAt: number | null; complete?: boolean; facts: ConversationFacts[] })
            : null;
          // Another account's (the profile was edited) or an older shape: read again from Twilio.
          if (saved && saved.v === FILE_VERSION && saved.serviceSid === serviceSid) {
            for (const f of saved.facts) h.facts.set(f.sid, f);
            h.readAt = saved.readAt;
            // A first read cut by a quit (older files lack the flag: they were always complete).
            h.complete = saved.complete !== false;
            if (!h.complete) for (const f of saved.facts) if (f.updated === -1) h.unread.add(f.sid);
          }
        } catch (error) {
          log(`analytics: could not read the cache: ${(error as Error).message}`);
        }
        return h;
      })();
      held.set(key, entry);
    }
    return entry;
  };

  let closed = false;

  const seal = async (scope: AnalyticsScope, h: Held) => {
    h.dirty = false;
    if (!files.canEncrypt() && !scope.allowPlain) return;
    const text = JSON.stringify({ v: FILE_VERSION, serviceSid: h.serviceSid, readAt: h.readAt, complete: h.complete, facts: [...h.facts.values()] });
    const write = files.write(base(scope.profileId), text);
    h.sealing = write.then(
      () => undefined,
      () => undefined,
    );
    await write;
  };
  /** A read's end; once closed, only close() seals. */
  const save = async (scope: AnalyticsScope, h: Held) => {
    if (!closed) await seal(scope, h);
  };

  const status = (h: Held): AnalyticsStatus => {
    let messages = 0;
    for (const f of h.facts.values()) messages += f.inbound.length + f.outbound.length;
    return { complete: h.complete, refreshing: h.reading !== null, readAt: h.readAt, conversations: h.facts.size - h.unread.size, messages, error: h.error };
  };

  /** Reads what changed since the last read into `h.facts`. */
  const read = async (h: Held, rest: RestClient, scope: AnalyticsScope) => {
    const reader = makeReader(rest);
    const agents = new Set(pickAgents(await reader.agentIdentities()));
    const isAgent = (identity: string) => agents.has(identity);
    const list = await reader.conversations();
    const seen = new Set<string>();
    const todo: { c: (typeof list)[number]; before?: ConversationFacts; pendingFrom?: number }[] = [];
    const pendingSince = now() - PENDING_SEND_MS;
    for (const c of list) {
      seen.add(c.sid);
      const before = h.facts.get(c.sid);
      const pending = before?.campaigns.filter((s) => s.status === 'sent' && s.at >= pendingSince) ?? [];
      if (before && before.updated === c.dateUpdated.getTime() && pending.length === 0) continue;
      todo.push({ c, before, pendingFrom: pending.length ? Math.min(...pending.map((s) => s.index)) : undefined });
    }
    if (closed) return;
    for (const sid of [...h.facts.keys()]) {
      if (seen.has(sid)) continue;
      h.facts.delete(sid);
      h.unread.delete(sid);
      h.dirty = true;
    }
    // Twilio has no service-wide message list, so a first read costs a request per conversation
    // (minutes at 10,000). The list alone already gives opened, resolved and backlog: those charts
    // are shown at once and the message figures fill in as the reads land. `updated: -1` makes a
    // conversation whose messages were never reached (a quit, a failure) be read next time.
    for (const { c, before } of todo) {
      if (before) continue;
      h.facts.set(c.sid, { ...conversationFacts(c, undefined), updated: -1 });
      h.unread.add(c.sid);
      h.dirty = true;
    }
    let announced = now();
    if (h.unread.size) announce(h);
    let failed = 0;
    let lastFailure = '';
    const readOne = async ({ c, before, pendingFrom }: (typeof todo)[number]) => {
      let facts = conversationFacts(c, before);
      facts = addMessages(facts, await reader.messages(c.sid, facts.lastIndex, pendingFrom), isAgent);
      // A conversation listed by an earlier read that never reached its messages is read as new.
      if (facts.channel === 'unknown' && (!before || before.updated === -1)) facts = { ...facts, channel: await reader.channel(c.sid, isAgent) };
      for (const [i, send] of facts.campaigns.entries()) {
        if (send.status === 'failed' && send.code === undefined) facts.campaigns[i] = { ...send, code: await reader.failureCode(c.sid, send.sid) };
      }
      h.facts.set(c.sid, facts);
      h.unread.delete(c.sid);
      h.dirty = true;
      // The screen asks again on each announcement and folds every conversation: a few a second at most.
      if (h.unread.size && now() - announced > ANNOUNCE_MS) {
        announced = now();
        announce(h);
      }
    };
    await eachInParallel(
      todo,
      parallel,
      // One conversation's failure (a dropped socket, a 429 that outlasted the retries) costs that
      // conversation, tried once more, not the read: it keeps its old facts and is read next time
      // (its dateUpdated still differs from what was kept).
      (item) =>
        readOne(item)
          .catch((error: unknown) => {
            if (closed) throw error;
            return readOne(item);
          })
          .catch((error: unknown) => {
            failed++;
            lastFailure = (error as Error).message;
          }),
      () => closed,
    );
    // Closed: close() sealed what was read; the rest is read at the next launch.
    if (closed) return;
    h.unread.clear();
    h.readAt = now();
    h.complete = true;
    h.error = failed ? t('errors.analytics.someUnread', { count: failed, reason: lastFailure }).slice(0, 500) : null;
    if (failed) log(`analytics: ${h.error}`);
    await save(scope, h).catch((error: unknown) => log(`analytics: could not save the cache: ${(error as Error).message}`));
  };

  /** The facts changed under a read: memoised reports are stale, and the screen asks again. */
  const announce = (h: Held) => {
    if (closed) return;
    h.version++;
    h.memo = null;
    deps.publish('analytics:changed', { status: status(h) });
  };

  const startRead = (h: Held, rest: RestClient, scope: AnalyticsScope) => {
    if (h.reading || closed) return;
    h.scope = scope;
    h.reading = read(h, rest, scope)
      .catch((error: unknown) => {
        // At quit the REST client is closed under the read: that is no failure to show.
        if (closed) return;
        h.error = toDeskError(error).message.slice(0, 500);
        log(`analytics: read failed: ${(error as Error).message}`);
      })
      .finally(() => {
        h.reading = null;
        if (closed) return;
        h.unread.clear();
        h.version++;
        h.memo = null;
        deps.publish('analytics:changed', { status: status(h) });
      });
  };

  let current: Held | null = null;

  return {
    async report(request: AnalyticsRequest) {
      const scope = await deps.scope();
      const { rest, identity } = await deps.client();
      const h = await load(scope, rest.serviceSid);
      current = h;
      if (request.refresh || h.readAt === null || now() - h.readAt > staleMs) startRead(h, rest, scope);
      const key = `${identity}|${request.days.join(',')}`;
      if (h.memo?.key === key) return { ...h.memo.report, status: status(h) };
      const version = h.version;
      const fold = startFold(request.days, identity, now());
      const all = [...h.facts.values()];
      for (let i = 0; i < all.length; i += chunk) {
        foldChunk(fold, all.slice(i, i + chunk));
        if (i + chunk < all.length) await yieldToLoop();
      }
      const report: AnalyticsReport = { ...finishFold(fold), status: status(h) };
      // Only a fold of finished data is worth keeping: a read under way changes the facts.
      if (version === h.version && !h.reading && h.complete) h.memo = { key, report };
      return report;
    },
    idle: async () => {
      await current?.reading;
    },
    async close() {
      if (closed) return;
      closed = true;
      const all = await Promise.all(held.values());
      await Promise.all(all.map((h) => h.sealing));
      await Promise.all(
        all
          // Not only reads still under way: one that ended while another profile's file was being written
          // saw `closed` and returned without saving.
          .filter((h) => h.dirty && h.scope)
          .map((h) => seal(h.scope!, h).catch((error: unknown) => log(`analytics: could not save the cache at quit: ${(error as Error).message}`))),
      );
    },
    async removeProfile(profileId) {
      for (const key of [...held.keys()]) if (key.startsWith(`${profileId}|`)) held.delete(key);
      await Promise.all([fsp.rm(`${base(profileId)}.enc`, { force: true }), fsp.rm(`${base(profileId)}.json`, { force: true })]);
    },
  };
}
