/**
 * A sorted array of unique strings with binary-search insert, remove and lookup. Lists the REST
 * API pages through (a user's conversations, the service's conversations by creation) are kept
 * in this form so that a page costs O(log n + page size), not a sort of everything per request.
 * Inserts and removals splice (O(n) moves), which stays cheap next to the change that causes them.
 */
export class SortedKeys {
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The keys in order. The array is the live one: read it, never change it. */
  get all(): readonly string[] {
    return this.keys;
  }

  add(key: string): void {
    const last = this.keys[this.keys.length - 1];
    // New records nearly always sort last (creation time, fresh sids are random): append.
    if (last === undefined || key > last) {
      this.keys.push(key);
      return;
    }
    const at = lowerBound(this.keys, key);
    if (this.keys[at] !== key) this.keys.splice(at, 0, key);
  }

  delete(key: string): void {
    const at = lowerBound(this.keys, key);
    if (this.keys[at] === key) this.keys.splice(at, 1);
  }

  /** Builds from unsorted keys in one sort, for an index made from existing records. */
  static of(keys: Iterable<string>): SortedKeys {
    const s = new SortedKeys();
    s.keys.push(...new Set(keys));
    s.keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return s;
  }
}

/** Index of the first element ≥ `key` in a sorted array (its length if none). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
