/**
 * The inbox's search result with the conversations main found by message text joined in: the
 * rows that matched by name come at once (views.ts), these join when main answers, each at its
 * place in the view's order. Same array while unchanged.
 */
import { applicableTextSearch, type TextSearch } from './search-slice';
import type { DeskState } from './store-types';

interface Memo {
  named: string[];
  base: string[];
  text: TextSearch;
  filters: DeskState['viewFilters'];
  result: string[];
}

const memos = new WeakMap<DeskState['memo'], Memo>();
/**
 * Where each sid sits in a view's list: made once per list, a slice per task ahead of the first
 * search (prepareTextMatches), since main's first answer otherwise made it, 74,000 entries at the
 * 100,000-row queue, in the task of whichever key that answer came after.
 */
const positions = new WeakMap<string[], { map: Map<string, number>; done: number }>();

/** Makes `base`'s positions until `until` (a performance.now() time); true once made. */
export function prepareTextMatches(base: string[], until = Infinity): boolean {
  let p = positions.get(base);
  if (!p) {
    p = { map: new Map(), done: 0 };
    positions.set(base, p);
  }
  const { map } = p;
  while (p.done < base.length) {
    const end = Math.min(base.length, p.done + 2048);
    for (let i = p.done; i < end; i++) map.set(base[i] as string, i);
    p.done = end;
    if (performance.now() >= until) break;
  }
  return p.done === base.length;
}

function positionsOf(base: string[]): Map<string, number> {
  prepareTextMatches(base);
  return (positions.get(base) as { map: Map<string, number> }).map;
}

/**
 * `named`: the view's rows matching `query` by name (in `base`'s order); `base`: the whole view;
 * `passes`: the view's filters (channel, unread, assignee), which text matches obey too.
 */
export function withTextMatches(s: DeskState, named: string[], base: string[], query: string, passes: (sid: string) => boolean): string[] {
  const text = applicableTextSearch(s, query);
  if (!text || text.hits.size === 0) return named;
  const prev = memos.get(s.memo);
  if (prev && prev.named === named && prev.base === base && prev.text === text && prev.filters === s.viewFilters) return prev.result;
  const at = positionsOf(base);
  const shown = new Set(named);
  const extra: number[] = [];
  for (const sid of text.hits.keys()) {
    const i = at.get(sid);
    if (i !== undefined && !shown.has(sid) && passes(sid)) extra.push(i);
  }
  let result = named;
  if (extra.length > 0) {
    extra.sort((a, b) => a - b);
    result = [];
    let e = 0;
    for (const sid of named) {
      const i = at.get(sid) ?? Infinity;
      while (e < extra.length && (extra[e] as number) < i) result.push(base[extra[e++] as number] as string);
      result.push(sid);
    }
    while (e < extra.length) result.push(base[extra[e++] as number] as string);
  }
  memos.set(s.memo, { named, base, text, filters: s.viewFilters, result });
  return result;
}
