import { describe, expect, it } from 'vitest';
import { hasIndex, prependOlder, upsertByIndex } from './thread-logic';
import type { MessageSnapshot } from './types';

const msg = (index: number, body = `m${index}`): MessageSnapshot => ({
  index,
  sid: `IM${index}`,
  author: 'bob',
  body,
  date: index * 1000,
  updated: null,
  media: [],
  participantSid: null,
  delivery: null,
});
const indexes = (items: readonly MessageSnapshot[]) => items.map((m) => m.index);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => msg(from + i));

describe('prependOlder', () => {
  it('puts a page older than everything loaded in front, unsorted or not, and counts it', () => {
    const { items, added } = prependOlder([msg(30), msg(31)], [msg(29), msg(27), msg(28)]);
    expect(indexes(items)).toEqual([27, 28, 29, 30, 31]);
    expect(added).toBe(3);
  });

  it('skips messages already loaded and merges ones that fall between loaded messages', () => {
    // A live message or an earlier page may already hold some of the page's messages.
    const loaded = [msg(10), msg(12), msg(14)];
    const { items, added } = prependOlder(loaded, [msg(9), msg(10), msg(11), msg(13)]);
    expect(indexes(items)).toEqual([9, 10, 11, 12, 13, 14]);
    expect(added).toBe(3);
    // The loaded copy wins over the page's (it may be newer: an edit that arrived live).
    expect(items[1]).toBe(loaded[0]);
  });

  it('returns the same array when the page brings nothing new', () => {
    const loaded = [msg(1), msg(2)];
    const r = prependOlder(loaded, [msg(1), msg(2)]);
    expect(r.items).toBe(loaded);
    expect(r.added).toBe(0);
  });

  it('keeps a long history in order page after page', () => {
    let items = range(19_970, 20_000);
    for (let top = 19_970; top > 0; top -= 30) items = prependOlder(items, range(Math.max(0, top - 30), top)).items;
    expect(items).toHaveLength(20_000);
    expect(items.every((m, i) => m.index === i)).toBe(true);
  });
});

describe('hasIndex', () => {
  it('finds present indexes and only those', () => {
    const items = [msg(2), msg(5), msg(9)];
    expect([1, 2, 5, 6, 9, 10].map((i) => hasIndex(items, i))).toEqual([false, true, true, false, true, false]);
    expect(hasIndex([], 0)).toBe(false);
  });
});

describe('upsertByIndex', () => {
  it('appends the newest, replaces an equal index and inserts an older one in place', () => {
    const items = [msg(1), msg(3)];
    expect(indexes(upsertByIndex(items, msg(4)))).toEqual([1, 3, 4]);
    expect(upsertByIndex(items, msg(3, 'edited'))[1]?.body).toBe('edited');
    expect(indexes(upsertByIndex(items, msg(2)))).toEqual([1, 2, 3]);
    expect(indexes(upsertByIndex(items, msg(0)))).toEqual([0, 1, 3]);
    expect(indexes(upsertByIndex([], msg(7)))).toEqual([7]);
    // The input is never changed.
    expect(indexes(items)).toEqual([1, 3]);
  });
});
