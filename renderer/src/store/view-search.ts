/**
 * Search over a view of up to 100,000 queue rows inside a frame. Each view list gets, once (made
 * while the agent is not typing yet), one lower-cased string holding every queue row's search key
 * and the offset where each row's key starts. A keystroke is then native `indexOf` hops over that
 * one string (a row that matches is skipped to its end), not 100,000 calls, and its result is a
 * typed array of row positions: nothing per row is allocated. Typing on narrows the last result.
 * The agent's own conversations (their names and rosters are the SDK's, live) are matched apart.
 */
import type { QueueRow } from '../../../shared/ipc/team-schema';

export interface SearchIndex {
  /** Every row's key followed by SEP; the agent's own conversations contribute an empty key. */
  text: string;
  /** starts[i]: where row i's key begins in `text`; starts[rows] = text.length. */
  starts: Int32Array;
  /** Positions of the agent's own conversations (rows[i] === null). */
  own: Int32Array;
  /** Per row, the key alone (for narrowing a short candidate list). */
  keys: readonly string[];
}

/** No typed query holds it (a search box has no control characters), so no match spans two rows. */
const SEP = '\u0000';

export function buildSearchIndex(rows: readonly (QueueRow | null)[], keyOf: (row: QueueRow) => string): SearchIndex {
  const n = rows.length;
  const starts = new Int32Array(n + 1);
  const keys: string[] = new Array<string>(n);
  const own: number[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    const key = row ? keyOf(row) : '';
    if (!row) own.push(i);
    keys[i] = key;
    starts[i] = at;
    at += key.length + 1;
  }
  starts[n] = at;
  return { text: keys.join(SEP) + SEP, starts, own: Int32Array.from(own), keys };
}

/** The row whose key holds text position `at`, searching from row `from` on (hits come in order). */
function rowAt(starts: Int32Array, at: number, from: number): number {
  let lo = from;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Positions (ascending) of the queue rows whose key holds `q` or, when given, `digits`. With
 * `within` (an earlier, broader result), only those rows are looked at.
 */
export function searchRows(index: SearchIndex, q: string, digits: string | null, within: Int32Array | null): Int32Array {
  const { text, starts, keys } = index;
  const rows = starts.length - 1;
  // A short candidate list: test each key; else hop through the whole text, which is faster than 100,000 calls.
  if (within && within.length * 8 < rows) {
    const out = new Int32Array(within.length);
    let n = 0;
    for (let k = 0; k < within.length; k++) {
      const i = within[k] as number;
      const key = keys[i] as string;
      if (key.includes(q) || (digits !== null && key.includes(digits))) out[n++] = i;
    }
    return out.subarray(0, n);
  }
  const hits = scan(text, starts, q);
  if (digits === null || digits === q) return within ? intersect(hits, within) : hits;
  const both = union(hits, scan(text, starts, digits));
  return within ? intersect(both, within) : both;
}

function scan(text: string, starts: Int32Array, q: string): Int32Array {
  const rows = starts.length - 1;
  let out = new Int32Array(64);
  let n = 0;
  let row = 0;
  let at = q === '' ? -1 : text.indexOf(q);
  while (at >= 0) {
    row = rowAt(starts, at, row);
    if (n === out.length) {
      const grown = new Int32Array(Math.min(rows, out.length * 4));
      grown.set(out);
      out = grown;
    }
    out[n++] = row;
    if (++row >= rows) break;
    at = text.indexOf(q, starts[row] as number);
  }
  return out.subarray(0, n);
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
  return out.subarray(0, n);
}

function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}
