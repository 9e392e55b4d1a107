/** A sorted set of map keys (strings) or list indices (numbers) with binary-search lookups. */
export class OrderedKeys<K extends string | number> {
  private readonly keys: K[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** First position whose key is >= `key`. */
  lowerBound(key: K): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as K) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(key: K): void {
    const at = this.lowerBound(key);
    if (this.keys[at] !== key) this.keys.splice(at, 0, key);
  }

  remove(key: K): void {
    const at = this.lowerBound(key);
    if (this.keys[at] === key) this.keys.splice(at, 1);
  }

  at(position: number): K | undefined {
    return this.keys[position];
  }
}
