/**
 * The inbox's views (Mine, Unassigned, All open, Snoozed, Resolved) over one list: the agent's own
 * SDK conversations (live unread counts and previews) merged with main's team queue by conversation
 * sid, the SDK's copy winning. Built for 100,000 queue rows:
 * - the queue is sorted once per queue version; the SDK's order is `sortedSids`' (stable while
 *   no activity time changes), so a typing indicator re-sorts nothing;
 * - every view and its count come from one pass over the merged order;
 * - the whole queue's search text, folded 512 rows at a time, makes one search index per queue
 *   order (view-search.ts), so a keystroke is a few native `indexOf` hops (or a lookup of a recent
 *   result), and a view only maps those hits to its own positions: neither a view switch nor the
 *   SDK announcing conversations while the inbox loads makes the index again. Before the first
 *   index is whole, a key searches the part made so far (see filteredViewSids).
 * Every result is the same array while unchanged, so components subscribe by identity.
 */
import type { ConversationState, QueueRow } from '../../../shared/ipc/team-schema';
import type { ChannelFilter, ViewFilters, ViewId } from './queue-slice';
import { VIEW_IDS } from './queue-slice';
import { activityTime, conversationKey, NO_ROSTER, rosterKey, sameItems, sortedSids } from './selectors';
import type { SelectorMemo } from './selector-memo';
import { continueIndexBuild, digitsFor, finishIndexBuild, findRows, foldForSearch, searchBuiltRows, searchRows, startIndexBuild, type IndexBuild, type SearchIndex } from './view-search';
import { prepareTextMatches, withTextMatches } from './text-matches';
import type { ConversationSnapshot } from './types';
import type { DeskState } from './store-types';
import { withoutResolving, withTeamOverride } from './team-slice';

/** Who owns a conversation and where it stands, as the views read it. */
export interface TeamInfo {
  assignee: string | null;
  state: ConversationState;
  /** Epoch ms; set while snoozed. */
  snoozedUntil: number | null;
  /** Earlier conversations with the same customer, newest first. */
  previous: readonly string[];
}

type TeamState = Pick<DeskState, 'conversations' | 'queue'>;

const NONE: readonly string[] = [];
const isoTime = (v: unknown): number | null => {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
};

/** `attributes.desk` of an SDK conversation (see deskAttributesSchema), read leniently: a bad value counts as absent. */
export function deskFields(attributes: unknown): Pick<TeamInfo, 'assignee' | 'snoozedUntil' | 'previous'> {
  const desk = attributes && typeof attributes === 'object' ? (attributes as Record<string, unknown>).desk : undefined;
  if (!desk || typeof desk !== 'object') return { assignee: null, snoozedUntil: null, previous: NONE };
  const d = desk as Record<string, unknown>;
  return {
    assignee: typeof d.assignee === 'string' && d.assignee !== '' ? d.assignee : null,
    snoozedUntil: isoTime(d.snoozedUntil),
    previous: Array.isArray(d.previous) ? d.previous.filter((p): p is string => typeof p === 'string') : NONE,
  };
}

const sdkInfos = new WeakMap<ConversationSnapshot, { row: QueueRow | undefined; info: TeamInfo }>();
/** The last answer per conversation: at most one small object per conversation the agent is in. */
const lastInfos = new Map<string, TeamInfo>();

/** A queue row carries the same fields: it is its own TeamInfo (no copy of 100,000 rows). */
const queueInfo = (row: QueueRow): TeamInfo => row;

/**
 * The conversation's team data: the SDK's live attributes and state when the agent is in it (the
 * queue row fills what the SDK has not said yet), else main's queue row. Same object while unchanged.
 */
export function teamInfo(s: TeamState, sid: string): TeamInfo | null {
  const c = s.conversations.get(sid);
  const row = s.queue.rows.get(sid);
  if (!c) return row ? queueInfo(row) : null;
  const cached = sdkInfos.get(c);
  if (cached && cached.row === row) return cached.info;
  // Attributes are null in the cached copy painted at launch: the queue row knows better until the SDK speaks.
  const desk = c.attributes == null && row ? queueInfo(row) : deskFields(c.attributes);
  const info: TeamInfo = {
    assignee: desk.assignee,
    state: c.state ?? row?.state ?? 'active',
    snoozedUntil: desk.snoozedUntil,
    previous: desk.previous.length > 0 ? desk.previous : (row?.previous ?? NONE),
  };
  // Every message makes a new snapshot of its conversation: the answer for the one before it,
  // when equal, keeps subscribers (the thread's team actions) from rendering again.
  const prev = cached?.info ?? lastInfos.get(sid);
  const kept = prev && sameInfo(prev, info) ? prev : info;
  sdkInfos.set(c, { row, info: kept });
  lastInfos.set(sid, kept);
  return kept;
}

const sameInfo = (a: TeamInfo | null, b: TeamInfo | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.assignee === b.assignee && a.state === b.state && a.snoozedUntil === b.snoozedUntil && sameItems(a.previous, b.previous));

/**
 * The views a conversation is in besides All open (when open): one of Mine, Unassigned, Snoozed,
 * Resolved, or none (open, assigned to someone else). Snoozed ones wait in Snoozed only.
 */
function placeOf(info: TeamInfo, me: string | null): 'mine' | 'unassigned' | 'snoozed' | 'resolved' | null {
  if (info.state === 'closed') return 'resolved';
  if (info.state === 'inactive' && info.snoozedUntil !== null) return 'snoozed';
  if (info.assignee === null) return 'unassigned';
  return me !== null && info.assignee === me ? 'mine' : null;
}

/** Which views a conversation belongs to. Snoozed ones wait in Snoozed only, not in Mine or Unassigned. */
export function inView(view: ViewId, info: TeamInfo, me: string | null): boolean {
  const open = info.state !== 'closed';
  const snoozed = info.state === 'inactive' && info.snoozedUntil !== null;
  switch (view) {
    case 'mine':
      return open && !snoozed && me !== null && info.assignee === me;
    case 'unassigned':
      return open && !snoozed && info.assignee === null;
    case 'open':
      return open;
    case 'snoozed':
      return snoozed;
    case 'resolved':
      return !open;
  }
}

/** An address whose digits already stand together in it ("+14155550100", "whatsapp:+14155550100"). */
const PLAIN_ADDRESS = /^(?:[a-z]+:)?\+?\d*$/;

/**
 * A queue row's searchable text as written (the search index folds it, view-search.ts): names,
 * customer address and assignee, then the address's digits when punctuation splits them. Made
 * for 100,000 rows at a time, so no arrays and no cache: a WeakMap of keys and a filter-and-join
 * per row were most of the index's cost, and made again costs less than a lookup there.
 */
export function queueSearchKey(row: QueueRow): string {
  let key = row.friendlyName || '';
  const { uniqueName, customer, assignee } = row;
  if (uniqueName) key = key ? `${key}\n${uniqueName}` : uniqueName;
  if (customer) key = key ? `${key}\n${customer}` : customer;
  if (assignee) key = key ? `${key}\n${assignee}` : assignee;
  if (customer && !PLAIN_ADDRESS.test(customer)) {
    const digits = customer.replace(/\D/g, '');
    if (digits) key = `${key}\n${digits}`;
  }
  return key;
}

export type ViewCounts = Record<ViewId, number>;

interface Views {
  lists: Record<ViewId, string[]>;
  /** Parallel to each list: the queue-only rows (their search keys are made on the first search); null for the agent's own conversations. */
  rows: Record<ViewId, (QueueRow | null)[]>;
  counts: ViewCounts;
}

interface ViewMemo {
  queueOrder: { rows: ReadonlyMap<string, QueueRow>; version: number; sids: string[] } | null;
  merged: { queueOrder: string[]; sdk: string[]; sids: string[] } | null;
  sdkInfos: { conversations: DeskState['conversations']; rows: ReadonlyMap<string, QueueRow>; infos: (TeamInfo | null)[] } | null;
  views: { merged: string[]; me: string | null; infos: (TeamInfo | null)[]; rows: ReadonlyMap<string, QueueRow>; overrides: DeskState['teamOverrides']; value: Views } | null;
  filtered: {
    base: string[];
    filters: ViewFilters;
    q: string;
    conversations: DeskState['conversations'];
    participants: DeskState['participants'];
    /** Rosters are searched by display name too: a name that loads later must re-run the search. */
    userNames: DeskState['userNames'];
    /** An own conversation's assignee can come from its queue row, which a snapshot changes in place. */
    queueRows: ReadonlyMap<string, QueueRow>;
    result: string[];
    /** Recent results by query while everything above but `q` stands: Backspace returns the very array the list showed before. */
    recent: Map<string, string[]>;
    /**
     * The queue's search index was still being made: the result holds the matches among the rows
     * made so far (the newest activity) and is searched again once the store says the index is
     * whole (`queueIndexesMade`, see prepareViewSearch), so the result depends on the store alone.
     */
    partial: boolean;
    indexesMade: number;
  } | null;
  /** The search index of the whole queue in `queueOrder`'s order, made when idle before the first search. */
  index: { order: string[]; index: SearchIndex } | null;
  /** That index while it is being made, a slice per task (prepareViewSearch), before any keystroke needs it. */
  building: { order: string[]; build: IndexBuild } | null;
  /** An index was whole once: the queue has been searchable in full, so a search never again shows part of it. */
  madeOnce: boolean;
  /** Per view list, where its rows sit in the index (made when idle, and again when the list changes). */
  viewMaps: WeakMap<string[], ViewMap>;
}

/** A view list against the queue's order (the search index's positions). */
interface ViewMap {
  order: string[];
  /** Index position → position in the view list, or -1 when the row is not in the view. */
  toView: Int32Array;
  /** The view's queue rows as index positions, ascending (a small view searches these alone). */
  queue: Int32Array;
  /** Positions in the view list of the agent's own conversations (matched apart: live names and rosters). */
  own: Int32Array;
}

// Keyed by the store's own memo object, so each session has its own and a closed one keeps nothing alive.
const memos = new WeakMap<SelectorMemo, ViewMemo>();
function viewMemo(s: DeskState): ViewMemo {
  let m = memos.get(s.memo);
  if (!m) {
    m = { queueOrder: null, merged: null, sdkInfos: null, views: null, filtered: null, index: null, building: null, madeOnce: false, viewMaps: new WeakMap() };
    memos.set(s.memo, m);
  }
  return m;
}

const byActivity = (a: QueueRow, b: QueueRow) => b.dateUpdated - a.dateUpdated || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0);

/** Every queue row, newest activity first (ties by sid, so the order never jitters). */
function queueOrder(s: DeskState, m: ViewMemo): string[] {
  const prev = m.queueOrder;
  const queue = s.queue;
  if (prev?.rows === queue.rows) return prev.sids;
  let sids: string[];
  if (prev && prev.version === queue.version - 1 && queue.touched !== null && queue.touched.length < 1000) {
    // A few rows changed: take them out and put them back in place (binary search), no re-sort of 100,000.
    const touched = new Set(queue.touched);
    sids = prev.sids.filter((sid) => !touched.has(sid));
    for (const sid of touched) {
      const row = queue.rows.get(sid);
      if (!row) continue;
      let lo = 0;
      let hi = sids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (byActivity(queue.rows.get(sids[mid] as string) as QueueRow, row) < 0) lo = mid + 1;
        else hi = mid;
      }
      sids.splice(lo, 0, sid);
    }
  } else {
    const rows = [...queue.rows.values()];
    rows.sort(byActivity);
    sids = rows.map((r) => r.sid);
  }
  m.queueOrder = { rows: queue.rows, version: queue.version, sids };
  return sids;
}

/** The agent's conversations and the rest of the queue in one order, one entry per sid. A queue row the agent is in is skipped: the SDK's copy stands for it. */
function mergedOrder(s: DeskState, m: ViewMemo): string[] {
  const q = queueOrder(s, m);
  const sdk = sortedSids(s.conversations, s.memo);
  const prev = m.merged;
  // sortedSids is the same array while no membership or activity changed, so it stands for both.
  if (prev && prev.queueOrder === q && prev.sdk === sdk) return prev.sids;
  const sids: string[] = [];
  let i = 0;
  for (const sid of q) {
    if (s.conversations.has(sid)) continue;
    const at = (s.queue.rows.get(sid) as QueueRow).dateUpdated;
    while (i < sdk.length && activityTime(s.conversations.get(sdk[i] as string) as ConversationSnapshot) >= at) sids.push(sdk[i++] as string);
    sids.push(sid);
  }
  while (i < sdk.length) sids.push(sdk[i++] as string);
  m.merged = { queueOrder: q, sdk, sids: prev && sameItems(prev.sids, sids) ? prev.sids : sids };
  return m.merged.sids;
}

/** The team data of the agent's own conversations: the same array while none of it changed. */
function sdkTeamInfos(s: DeskState, m: ViewMemo): (TeamInfo | null)[] {
  const prev = m.sdkInfos;
  if (prev && prev.conversations === s.conversations && prev.rows === s.queue.rows) return prev.infos;
  const infos = sortedSids(s.conversations, s.memo).map((sid) => teamInfo(s, sid));
  // A new snapshot (a typing indicator, an unread count) makes a new TeamInfo with the same values.
  const same = prev && prev.infos.length === infos.length && prev.infos.every((info, i) => sameInfo(info, infos[i] ?? null));
  m.sdkInfos = { conversations: s.conversations, rows: s.queue.rows, infos: same ? prev.infos : infos };
  return m.sdkInfos.infos;
}

function emptyRecord<T>(make: () => T): Record<ViewId, T> {
  return Object.fromEntries(VIEW_IDS.map((v) => [v, make()])) as Record<ViewId, T>;
}

function buildViews(s: DeskState, m: ViewMemo): Views {
  const merged = mergedOrder(s, m);
  const infos = sdkTeamInfos(s, m);
  const me = s.session?.identity ?? null;
  const prev = m.views;
  const overrides = s.teamOverrides;
  if (prev && prev.merged === merged && prev.me === me && prev.infos === infos && prev.rows === s.queue.rows && prev.overrides === overrides) return prev.value;
  const lists = emptyRecord<string[]>(() => []);
  const rows = emptyRecord<(QueueRow | null)[]>(() => []);
  for (const sid of merged) {
    const own = s.conversations.has(sid);
    const row = own ? null : (s.queue.rows.get(sid) ?? null);
    const base = row ?? teamInfo(s, sid);
    // Main's answer to an action (or the click it is answering) places the row until the SDK or the queue says newer.
    const info = overrides.size > 0 ? withTeamOverride(s, sid, base) : base;
    if (!info) continue;
    const place = placeOf(info, me);
    if (place !== 'resolved') {
      lists.open.push(sid);
      rows.open.push(row);
    }
    if (place !== null) {
      lists[place].push(sid);
      rows[place].push(row);
    }
  }
  let unchanged = prev !== null;
  for (const view of VIEW_IDS) {
    // A list keeps its identity only while its rows do too: the search keys and the filtered result
    // are memoised by the list, so the same sids with another row behind one (the agent joined or
    // left it, or main re-read it) must be a new list, or the search reads the old row's key.
    if (prev && sameItems(prev.value.lists[view], lists[view]) && sameRows(prev.value.rows[view], rows[view])) {
      lists[view] = prev.value.lists[view];
      rows[view] = prev.value.rows[view];
    } else unchanged = false;
  }
  const counts = emptyRecord(() => 0);
  for (const view of VIEW_IDS) counts[view] = lists[view].length;
  const value: Views = unchanged && prev ? prev.value : { lists, rows, counts };
  m.views = { merged, me, infos, rows: s.queue.rows, overrides, value };
  return value;
}

function sameRows(a: readonly (QueueRow | null)[], b: readonly (QueueRow | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Each view's number of conversations, filters and search aside. */
export function selectViewCounts(s: DeskState): ViewCounts {
  const views = buildViews(s, viewMemo(s));
  return s.resolving.size === 0 ? views.counts : countsWithoutResolving(views, s.resolving);
}

const lessResolving = new WeakMap<Views, { resolving: ReadonlySet<string>; counts: ViewCounts }>();

/** The counts less the conversations waiting out a resolve's undo window (they are out of every list but Resolved). */
function countsWithoutResolving(views: Views, resolving: ReadonlySet<string>): ViewCounts {
  const last = lessResolving.get(views);
  if (last?.resolving === resolving) return last.counts;
  const counts = { ...views.counts };
  for (const view of VIEW_IDS) {
    if (view === 'resolved') continue;
    for (const sid of resolving) if (views.lists[view].includes(sid)) counts[view]--;
  }
  lessResolving.set(views, { resolving, counts });
  return counts;
}

const channelOf = (s: DeskState, sid: string): string => s.conversations.get(sid)?.channel ?? s.queue.rows.get(sid)?.channel ?? 'unknown';

function matchesFilters(s: DeskState, sid: string, f: ViewFilters): boolean {
  if (f.channel !== null && channelOf(s, sid) !== f.channel) return false;
  if (f.unreadOnly && !((s.conversations.get(sid)?.unreadCount ?? 0) > 0)) return false;
  if (f.assignee !== null && teamInfo(s, sid)?.assignee !== f.assignee) return false;
  return true;
}

function ownMatches(s: DeskState, sid: string, q: string, digits: string): boolean {
  const c = s.conversations.get(sid) as ConversationSnapshot;
  if (conversationKey(c).includes(q)) return true;
  const roster = rosterKey(s.participants.get(sid) ?? NO_ROSTER, s.userNames);
  if (roster.names.includes(q)) return true;
  const assignee = teamInfo(s, sid)?.assignee;
  if (assignee && foldForSearch(assignee).includes(q)) return true;
  return digits.length >= 3 && roster.digits.includes(digits);
}

/** Index-making a keystroke may do before it searches the part made so far. */
const KEY_INDEX_MS = 2;

/** Filtered lists kept per context: a typed query and its way back with Backspace (view-search keeps as many hit arrays). */
const RECENT_RESULTS = 64;

const hasFilters = (f: ViewFilters) => f.channel !== null || f.unreadOnly || f.assignee !== null;

/**
 * The rows of the current view after its filters and `query` (the search box's text). Same array while unchanged.
 * The queue rows' matches come from the queue's search index (view-search.ts) and depend on the
 * query alone, so an SDK event while searching (a typing indicator, an unread count) only re-checks
 * the agent's own conversations and the hits, never the 100,000 rows.
 */
export function selectViewSids(s: DeskState, query: string = s.searchQuery): string[] {
  // A resolve waiting out its undo window takes the conversation out of every view at once; once
  // sent it is closed, and Resolved is where it shows.
  // Conversations found by message text (main's index) join the ones found by name.
  const sids = withTextMatches(s, filteredViewSids(s, query), currentViewList(s), query, (sid) => matchesFilters(s, sid, s.viewFilters));
  return s.view === 'resolved' ? sids : withoutResolving(s, sids);
}

/** The current view's rows, before filters and search. */
function currentViewList(s: DeskState): string[] {
  return buildViews(s, viewMemo(s)).lists[s.view];
}

function filteredViewSids(s: DeskState, query: string): string[] {
  const m = viewMemo(s);
  const views = buildViews(s, m);
  const base = views.lists[s.view];
  const rows = views.rows[s.view];
  const f = s.viewFilters;
  const q = foldForSearch(query.trim());
  if (q === '' && !hasFilters(f)) return base;
  // Unread counts and channels are the SDK's and change without the order changing.
  const conversations = s.conversations;
  const prev = m.filtered;
  const same =
    prev !== null &&
    prev.base === base &&
    prev.filters === f &&
    prev.conversations === conversations &&
    prev.participants === s.participants &&
    prev.userNames === s.userNames &&
    prev.queueRows === s.queue.rows;
  const order = queueOrder(s, m);
  let whole = m.index?.order === order;
  if (same && prev.q === q && (!prev.partial || prev.indexesMade === s.queueIndexesMade)) return prev.result;
  const recent = same ? prev.recent : new Map<string, string[]>();
  const known = recent.get(q);
  if (known) {
    recent.delete(q);
    recent.set(q, known);
    m.filtered = { base, filters: f, q, conversations, participants: s.participants, userNames: s.userNames, queueRows: s.queue.rows, result: known, recent, partial: false, indexesMade: s.queueIndexesMade };
    return known;
  }
  const result: string[] = [];
  const filtered = hasFilters(f);
  if (q === '') {
    for (const sid of base) if (matchesFilters(s, sid, f)) result.push(sid);
  } else {
    const digits = digitsFor(q);
    const map = viewMap(s, m, base, rows);
    // A key typed before the first index is whole (the queue has just arrived) makes a little more of
    // it (all of a small queue's), never the rest, and searches what is made. Once the queue has been
    // searchable in full, a queue change (held while typing: sdk/input-hold) is made whole by the key
    // that needs it, so results never shrink to part of the queue and back on each change.
    if (!whole) {
      const until = m.madeOnce ? Infinity : performance.now() + KEY_INDEX_MS;
      if (continueIndexBuild(indexBuild(s, m, order).build, queueSearchKey, until)) whole = queueIndex(s, m).order === order;
    }
    const index = whole ? (m.index as NonNullable<ViewMemo['index']>).index : null;
    // A small view (Mine, Snoozed) tests its own rows' keys; a big one maps the whole queue's hits.
    // While the index is still being made (a key typed as the queue arrives), the rows made so far
    // are searched and the key does not wait for the rest.
    const queueHits =
      index === null
        ? searchBuiltRows(indexBuild(s, m, order).build, q, digits)
        : map.queue.length * 8 < map.toView.length
          ? searchRows(index, q, digits, map.queue)
          : findRows(index, q, digits);
    const { toView, own } = map;
    // Both ascending in the view's order (the view keeps the queue's order): merged, the order stays.
    let a = 0;
    let b = 0;
    while (a < queueHits.length || b < own.length) {
      const qa = a < queueHits.length ? (toView[queueHits[a] as number] as number) : Infinity;
      if (qa < 0) {
        a++;
        continue;
      }
      const ob = b < own.length ? (own[b] as number) : Infinity;
      let sid: string;
      if (qa < ob) {
        sid = base[qa] as string;
        a++;
      } else {
        sid = base[ob] as string;
        b++;
        if (!ownMatches(s, sid, q, digits ?? '')) continue;
      }
      if (filtered && !matchesFilters(s, sid, f)) continue;
      result.push(sid);
    }
  }
  const kept = prev && sameItems(prev.result, result) ? prev.result : result;
  const partial = q !== '' && !whole;
  if (!partial) {
    recent.set(q, kept);
    if (recent.size > RECENT_RESULTS) recent.delete(recent.keys().next().value as string);
  }
  m.filtered = { base, filters: f, q, conversations, participants: s.participants, userNames: s.userNames, queueRows: s.queue.rows, result: kept, recent, partial, indexesMade: s.queueIndexesMade };
  return kept;
}

/** The whole queue's search index, in queueOrder's order: made once per queue change (a keystroke finishes what prepareViewSearch began). */
function queueIndex(s: DeskState, m: ViewMemo): NonNullable<ViewMemo['index']> {
  const order = queueOrder(s, m);
  if (m.index?.order === order) return m.index;
  m.index = { order, index: finishIndexBuild(indexBuild(s, m, order).build, queueSearchKey) };
  m.building = null;
  m.madeOnce = true;
  return m.index;
}

function indexBuild(s: DeskState, m: ViewMemo, order: string[]): NonNullable<ViewMemo['building']> {
  if (m.building?.order !== order) {
    const rows = s.queue.rows;
    m.building = { order, build: startIndexBuild(order.map((sid) => rows.get(sid) as QueueRow)) };
  }
  return m.building;
}

function viewMap(s: DeskState, m: ViewMemo, base: string[], rows: (QueueRow | null)[]): ViewMap {
  const order = queueOrder(s, m);
  const known = m.viewMaps.get(base);
  if (known?.order === order) return known;
  const toView = new Int32Array(order.length).fill(-1);
  const queue: number[] = [];
  const own: number[] = [];
  // The view's queue rows come in the index's (the queue's) order: one walk finds each one's
  // position, comparing the very sid strings (no map of 100,000 sids made while indexing).
  let at = 0;
  for (let i = 0; i < base.length; i++) {
    const sid = base[i] as string;
    let found = -1;
    if (rows[i]) {
      let j = at;
      while (j < order.length && order[j] !== sid) j++;
      if (j < order.length) {
        found = j;
        at = j + 1;
      }
    }
    if (found < 0) own.push(i);
    else {
      toView[found] = i;
      queue.push(found);
    }
  }
  const map: ViewMap = { order, toView, queue: Int32Array.from(queue), own: Int32Array.from(own) };
  m.viewMaps.set(base, map);
  return map;
}

/**
 * Makes the queue's search index and the current view's map ahead of the first keystroke, until
 * `until` (a performance.now() time): the inbox calls it a slice per task, so a keystroke (or the
 * SDK loading the inbox) never waits behind seconds of key-making at 100,000 rows on a busy
 * machine. True once both are made.
 */
export function prepareViewSearch(s: DeskState, until = Infinity): boolean {
  const m = viewMemo(s);
  const order = queueOrder(s, m);
  // The view's map first: it needs only the order, and a key typed before the index is whole uses it.
  const views = buildViews(s, m);
  const base = views.lists[s.view];
  viewMap(s, m, base, views.rows[s.view]);
  if (m.index?.order !== order) {
    if (!continueIndexBuild(indexBuild(s, m, order).build, queueSearchKey, until)) return false;
    queueIndex(s, m);
  }
  // Where main's message-text matches join the list (text-matches.ts).
  return prepareTextMatches(base, until);
}

/** The list last filtered holds only the rows the search index had made (see filteredViewSids): it wants a render once the index is whole. */
export const viewSearchWasPartial = (s: DeskState): boolean => viewMemo(s).filtered?.partial === true;

/** The queue's search index is made for the queue as it stands. */
export function queueSearchIndexWhole(s: DeskState): boolean {
  const m = viewMemo(s);
  return m.index?.order === queueOrder(s, m);
}

/** True when the agent is a participant (the SDK knows it); otherwise the row is main's queue's and opens read-only. */
export const isOwnConversation = (s: DeskState, sid: string): boolean => s.conversations.has(sid);

export type { ChannelFilter };
