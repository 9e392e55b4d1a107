/**
 * Search over up to 100,000 team-queue rows inside a frame. The whole queue gets, once per queue
 * order (made while the agent is not typing yet; independent of the view, the filters and the
 * agent's own conversations, so neither switching views nor the SDK announcing conversations while
 * the inbox loads makes it again), normalised strings of 512 rows' search keys each and the
 * offset where each key starts. A keystroke is then native `indexOf` hops over those strings
 * (a row that matches is skipped to its end), not 100,000 calls, and its result is a typed array
 * of row positions: nothing per row is allocated. Typing on narrows an earlier result (each
 * candidate's key tested alone), and recent results are kept, so Backspace costs a lookup.
 * The strings are never joined into one: at 100,000 rows the join was a 25 ms task of its own,
 * and a key typed before the index is whole searches the strings made so far.
 */
import type { QueueRow } from '../../../shared/ipc/team-schema';

export interface SearchIndex {
  /** Chunks of CHUNK rows' keys, each key followed by SEP. */
  parts: readonly string[];
  /** starts[i]: where row i's key begins, counted over the chunks end to end; starts[rows] = their length. */
  starts: Int32Array;
  /** Per row, the key alone (for narrowing a candidate list). */
  keys: readonly string[];
  /** Recent results by query (see findRows); insertion order is recency. */
  cache: Map<string, Int32Array>;
}

/** Between keys; a query holding it matches nothing (scan), so no match spans two rows. */
const SEP = '\u0000';
/** Results kept per index: a typed query and its way back with Backspace, with room to spare. */
const CACHE_ENTRIES = 64;

const NOT_ASCII = /[^\u0000-\u007f]/;
const MARKS = /\p{M}+/gu;
// Typographic dashes, quotes and spaces as typed on a keyboard. Four replaces by a constant, not one
// by a callback: a callback per match was most of folding a queue whose names hold a dash.
const DASHES = /[‐‑‒–—]/g;
const SINGLE_QUOTES = /[‘’]/g;
const DOUBLE_QUOTES = /[“”]/g;
const SPACES = /[\u00a0\u202f]/g;

/**
 * How names and queries are compared: lower case, accents and other combining marks dropped
 * ("José" and "JOSE" are both "jose"), as main's message index compares words, and typographic
 * dashes, quotes and spaces read as the keyboard's ("Order #1 – Ana" is found by "order #1 - ana").
 * ASCII, nearly every key, skips all of it. Besides matching what agents type, this keeps a queue
 * of Latin names one byte per character: the joined index is half the size and `indexOf` over it faster.
 */
export function foldForSearch(s: string): string {
  const lower = s.toLowerCase();
  if (!NOT_ASCII.test(lower)) return lower;
  // A name whose only non-ASCII is a dash or a quote ("Order #1 – Ana") skips the decomposition too.
  const plain = lower.replace(DASHES, '-').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(SPACES, ' ');
  return NOT_ASCII.test(plain) ? plain.normalize('NFD').replace(MARKS, '') : plain;
}

/**
 * `keyOf` gives a row's searchable text as written; the index folds it (foldForSearch), a chunk of
 * rows per call rather than a call per row: at 100,000 rows, per-row lower-casing, tests and
 * concatenations were most of the index's cost, which a key typed early paid for.
 */
export function buildSearchIndex(rows: readonly QueueRow[], keyOf: (row: QueueRow, i: number) => string): SearchIndex {
  return finishIndexBuild(startIndexBuild(rows), keyOf);
}

/** An index being made a slice at a time (a chunk of rows folded per step), so no task holds the thread for long. */
export interface IndexBuild {
  rows: readonly QueueRow[];
  /** Folded chunks of CHUNK rows (the last maybe fewer), each its rows' keys followed by SEP. */
  parts: string[];
  starts: Int32Array;
  /** Per row made so far, its folded key: a slice of its chunk (no copy). */
  keys: string[];
  /** Length of the chunks so far. */
  length: number;
  done: number;
  /** Recent searches of the rows made so far, by query: each the hits among its first `done` rows. */
  recent: Map<string, { hits: Int32Array; done: number }>;
}

export const startIndexBuild = (rows: readonly QueueRow[]): IndexBuild => ({
  rows,
  parts: [],
  starts: new Int32Array(rows.length + 1),
  keys: new Array<string>(rows.length),
  length: 0,
  done: 0,
  recent: new Map(),
});

/** Rows per folded chunk. */
const CHUNK = 512;

/** Makes keys until `until` (a performance.now() time) has passed; true once every row has its key. */
export function continueIndexBuild(build: IndexBuild, keyOf: (row: QueueRow, i: number) => string, until: number): boolean {
  const { rows, starts, parts, keys } = build;
  const raw: string[] = [];
  while (build.done < rows.length) {
    const from = build.done;
    const end = Math.min(rows.length, from + CHUNK);
    raw.length = 0;
    for (let i = from; i < end; i++) {
      const key = keyOf(rows[i] as QueueRow, i);
      raw.push(key.includes(SEP) ? key.replaceAll(SEP, ' ') : key);
    }
    // Folding never makes nor drops a SEP, so the chunk's separators still mark where each key ends.
    const chunk = foldForSearch(raw.join(SEP)) + SEP;
    // Each key is a slice of its chunk: a flat string with no copy. (Keys made as concatenations
    // were flattened, a copy each, the first time a narrowing search read them: the second key
    // typed paid for 100,000 copies and the garbage collection after them.)
    let at = 0;
    for (let i = from; i < end; i++) {
      starts[i] = build.length + at;
      const next = chunk.indexOf(SEP, at) + 1;
      keys[i] = chunk.slice(at, next - 1);
      at = next;
    }
    parts.push(chunk);
    build.length += chunk.length;
    build.done = end;
    if (performance.now() >= until) break;
  }
  return build.done === rows.length;
}

/**
 * Positions (ascending) of the rows made so far (a prefix of the index's order, i.e. the queue's
 * newest activity first) whose key holds `q` or, when given, `digits`: what a key typed while the
 * rest is still being made searches, without making it. As in findRows, typing on narrows a
 * recent result; the rows made since that result are scanned and added.
 */
export function searchBuiltRows(build: IndexBuild, q: string, digits: string | null): Int32Array {
  const key = cacheKey(q, digits);
  const same = build.recent.get(key);
  if (same?.done === build.done) return same.hits;
  let head: Int32Array = same?.hits ?? EMPTY;
  let from = same?.done ?? 0;
  const broader = same === undefined ? broaderRecent(q, digits, (k) => build.recent.get(k)) : undefined;
  if (broader) {
    head = narrow(build.keys, broader.hits, q, digits);
    from = broader.done;
  }
  let tail = scan(build.parts, build.starts, build.done, q, from);
  if (digits !== null && digits !== q) tail = union(tail, scan(build.parts, build.starts, build.done, digits, from));
  const hits = head.length === 0 ? tail : concat(head, tail);
  build.recent.delete(key);
  build.recent.set(key, { hits, done: build.done });
  if (build.recent.size > CACHE_ENTRIES) build.recent.delete(build.recent.keys().next().value as string);
  return hits;
}

const EMPTY = new Int32Array(0);

function concat(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The candidates (ascending) whose own key holds `q` or `digits`. */
function narrow(keys: readonly string[], within: Int32Array, q: string, digits: string | null): Int32Array {
  const out = new Int32Array(within.length);
  let n = 0;
  for (let k = 0; k < within.length; k++) {
    const i = within[k] as number;
    const key = keys[i] as string;
    if (key.includes(q) || (digits !== null && key.includes(digits))) out[n++] = i;
  }
  return out.slice(0, n);
}

/** Rows from…rows-1 whose key holds `q`: `indexOf` hops through each chunk, a hit skipping to its row's end. */
function scan(parts: readonly string[], starts: Int32Array, rows: number, q: string, from = 0): Int32Array {
  // A pasted control character could otherwise join the end of one key to the start of the next.
  if (q === '' || q.includes(SEP) || from >= rows) return EMPTY;
  let out = new Int32Array(64);
  let n = 0;
  for (let k = Math.floor(from / CHUNK); k < parts.length; k++) {
    const part = parts[k] as string;
    const first = k * CHUNK;
    const last = Math.min(rows, first + CHUNK) - 1;
    const base = starts[first] as number;
    let row = Math.max(first, from);
    let at = part.indexOf(q, (starts[row] as number) - base);
    while (at >= 0) {
      row = rowAt(starts, base + at, row, last);
      if (n === out.length) {
        const grown = new Int32Array(Math.min(rows, out.length * 4));
        grown.set(out);
        out = grown;
      }
      out[n++] = row;
      if (++row > last) break;
      at = part.indexOf(q, (starts[row] as number) - base);
    }
  }
  return out.slice(0, n);
}

export function finishIndexBuild(build: IndexBuild, keyOf: (row: QueueRow, i: number) => string): SearchIndex {
  continueIndexBuild(build, keyOf, Infinity);
  build.starts[build.rows.length] = build.length;
  return { parts: build.parts, starts: build.starts, keys: build.keys, cache: new Map() };
}

/**
 * The row whose key holds text position `at`, searching from row `from` on (hits come in order):
 * galloping, as a common letter's next hit is a row or two on, then binary search.
 */
function rowAt(starts: Int32Array, at: number, from: number, last: number): number {
  let lo = from;
  let step = 1;
  while (lo + step <= last && (starts[lo + step] as number) <= at) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(last, lo + step - 1);
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const cacheKey = (q: string, digits: string | null) => (digits === null ? q : `${q}${SEP}${digits}`);

/** The recent result of the longest query `q` extends (by `get`, keyed as cacheKey), whose hits hold all of `q`'s. */
function broaderRecent<T>(q: string, digits: string | null, get: (key: string) => T | undefined): T | undefined {
  for (let n = q.length - 1; n > 0; n--) {
    const p = q.slice(0, n);
    const pd = digitsFor(p);
    // A digit search is narrower only once the earlier one was one too: "41" → "415" starts matching numbers.
    if (digits !== null && pd === null) return undefined;
    const found = get(cacheKey(p, pd));
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Positions (ascending) of every row whose key holds `q` (folded) or, when given, `digits`.
 * The same array for the same query while the index stands; a query that extends a recent one
 * looks only at that one's hits.
 */
export function findRows(index: SearchIndex, q: string, digits: string | null): Int32Array {
  const key = cacheKey(q, digits);
  const cached = index.cache.get(key);
  if (cached) {
    index.cache.delete(key);
    index.cache.set(key, cached);
    return cached;
  }
  const within = broaderRecent(q, digits, (k) => index.cache.get(k)) ?? null;
  const hits = searchRows(index, q, digits, within);
  index.cache.set(key, hits);
  if (index.cache.size > CACHE_ENTRIES) index.cache.delete(index.cache.keys().next().value as string);
  return hits;
}

/** The digits a query is also matched by (a phone number typed with any punctuation): three or more. */
export function digitsFor(q: string): string | null {
  const digits = q.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/**
 * Positions (ascending) of the rows whose key holds `q` or, when given, `digits`. With `within`
 * (ascending candidates, e.g. an earlier, broader result or a small view's rows), only those rows
 * are looked at, each key alone: never more work than hopping through the whole text.
 */
export function searchRows(index: SearchIndex, q: string, digits: string | null, within: Int32Array | null): Int32Array {
  const { parts, starts, keys } = index;
  const rows = starts.length - 1;
  if (within) return narrow(keys, within, q, digits);
  const hits = scan(parts, starts, rows, q);
  if (digits === null || digits === q) return hits;
  return union(hits, scan(parts, starts, rows, digits));
}

function union(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    if (x <= y) {
      out[n++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  return out.slice(0, n);
}
