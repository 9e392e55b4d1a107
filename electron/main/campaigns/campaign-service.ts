/**
 * Campaigns of the active profile: kept in main's store (definition and recipients sealed once,
 * status rewritten atomically, the per-recipient journal appended), sent by a CampaignRun over the
 * profile's governed REST client, scheduled by a timer in main (re-armed at every start), resumed
 * after a crash or a quit (status `sending` on disk), progress published as `campaign:progress`.
 */
import { randomBytes, createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { countSegments } from '../../../shared/domain/sms-segments';
import {
  DEFAULT_SMS_PRICE_PER_SEGMENT_USD,
  type CampaignDraft,
  type CampaignOptions,
  type CampaignStatus,
  type CampaignSummary,
  type CampaignTemplate,
} from '../../../shared/ipc/campaign-schema';
import type { AccountNumbers } from '../../../shared/ipc/customer-schema';
import type { Recipient } from '../../../shared/ipc/segment-schema';
import type { Translate } from '../desktop/locale';
import { DeskError } from '../errors';
import type { Publish } from '../events';
import { RestClientClosedError } from '../rest/governed-transport';
import type { RestClient } from '../rest/rest-client';
import { sealedFiles } from '../sealed-file';
import type { SegmentSource } from '../segments/segment-source';
import type { SafeStorageLike } from '../vault';
import { restCampaignApi, type CampaignApi } from './campaign-api';
import { openJournal } from './campaign-journal';
import type { CampaignPort } from './campaign-port';
import { createCampaignRun, type CampaignRun } from './campaign-run';

export interface CampaignServiceDeps {
  /** e.g. `<userData>/campaigns` */
  dir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  scope(): Promise<{ profileId: string; allowPlain: boolean }>;
  /**
   * The team's REST client, the desk's identity on it and the profile it serves, read together (the
   * run checks the profile on the very client it is about to use; the author is that profile's).
   */
  client(): Promise<{ rest: RestClient; identity: string; profileId: string }>;
  segments: SegmentSource;
  numbers(): Promise<AccountNumbers>;
  publish: Publish;
  /** Tests: a fake Twilio instead of REST. */
  api?: (rest: RestClient) => CampaignApi;
  now?: () => number;
  /** Receipts are read this long after the last send, then every `receiptEveryMs` until final (at most `receiptPasses`). */
  receiptEveryMs?: number;
  receiptPasses?: number;
  workers?: number;
  t?: Translate;
  log?: (line: string) => void;
}

interface Meta {
  id: string;
  name: string;
  segmentId: string;
  segmentName: string;
  channel: CampaignDraft['channel'];
  from: string;
  message: CampaignDraft['message'];
  author: string;
  status: CampaignStatus;
  createdAt: number;
  sendAt: number | null;
  finishedAt: number | null;
}

interface Live {
  meta: Meta;
  run: CampaignRun;
  journal: { close(): Promise<void> };
  sending: Promise<void> | null;
  timer: ReturnType<typeof setTimeout> | null;
  lastPublish: number;
  publishTimer: ReturnType<typeof setTimeout> | null;
  /** Its delivery receipts being followed (passes a few seconds apart), until stopped. */
  receipts: Promise<void> | null;
  /** Ends the wait before the next receipts pass at once. */
  wakeReceipts: (() => void) | null;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A campaign completed this recently when the app started still has its receipts followed. */
const RECEIPTS_FOLLOWED_MS = 3 * 24 * 60 * 60_000;

export interface CampaignService extends CampaignPort {
  /** Loads the active profile's campaigns and resumes or schedules them (at start, after a profile switch). */
  resume(): Promise<void>;
  close(): Promise<void>;
  /** A removed profile's campaigns (recipients' names and numbers) go with it. */
  removeProfile(profileId: string): Promise<void>;
}

export function createCampaignService(deps: CampaignServiceDeps): CampaignService {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});
  const files = sealedFiles(deps.safeStorage, deps.platform);
  let loadedFor: string | null = null;
  let loading: Promise<void> | null = null;
  const live = new Map<string, Live>();
  let closed = false;

  const profileDir = (profileId: string) => join(deps.dir, hash(profileId));
  const base = (profileId: string, id: string, what: string) => join(profileDir(profileId), id, what);

  const settingsBase = () => join(deps.dir, 'settings');
  let price: number | null = null;
  const readPrice = async () => {
    if (price !== null) return price;
    const read = await files.read(settingsBase(), true).catch(() => null);
    const parsed = read ? (JSON.parse(read.text) as { pricePerSegmentUsd?: unknown }) : {};
    price = typeof parsed.pricePerSegmentUsd === 'number' && parsed.pricePerSegmentUsd >= 0 ? parsed.pricePerSegmentUsd : DEFAULT_SMS_PRICE_PER_SEGMENT_USD;
    return price;
  };

  const summary = (l: Live): CampaignSummary => {
    const c = l.run.counts();
    const rate = l.meta.status === 'sending' ? l.run.rate() : null;
    return {
      id: l.meta.id,
      name: l.meta.name,
      channel: l.meta.channel,
      from: l.meta.from,
      segmentName: l.meta.segmentName,
      status: l.meta.status,
      total: c.total,
      sent: c.sent,
      delivered: c.delivered,
      failed: c.failed,
      skipped: c.skipped,
      done: c.total - c.pending,
      createdAt: l.meta.createdAt,
      sendAt: l.meta.sendAt,
      finishedAt: l.meta.finishedAt,
      rate,
      etaMs: rate && c.pending > 0 ? Math.round((c.pending / rate) * 1000) : null,
      segmentsPerMessage: l.meta.message.kind === 'text' ? countSegments(l.meta.message.body).segments : 0,
    };
  };

  const publishNow = (l: Live) => {
    l.lastPublish = now();
    if (l.publishTimer) clearTimeout(l.publishTimer);
    l.publishTimer = null;
    if (!closed) deps.publish('campaign:progress', summary(l));
  };
  /** At most ~4 progress events a second per campaign. */
  const publish = (l: Live) => {
    if (l.publishTimer) return;
    const wait = Math.max(0, 250 - (now() - l.lastPublish));
    l.publishTimer = setTimeout(() => publishNow(l), wait);
  };

  const saveMeta = async (profileId: string, meta: Meta) => {
    await files.write(base(profileId, meta.id, 'campaign'), JSON.stringify(meta));
  };

  const open = async (profileId: string, allowPlain: boolean, meta: Meta, recipients: Recipient[], rest: RestClient | null): Promise<Live> => {
    const journal = openJournal({ file: `${base(profileId, meta.id, 'journal')}.log`, safeStorage: deps.safeStorage, platform: deps.platform, allowPlain });
    const api = rest ? (deps.api ?? restCampaignApi)(rest) : lazyApi(profileId);
    const holder: { l?: Live } = {};
    const run = createCampaignRun(
      { id: meta.id, name: meta.name, from: meta.from, message: meta.message, author: meta.author, recipients },
      { api, journal, workers: deps.workers, now, log, onChange: () => holder.l && publish(holder.l), isClosed: (e) => e instanceof RestClientClosedError },
    );
    await run.load();
    const l: Live = { meta, run, journal, sending: null, timer: null, lastPublish: 0, publishTimer: null, receipts: null, wakeReceipts: null };
    holder.l = l;
    return l;
  };

  /**
   * The REST client is asked for at each call, so a run survives nothing across a profile switch but
   * its journal; a call made after a switch stops the run (intents stay open, to be read back) rather
   * than reach the other profile's account.
   */
  const lazyApi = (profileId: string): CampaignApi => {
    const api = async () => {
      if ((await deps.scope()).profileId !== profileId) throw new RestClientClosedError();
      const client = await deps.client();
      if (client.profileId !== profileId) throw new RestClientClosedError();
      return (deps.api ?? restCampaignApi)(client.rest);
    };
    return {
      createConversation: async (x) => (await api()).createConversation(x),
      conversationsOf: async (x) => (await api()).conversationsOf(x),
      setConversationAttributes: async (a, b) => (await api()).setConversationAttributes(a, b),
      sendMessage: async (a, b) => (await api()).sendMessage(a, b),
      recentMessages: async (a) => (await api()).recentMessages(a),
      receipts: async (a, b) => (await api()).receipts(a, b),
    };
  };

  const setStatus = async (l: Live, status: CampaignStatus) => {
    l.meta.status = status;
    if (status === 'completed' || status === 'cancelled') l.meta.finishedAt = now();
    const { profileId } = await deps.scope();
    await saveMeta(profileId, l.meta);
    publishNow(l);
  };

  const start = (l: Live) => {
    if (l.sending || closed) return;
    l.sending = (async () => {
      if (l.meta.status !== 'sending') await setStatus(l, 'sending');
      const outcome = await l.run.send();
      if (outcome === 'done') {
        await setStatus(l, 'completed');
        followReceipts(l);
      } else publishNow(l);
    })()
      .catch((error: unknown) => log(`campaigns: ${l.meta.id} stopped: ${(error as Error).message}`))
      .finally(() => {
        l.sending = null;
      });
  };

  const followReceipts = (l: Live) => {
    if (l.receipts) return;
    const every = deps.receiptEveryMs ?? 5_000;
    // Unloaded (a profile switch, a removal, a quit: stopAll empties `live`): nothing more is read for it.
    const stop = () => live.get(l.meta.id) !== l;
    l.receipts = (async () => {
      for (let pass = 0; pass < (deps.receiptPasses ?? 12) && !stop(); pass++) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, every);
          l.wakeReceipts = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        l.wakeReceipts = null;
        if (stop()) return;
        const open = await l.run.pollReceipts(stop).catch(() => 1);
        if (stop()) return;
        publishNow(l);
        if (open === 0) return;
      }
    })().finally(() => {
      l.receipts = null;
    });
  };

  const arm = (l: Live) => {
    if (l.meta.status !== 'scheduled' || l.meta.sendAt === null) return;
    if (l.timer) clearTimeout(l.timer);
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, l.meta.sendAt - now()));
    l.timer = setTimeout(() => {
      l.timer = null;
      if (l.meta.sendAt !== null && now() < l.meta.sendAt) return arm(l);
      start(l);
    }, wait);
  };

  /**
   * Stops every loaded campaign: timers off, runs paused, their requests in flight landed (and
   * journalled) and journals closed. Nothing may read a journal again before this: a second run
   * started beside a first would send to the same recipient twice.
   */
  const stopAll = async () => {
    const old = [...live.values()];
    live.clear();
    for (const l of old) {
      if (l.timer) clearTimeout(l.timer);
      if (l.publishTimer) clearTimeout(l.publishTimer);
      l.run.pause();
      l.wakeReceipts?.();
    }
    await Promise.all(old.map((l) => l.sending));
    // Its receipt reads in flight land (and are journalled) before the journal closes.
    await Promise.all(old.map((l) => l.receipts));
    await Promise.all(old.map((l) => l.journal.close().catch(() => undefined)));
  };

  const load = async () => {
    const { profileId, allowPlain } = await deps.scope();
    if (loadedFor === profileId) return;
    if (loading) return loading;
    loading = (async () => {
      await stopAll();
      let ids: string[] = [];
      try {
        ids = await fsp.readdir(profileDir(profileId));
      } catch {
        ids = [];
      }
      for (const id of ids) {
        try {
          const metaRead = await files.read(base(profileId, id, 'campaign'), allowPlain);
          const recipientsRead = await files.read(base(profileId, id, 'recipients'), allowPlain);
          if (!metaRead || !recipientsRead) continue;
          const meta = JSON.parse(metaRead.text) as Meta;
          const l = await open(profileId, allowPlain, meta, JSON.parse(recipientsRead.text) as Recipient[], null);
          live.set(meta.id, l);
          if (meta.status === 'sending') start(l);
          else if (meta.status === 'scheduled') arm(l);
          // Finished shortly before a quit: its delivery receipts are still worth following.
          else if (meta.status === 'completed' && meta.finishedAt !== null && now() - meta.finishedAt < RECEIPTS_FOLLOWED_MS) followReceipts(l);
        } catch (error) {
          log(`campaigns: could not read campaign ${id}: ${(error as Error).message}`);
        }
      }
      loadedFor = profileId;
    })();
    try {
      await loading;
    } finally {
      loading = null;
    }
  };

  const get = async (id: string): Promise<Live> => {
    await load();
    const l = live.get(id);
    if (!l) throw new DeskError('not-found', deps.t ? deps.t('errors.campaign.notFound') : 'No such campaign.');
    return l;
  };

  const templates = async (): Promise<CampaignTemplate[]> => {
    const { rest } = await deps.client();
    const list = await rest.withPriority('interactive', () => rest.twilio.content.v1.contentAndApprovals.list({ pageSize: 500, limit: 2000 }));
    return list
      .filter((c) => /^HX[0-9a-f]{32}$/.test(c.sid))
      .map((c) => {
        const approval = (c.approvalRequests ?? {}) as { status?: unknown };
        const types = (c.types ?? {}) as Record<string, { body?: unknown }>;
        const body = Object.values(types).find((x) => typeof x?.body === 'string')?.body as string | undefined;
        const variables: Record<string, string> = {};
        for (const [k, v] of Object.entries((c.variables ?? {}) as Record<string, unknown>)) variables[k.slice(0, 16)] = String(v).slice(0, 1024);
        return {
          sid: c.sid,
          name: (c.friendlyName ?? c.sid).slice(0, 256),
          variables,
          body: (body ?? '').slice(0, 2000),
          whatsapp: typeof approval.status === 'string' && approval.status !== '' ? approval.status.toLowerCase().slice(0, 40) : 'unsubmitted',
        };
      });
  };

  return {
    async options(): Promise<CampaignOptions> {
      const [segments, numbers, list, pricePerSegmentUsd] = await Promise.all([
        deps.segments.list(true),
        deps.numbers().catch(() => ({ sms: [], whatsapp: [] })),
        templates().catch((error: unknown) => {
          log(`campaigns: could not list templates: ${(error as Error).message}`);
          return [];
        }),
        readPrice(),
      ]);
      return { segments, numbers, templates: list, pricePerSegmentUsd };
    },
    async list() {
      await load();
      return [...live.values()].map(summary).sort((a, b) => b.createdAt - a.createdAt);
    },
    async create(draft) {
      await load();
      const t = deps.t ?? ((k: string) => k);
      // A segment may mix channels: the source resolves each person to their address on this one.
      const recipients = await deps.segments.recipients(draft.segmentId, draft.channel);
      if (!recipients) throw new DeskError('invalid-input', t('errors.campaign.noSegment'), { segmentId: t('errors.campaign.noSegment') });
      const channelOk = (a: string) => (draft.channel === 'whatsapp') === a.startsWith('whatsapp:');
      const from = draft.channel === 'whatsapp' && !draft.from.startsWith('whatsapp:') ? `whatsapp:${draft.from}` : draft.from;
      // The last guard: an address of another channel is never sent on this one.
      const mine = recipients.filter((r) => channelOk(r.address));
      if (mine.length === 0) throw new DeskError('invalid-input', t('errors.campaign.noRecipients'), { segmentId: t('errors.campaign.noRecipients') });
      if (draft.channel === 'whatsapp' && draft.message.kind !== 'template') {
        throw new DeskError('invalid-input', t('errors.campaign.templateRequired'), { message: t('errors.campaign.templateRequired') });
      }
      const segment = (await deps.segments.list()).find((s) => s.id === draft.segmentId);
      const { profileId, allowPlain } = await deps.scope();
      if (!allowPlain && !files.canEncrypt()) throw new DeskError('unavailable', t('errors.campaign.noSecureStorage'));
      const client = await deps.client();
      if (client.profileId !== profileId) throw new DeskError('unavailable', t('errors.campaign.accountChanged'));
      const id = `cmp_${randomBytes(8).toString('hex')}`;
      const scheduled = draft.sendAt !== null && draft.sendAt > now();
      const meta: Meta = {
        id,
        name: draft.name,
        segmentId: draft.segmentId,
        segmentName: segment?.name ?? draft.segmentId,
        channel: draft.channel,
        from,
        message: draft.message,
        author: client.identity,
        status: scheduled ? 'scheduled' : 'sending',
        createdAt: now(),
        sendAt: scheduled ? draft.sendAt : null,
        finishedAt: null,
      };
      await files.write(base(profileId, id, 'recipients'), JSON.stringify(mine));
      await saveMeta(profileId, meta);
      const l = await open(profileId, allowPlain, meta, mine, null);
      live.set(id, l);
      if (scheduled) arm(l);
      else start(l);
      return summary(l);
    },
    async control({ id, action }) {
      const l = await get(id);
      if (action === 'pause' && (l.meta.status === 'sending' || l.meta.status === 'scheduled')) {
        if (l.timer) clearTimeout(l.timer);
        l.run.pause();
        await setStatus(l, 'paused');
      } else if (action === 'resume' && l.meta.status === 'paused') {
        await l.sending;
        // A scheduled campaign paused before its time goes back to waiting for it.
        if (l.meta.sendAt !== null && l.meta.sendAt > now() && l.run.results().every((r) => r.status === 'pending')) {
          await setStatus(l, 'scheduled');
          arm(l);
        } else {
          await setStatus(l, 'sending');
          start(l);
        }
      } else if (action === 'cancel' && l.meta.status !== 'completed' && l.meta.status !== 'cancelled') {
        if (l.timer) clearTimeout(l.timer);
        await l.run.cancel();
        await l.sending;
        await setStatus(l, 'cancelled');
      }
      return summary(l);
    },
    async results(id) {
      const l = await get(id);
      return { campaign: summary(l), results: l.run.results() };
    },
    async setPrice(value) {
      price = value;
      await files.write(settingsBase(), JSON.stringify({ pricePerSegmentUsd: value }));
      return { pricePerSegmentUsd: value };
    },
    /** Idempotent: the same profile's campaigns are loaded once (session:changed also fires on a rename). */
    async resume() {
      await load();
    },
    async close() {
      closed = true;
      await stopAll();
    },
    async removeProfile(profileId) {
      if (loadedFor === profileId) {
        await stopAll();
        loadedFor = null;
      }
      await fsp.rm(profileDir(profileId), { recursive: true, force: true });
    },
  };
}
