import { badRequest } from '../util/errors';
import type { Params } from './params';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export interface PageMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  url: string;
  next_page_url: string | null;
  key: string;
}

interface Token {
  /** Page starts after this key (next) or ends before it (previous). */
  dir: 'after' | 'before';
  key: string;
}

/**
 * One page of a list, Twilio-style. Page tokens name the key of the last (or first) item seen
 * rather than an offset, so a client walking `next_page_url` neither skips nor repeats items
 * when the list grows or shrinks meanwhile (a busy conversation). `keyOf` must increase in the
 * order the list is presented.
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  opts: { params: Params; listUrl: string; key: string; keep?: Record<string, string | undefined> },
): { page: T[]; meta: PageMeta } {
  const size = opts.params.int('PageSize', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const pageNo = opts.params.int('Page', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const rawToken = opts.params.str('PageToken');
  const token = rawToken ? decodeToken(rawToken) : null;

  let start: number;
  let end: number;
  if (!token) {
    start = Math.min(pageNo * size, items.length);
    end = Math.min(start + size, items.length);
  } else if (token.dir === 'after') {
    start = firstIndexWhere(items, (x) => keyOf(x) > token.key);
    end = Math.min(start + size, items.length);
  } else {
    end = firstIndexWhere(items, (x) => keyOf(x) >= token.key);
    start = Math.max(0, end - size);
  }
  const page = items.slice(start, end);

  const url = (page: number, tok: Token | null): string => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.keep ?? {})) if (v !== undefined) q.set(k, v);
    q.set('PageSize', String(size));
    q.set('Page', String(page));
    if (tok) q.set('PageToken', encodeToken(tok));
    return `${opts.listUrl}?${q.toString()}`;
  };
  const first = page[0];
  const last = page[page.length - 1];
  return {
    page,
    meta: {
      page: pageNo,
      page_size: size,
      first_page_url: url(0, null),
      previous_page_url: start > 0 && first !== undefined ? url(Math.max(0, pageNo - 1), { dir: 'before', key: keyOf(first) }) : null,
      url: url(pageNo, token),
      next_page_url: end < items.length && last !== undefined ? url(pageNo + 1, { dir: 'after', key: keyOf(last) }) : null,
      key: opts.key,
    },
  };
}

/**
 * First index where `pred` holds, by binary search: `pred` is monotone (false, then true) because
 * keys increase in list order, so finding a page token's place costs O(log n), and walking a list
 * of 100,000 page by page stays linear in all.
 */
function firstIndexWhere<T>(items: readonly T[], pred: (x: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(items[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function encodeToken(t: Token): string {
  return 'PT' + Buffer.from(JSON.stringify([t.dir === 'after' ? 'a' : 'b', t.key])).toString('base64url');
}

function decodeToken(raw: string): Token {
  try {
    if (!raw.startsWith('PT')) throw new Error('prefix');
    const parsed: unknown = JSON.parse(Buffer.from(raw.slice(2), 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && (parsed[0] === 'a' || parsed[0] === 'b') && typeof parsed[1] === 'string') {
      return { dir: parsed[0] === 'a' ? 'after' : 'before', key: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest(`PageToken "${raw.slice(0, 40)}" is not valid: use the URLs in meta to page`);
}
