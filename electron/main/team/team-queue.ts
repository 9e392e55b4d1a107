import { isTeamFeedUniqueName, type QueueRow, type QueueSnapshot } from '../../../shared/ipc/team-schema';
import type { Publish } from '../events';
import type { RestClient } from '../rest/rest-client';
import { audienceOf, linkCustomer, sameList, sameRow, toQueueRow, type Audience, type ConversationLike, type ParticipantLike } from './queue-rows';
import { httpStatus } from './twilio-errors';

/** Twilio's largest page for list resources. */
export const MAX_PAGE_SIZE = 1000;

export interface TeamQueueDeps {
  rest: RestClient;
  publish: Publish;
  /** Whether an identity is one of the team's agents (for a chat conversation's customer). */
  isAgent(identity: string): boolean;
  /** Wakes a snoozed conversation whose time has come (state active, wake-up cleared). */
  wake(sid: string): Promise<void>;
  intervalMs?: number;
  pageSize?: number;
  /** Participant lists read per refresh cycle, to learn rows' channel and customer. */
  participantBudget?: number;
  /** Every how many refreshes the whole list (closed history included) is read again; the others read open ones only. */
  fullReadEvery?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (line: string) => void;
}

export interface TeamQueue {
  snapshot(): QueueSnapshot;
  get(sid: string): QueueRow | undefined;
  /** A row an action just changed: shown at once (published), and protected from an older page of a running read. */
  put(row: QueueRow): void;
  /** Starts a read now (or right after the running one); resolves when that read ends. */
  refresh(): Promise<void>;
  /** Reads one conversation again now, at interactive priority (another desk changed it), and publishes it if it changed. */
  touch(sid: string): Promise<void>;
  start(): void;
  stop(): void;
}

type Page = { instances: ConversationLike[]; nextPage(): Promise<Page | undefined> };

/**
 * The service's conversations as the team queue, read over REST at background priority.
 * Twilio's conversation list has no "updated since" filter and is ordered by creation, so a
 * refresh pages through the open conversations (1,000 a page; see readAll for closed ones) and
 * publishes only rows that changed: the renderer gets small deltas, never the whole queue again.
 */
export function createTeamQueue(deps: TeamQueueDeps): TeamQueue {
  const { rest, publish, isAgent, wake, intervalMs = 20_000, pageSize = MAX_PAGE_SIZE, participantBudget = 200, fullReadEvery = 15, log = () => {} } = deps;
  const now = deps.now ?? Date.now;
  // Unref'd: a background refresh never keeps a process alive on its own (tests, the browser harness).
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms).unref());
  const clearTimer = deps.clearTimer ?? ((handle: unknown) => clearTimeout(handle as NodeJS.Timeout));
  const service = () => rest.twilio.conversations.v1.services(rest.serviceSid);

  const rows = new Map<string, QueueRow>();
  /** When an action last wrote each row (local ms): a page read before that is older news. */
  const edits = new Map<string, number>();
  const audiences = new Map<string, Audience>();
  let version = 0;
  let cycles = 0;
  let complete = false;
  let refreshedAt: number | null = null;
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  let timer: unknown = null;
  /** Background refresh on a timer once started; reads on demand work either way until stopped. */
  let started = false;
  let stopped = false;
  /** Fires at the earliest snooze wake-up (by the server's clock) when that comes before the next refresh. */
  let wakeTimer: unknown = null;
  /** Each customer's conversations (by address or chat identity), for `previous`. */
  const customers = new Map<string, Set<string>>();
  /** Customers whose conversations changed since their links were last computed. */
  const relinkDue = new Set<string>();

  const emit = (upserts: QueueRow[], removed: string[]) => {
    version++;
    publish('team:queueChanged', { version, upserts, removed, complete });
  };

  /**
   * A freshly read row keeps the links already computed for it while its customer is the same
   * (they come from the other rows, not from this one), so an unchanged row compares equal.
   */
  const withLinks = (row: QueueRow): QueueRow => {
    const before = rows.get(row.sid);
    if (!before || row.customer === null || before.customer !== row.customer || sameList(before.previous, row.previous)) return row;
    return { ...row, previous: before.previous };
  };

  const leave = (customer: string | null, sid: string) => {
    if (customer === null) return;
    const group = customers.get(customer);
    group?.delete(sid);
    if (group?.size === 0) customers.delete(customer);
    relinkDue.add(customer);
  };

  /** The one way a row is stored: keeps the customer groups in step. */
  const setRow = (row: QueueRow): void => {
    const before = rows.get(row.sid);
    if (before?.customer !== row.customer) {
      leave(before?.customer ?? null, row.sid);
      if (row.customer !== null) {
        let group = customers.get(row.customer);
        if (!group) customers.set(row.customer, (group = new Set()));
        group.add(row.sid);
        relinkDue.add(row.customer);
      }
    }
    rows.set(row.sid, row);
  };

  const dropRow = (sid: string): void => {
    leave(rows.get(sid)?.customer ?? null, sid);
    rows.delete(sid);
    audiences.delete(sid);
  };

  /**
   * `previous` for the customers whose conversations changed: the customer's other conversations,
   * newest first. Computed here rather than kept in attributes, so it needs no write to Twilio and
   * is right for conversations no desk has touched; a row whose customer is still unknown keeps
   * what its attributes say.
   */
  const relink = (): string[] => {
    const changed: string[] = [];
    for (const customer of relinkDue) {
      const members = [...(customers.get(customer) ?? [])].map((sid) => rows.get(sid)).filter((r): r is QueueRow => r !== undefined);
      for (const [sid, previous] of linkCustomer(members)) {
        const row = rows.get(sid) as QueueRow;
        if (sameList(row.previous, previous)) continue;
        rows.set(sid, { ...row, previous });
        changed.push(sid);
      }
    }
    relinkDue.clear();
    return changed;
  };

  /** Publishes these rows as they are now (after relinking), each once. */
  const emitRows = (sids: Iterable<string>, removed: string[] = []) => {
    const all = new Set(sids);
    for (const sid of relink()) all.add(sid);
    const upserts: QueueRow[] = [];
    for (const sid of all) {
      const row = rows.get(sid);
      if (row) upserts.push(row);
    }
    if (upserts.length > 0 || removed.length > 0) emit(upserts, removed);
  };

  const audienceFor = (sid: string): Audience | undefined => audiences.get(sid);

  /** Pages through one list (all conversations, or one state), upserting what changed; returns the sids seen. */
  const readList = async (state: 'active' | 'inactive' | null, seen: Set<string>) => {
    let pageStart = now();
    let page: Page | undefined = (await rest.withPriority('background', () =>
      service().conversations.page({ pageSize, ...(state ? { state } : {}) }),
    )) as unknown as Page;
    while (page) {
      const upserts: string[] = [];
      const fresh: QueueRow[] = [];
      for (const c of page.instances) {
        // The team feed is the desks' plumbing, never a queue row.
        if (isTeamFeedUniqueName(c.uniqueName)) continue;
        seen.add(c.sid);
        const edited = edits.get(c.sid);
        if (edited !== undefined && edited >= pageStart) continue;
        const row = withLinks(toQueueRow(c, audienceFor(c.sid)));
        const before = rows.get(c.sid);
        if (before && sameRow(before, row)) continue;
        setRow(row);
        upserts.push(c.sid);
        // A conversation that appeared since the first read (a customer writing again) is the one an
        // agent is waiting for: its customer and links are read now, not after the whole list.
        if (!before && complete && row.state !== 'closed' && row.channel === 'unknown') fresh.push(row);
      }
      emitRows(upserts);
      if (stopped) return;
      if (fresh.length > 0) await learnAudiences(fresh);
      if (stopped) return;
      pageStart = now();
      const current: Page = page;
      page = await rest.withPriority('background', () => current.nextPage());
    }
  };

  /**
   * A full read pages through every conversation. Between full reads only the open ones are
   * listed (State filter): `closed` is final on Twilio, so resolved history never changes and
   * a refresh costs what the open queue costs, not what the years of history cost. A row that
   * was open and is missing from both lists was resolved or deleted: it is fetched on its own.
   */
  const readAll = async () => {
    const seen = new Set<string>();
    const cycleStart = now();
    const full = !complete || cycles % fullReadEvery === 0;
    cycles++;
    if (full) {
      await readList(null, seen);
    } else {
      await readList('active', seen);
      if (stopped) return;
      await readList('inactive', seen);
    }
    if (stopped) return;
    const removed: string[] = [];
    const vanished: string[] = [];
    for (const [sid, row] of rows) {
      if (seen.has(sid) || (edits.get(sid) ?? -1) >= cycleStart) continue;
      if (full) removed.push(sid);
      else if (row.state !== 'closed') vanished.push(sid);
    }
    const refetched: string[] = [];
    await Promise.all(
      vanished.map(async (sid) => {
        try {
          const c = (await rest.withPriority('background', () => service().conversations(sid).fetch())) as unknown as ConversationLike;
          const row = withLinks(toQueueRow(c, audienceFor(sid)));
          setRow(row);
          refetched.push(row.sid);
        } catch (error) {
          if (httpStatus(error) === 404) removed.push(sid);
          else log(`team: could not read ${sid}: ${(error as Error).message}`);
        }
      }),
    );
    for (const sid of removed) dropRow(sid);
    for (const [sid, at] of edits) if (at < cycleStart) edits.delete(sid);
    const wasComplete = complete;
    complete = true;
    refreshedAt = now();
    if (!wasComplete && refetched.length === 0 && removed.length === 0 && relinkDue.size === 0) emit([], []);
    else emitRows(refetched, removed);
  };

  /** Snoozed rows whose wake-up time has passed by the server's clock, or that a message already woke. */
  const wakeDue = async () => {
    const serverNow = rest.clock.now();
    const due: string[] = [];
    for (const row of rows.values()) {
      if (row.snoozedUntil === null) continue;
      // Due by the clock, or already woken by Twilio (a customer's message makes inactive active).
      if (row.state === 'active' || (row.state === 'inactive' && row.snoozedUntil <= serverNow)) due.push(row.sid);
    }
    await Promise.all(
      due.map((sid) => rest.withPriority('background', () => wake(sid)).catch((e: unknown) => log(`team: could not wake ${sid}: ${(e as Error).message}`))),
    );
  };

  /** Channel and customer for rows still `unknown` (or for `only`): open ones first, newest first, within the budget. */
  const learnAudiences = async (only?: QueueRow[]) => {
    const unknown: QueueRow[] = only ?? [];
    if (!only) for (const row of rows.values()) if (row.channel === 'unknown') unknown.push(row);
    if (unknown.length === 0) return;
    unknown.sort((a, b) => Number(a.state === 'closed') - Number(b.state === 'closed') || b.dateUpdated - a.dateUpdated);
    const batch = unknown.slice(0, Math.max(participantBudget, only ? 1 : 0));
    const learned: string[] = [];
    await Promise.all(
      batch.map(async ({ sid }) => {
        try {
          const participants = (await rest.withPriority('background', () =>
            service().conversations(sid).participants.list({ pageSize: 100, limit: 100 }),
          )) as unknown as ParticipantLike[];
          const audience = audienceOf(participants, isAgent);
          audiences.set(sid, audience);
          const row = rows.get(sid);
          if (row) {
            setRow({ ...row, ...audience });
            learned.push(sid);
          }
        } catch (error) {
          log(`team: participants of ${sid}: ${(error as Error).message}`);
        }
      }),
    );
    if (!stopped) emitRows(learned);
  };

  const cycle = async () => {
    try {
      await readAll();
      if (stopped) return;
      await wakeDue();
      await learnAudiences();
    } catch (error) {
      const message = (error as Error).message;
      rest.noteError(message);
      log(`team: queue refresh failed: ${message}`);
    }
  };

  /**
   * A snooze wakes at its time, not at the next refresh after it: when the earliest wake-up (by
   * the server's clock) comes before the next refresh, a timer checks then. At least a second
   * apart, so a wake-up the server has not reached yet (clocks within the Date header's second)
   * is looked at again rather than in a loop.
   */
  const scheduleWake = () => {
    if (wakeTimer !== null) clearTimer(wakeTimer);
    wakeTimer = null;
    if (!started || stopped) return;
    let earliest = Infinity;
    for (const row of rows.values()) if (row.state === 'inactive' && row.snoozedUntil !== null && row.snoozedUntil < earliest) earliest = row.snoozedUntil;
    if (earliest === Infinity) return;
    const delay = Math.max(1_000, earliest - rest.clock.now());
    if (delay >= intervalMs) return;
    wakeTimer = setTimer(() => {
      wakeTimer = null;
      void wakeDue().finally(scheduleWake);
    }, delay);
  };

  const schedule = () => {
    if (!started || stopped) return;
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void refresh();
    }, intervalMs);
  };

  const refresh = (): Promise<void> => {
    if (running) {
      again ??= running.then(() => {
        again = null;
        return refresh();
      });
      return again;
    }
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
    running = cycle().finally(() => {
      running = null;
      schedule();
      scheduleWake();
    });
    return running;
  };

  const put = (row: QueueRow) => {
    const audience = audiences.get(row.sid);
    const next = audience && row.channel === 'unknown' ? { ...row, ...audience } : row;
    edits.set(row.sid, now());
    const before = rows.get(row.sid);
    const linked = withLinks(next);
    if (before && sameRow(before, linked)) return;
    setRow(linked);
    emitRows([row.sid]);
    if (before?.snoozedUntil !== linked.snoozedUntil || before?.state !== linked.state) scheduleWake();
  };

  /** Reads in flight per conversation; a touch during one asks for one more read after it. */
  const touching = new Map<string, Promise<void>>();
  const touchAgain = new Set<string>();
  const touch = (sid: string): Promise<void> => {
    if (stopped) return Promise.resolve();
    const pending = touching.get(sid);
    if (pending) {
      touchAgain.add(sid);
      return pending;
    }
    const read = (async () => {
      do {
        touchAgain.delete(sid);
        try {
          const c = (await rest.withPriority('interactive', () => service().conversations(sid).fetch())) as unknown as ConversationLike;
          if (stopped || isTeamFeedUniqueName(c.uniqueName)) return;
          put(toQueueRow(c, audienceFor(sid)));
        } catch (error) {
          if (httpStatus(error) === 404 && rows.has(sid)) {
            dropRow(sid);
            emitRows([], [sid]);
          } else if (httpStatus(error) !== 404) {
            log(`team: could not read ${sid}: ${(error as Error).message}`);
          }
        }
      } while (touchAgain.has(sid) && !stopped);
    })().finally(() => touching.delete(sid));
    touching.set(sid, read);
    return read;
  };

  return {
    snapshot: () => ({ rows: [...rows.values()], version, complete, refreshedAt }),
    get: (sid) => rows.get(sid),
    put,
    refresh,
    touch,
    start() {
      if (started || stopped) return;
      started = true;
      void refresh();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      if (wakeTimer !== null) clearTimer(wakeTimer);
      timer = null;
      wakeTimer = null;
    },
  };
}
