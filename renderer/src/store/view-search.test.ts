import { describe, expect, it } from 'vitest';
import { buildSearchIndex, continueIndexBuild, digitsFor, finishIndexBuild, findRows, foldForSearch, searchBuiltRows, searchRows, startIndexBuild } from './view-search';
import type { QueueRow } from '../../../shared/ipc/team-schema';

const row = (key: string) => ({ sid: key }) as unknown as QueueRow;
const keyOf = (r: QueueRow) => foldForSearch(r.sid);
const list = (a: Int32Array) => [...a];
const index = () => buildSearchIndex([row('ana lima\n+14155550001\n14155550001'), row('zed'), row('ben ode'), row('hana sato'), row('José Núñez'), row('ana')], keyOf);

describe('view search index', () => {
  it('finds every row whose key holds the query, in order', () => {
    const ix = index();
    expect(list(searchRows(ix, 'ana', null, null))).toEqual([0, 3, 5]);
    expect(list(searchRows(ix, 'o', null, null))).toEqual([2, 3, 4]);
  });

  it('never matches across two rows’ keys', () => {
    const ix = index();
    expect(list(searchRows(ix, 'odehana', null, null))).toEqual([]);
    expect(list(searchRows(ix, 'sato\u0000jose', null, null))).toEqual([]);
  });

  it('matches the digits of a number typed with punctuation, and narrows from an earlier result', () => {
    const ix = index();
    expect(list(searchRows(ix, '(415) 555', '415555', null))).toEqual([0]);
    const broad = searchRows(ix, 'a', null, null);
    expect(list(broad)).toEqual([0, 3, 5]);
    expect(list(searchRows(ix, 'an', null, broad))).toEqual([0, 3, 5]);
    expect(list(searchRows(ix, 'ana l', null, broad))).toEqual([0]);
    expect(list(searchRows(ix, 'zed', null, null))).toEqual([1]);
  });
});

describe('view search over many rows', () => {
  it('finds the same rows as testing each key, for common and rare letters alike', () => {
    const names = ['ana lima', 'ben ode', 'cy pratt', 'di snow', 'eva roth', 'femi ade', 'gus lund', 'hana sato'];
    const rows = Array.from({ length: 3000 }, (_, i) => row(`order #${10000 + i} - ${names[(i * 7) % 8]}${i % 97 === 0 ? ' zz' : ''}`));
    const ix = buildSearchIndex(rows, keyOf);
    for (const q of ['a', 'h', 'ha', 'hana', 'zz', 'order', '#10999', 'x']) {
      const want = rows.map((r, i) => (r.sid.includes(q) ? i : -1)).filter((i) => i >= 0);
      expect(list(findRows(ix, q, null))).toEqual(want);
    }
  });
});

describe('keys holding the separator', () => {
  it('reads a NUL in a name as a space, so every later row keeps its place', () => {
    const ix = buildSearchIndex([row('ana\u0000lima'), row('ben'), row('cy')], keyOf);
    expect(list(findRows(ix, 'ana lima', null))).toEqual([0]);
    expect(list(findRows(ix, 'cy', null))).toEqual([2]);
    expect(ix.keys).toEqual(['ana lima', 'ben', 'cy']);
  });
});

describe('normalisation', () => {
  it('reads typographic dashes, quotes and spaces as the keyboard’s', () => {
    expect(foldForSearch('Order #1 – Ana’s “Café”\u00a0Shop')).toBe(`order #1 - ana's "cafe" shop`);
    const ix = buildSearchIndex([row('Order #1 – Hana Sato'), row('Order #2 — Ben')], keyOf);
    expect(list(findRows(ix, foldForSearch('order #1 - hana'), null))).toEqual([0]);
    expect(list(findRows(ix, foldForSearch('#2 – ben'), null))).toEqual([1]);
  });


  it('folds case and accents, in names and in queries alike', () => {
    expect(foldForSearch('José NÚÑEZ')).toBe('jose nunez');
    expect(foldForSearch('Ångström Çelik')).toBe('angstrom celik');
    expect(foldForSearch('Plain ascii 123')).toBe('plain ascii 123');
    const ix = index();
    for (const typed of ['jose', 'JOSÉ', 'josé núñez', 'NUNEZ']) expect(list(findRows(ix, foldForSearch(typed), null))).toEqual([4]);
  });

  it('matches a number by its digits only from three digits on', () => {
    expect(digitsFor('41')).toBeNull();
    expect(digitsFor('(415) 5')).toBe('4155');
  });
});

describe('recent results', () => {
  it('gives the same array for the same query while the index stands (Backspace is a lookup)', () => {
    const ix = index();
    const hana = findRows(ix, 'hana', null);
    findRows(ix, 'hana ', null);
    findRows(ix, 'hana s', null);
    expect(findRows(ix, 'hana', null)).toBe(hana);
    expect(findRows(index(), 'hana', null)).not.toBe(hana);
  });

  it('narrows from a cached prefix with the same result as a fresh search', () => {
    const ix = index();
    findRows(ix, 'a', null);
    findRows(ix, 'an', null);
    for (const q of ['ana', 'ana ', 'ana l', 'ana li', 'anaz']) expect(list(findRows(ix, q, null))).toEqual(list(searchRows(ix, q, null, null)));
  });

  it('does not narrow a digit search from a query that had too few digits to match numbers', () => {
    const ix = buildSearchIndex([row('order 4 1'), row('zed\n+14155550002\n14155550002')], keyOf);
    expect(list(findRows(ix, '4 1', null))).toEqual([0]);
    // "4 15" also matches by its digits, 415: the number the shorter query could not find.
    expect(list(findRows(ix, '4 15', '415'))).toEqual([1]);
  });

  it('searches the rows made so far while the index is being made: typed on, narrowed and extended, the same rows as the whole index finds among them', () => {
    const names = ['ana', 'hana sato', 'ben', 'Ana Lima', 'zed', 'Óscar Hanna', 'han solo', 'ANA-MARIA'];
    const rows = Array.from({ length: 10_000 }, (_, i) => row(`${names[i % names.length]} ${i}\n+1415555${String(i).padStart(4, '0')}`));
    const whole = buildSearchIndex(rows, keyOf);
    const build = startIndexBuild(rows);
    // Typed a key at a time, one slice (a chunk of rows) made between keys, Backspace and typing on again.
    const typed = ['h', 'ha', 'han', 'hann', 'han', 'ha', 'ana', 'ana ', 'ana 1', '555', '5550', '555012'];
    for (const q of typed) {
      continueIndexBuild(build, keyOf, -1);
      const digits = digitsFor(q);
      const made = build.done;
      const expected = list(findRows(whole, q, digits)).filter((i) => i < made);
      expect(list(searchBuiltRows(build, q, digits))).toEqual(expected);
      // Asked again with no more rows made: the same array.
      expect(searchBuiltRows(build, q, digits)).toBe(searchBuiltRows(build, q, digits));
    }
    expect(build.done).toBeLessThan(rows.length);
    // The index made from that build finds what an index made at once finds.
    const made = finishIndexBuild(build, keyOf);
    expect(list(findRows(made, 'han', null))).toEqual(list(findRows(whole, 'han', null)));
    expect(list(findRows(made, 'hann', null))).toEqual(list(findRows(whole, 'hann', null)));
  });
});
