import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchRows } from './view-search';
import type { QueueRow } from '../../../shared/ipc/team-schema';

const row = (key: string) => ({ sid: key }) as unknown as QueueRow;
const keyOf = (r: QueueRow) => r.sid;
const list = (a: Int32Array) => [...a];

describe('view search index', () => {
  const index = buildSearchIndex([row('ana lima\n+14155550001\n14155550001'), null, row('ben ode'), row('hana sato'), null, row('ana')], keyOf);

  it('finds every row whose key holds the query, in order, and skips the agent’s own rows', () => {
    expect(list(searchRows(index, 'ana', null, null))).toEqual([0, 3, 5]);
    expect(list(searchRows(index, 'o', null, null))).toEqual([2, 3]);
    expect(list(index.own)).toEqual([1, 4]);
  });

  it('never matches across two rows’ keys', () => {
    expect(list(searchRows(index, 'odehana', null, null))).toEqual([]);
    expect(list(searchRows(index, 'sato\u0000ana', null, null))).toEqual([]);
  });

  it('matches the digits of a number typed with punctuation, and narrows from an earlier result', () => {
    expect(list(searchRows(index, '(415) 555', '415555', null))).toEqual([0]);
    const broad = searchRows(index, 'a', null, null);
    expect(list(broad)).toEqual([0, 3, 5]);
    expect(list(searchRows(index, 'an', null, broad))).toEqual([0, 3, 5]);
    expect(list(searchRows(index, 'ana l', null, broad))).toEqual([0]);
    expect(list(searchRows(index, 'zed', null, null))).toEqual([]);
  });
});
