import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueChanges, QueueRow, QueueSnapshot } from '../../../shared/ipc/team-schema';
import { queueRow } from '../test/queue';
import { bindTeamQueue } from '../sdk/team-binding';
import { fakeDesk, person, resetAll, seedConversation, session, signIn, state } from '../test/fakes';
import { prepareViewSearch, selectViewCounts, selectViewSids, viewSearchWasPartial } from './views';

const sidOf = (n: number) => queueRow(n).sid;

const snap = (rows: QueueRow[], version = 1): QueueSnapshot => ({ rows, version, complete: true, refreshedAt: 1 });
const changes = (version: number, upserts: QueueRow[] = [], removed: string[] = []): QueueChanges => ({ version, upserts, removed, complete: true });

beforeEach(() => {
  resetAll();
  fakeDesk();
  signIn('alice');
});

describe('views', () => {
  beforeEach(() => {
    state().applyQueueSnapshot(
      snap([
        queueRow(1),
        queueRow(2, { assignee: 'alice' }),
        queueRow(3, { assignee: 'bob', channel: 'whatsapp' }),
        queueRow(4, { state: 'inactive', snoozedUntil: 9e12, assignee: 'alice' }),
        queueRow(5, { state: 'closed', assignee: 'bob' }),
        queueRow(6, { state: 'inactive' }),
      ]),
    );
  });

  it('sorts each view by activity and counts them', () => {
    expect(selectViewCounts(state())).toEqual({ mine: 1, unassigned: 2, open: 5, snoozed: 1, resolved: 1 });
    state().setView('unassigned');
    expect(selectViewSids(state())).toEqual([sidOf(6), sidOf(1)]);
    state().setView('resolved');
    expect(selectViewSids(state())).toEqual([sidOf(5)]);
  });

  it('shows one row per conversation, the SDK’s copy (attributes, live state) winning over the queue’s', () => {
    seedConversation(sidOf(1), { friendlyName: 'Ana', dateUpdated: 100, attributes: { desk: { assignee: 'alice' } } });
    seedConversation('CHown', { friendlyName: 'Own chat', dateUpdated: 50 });
    const s = state();
    expect(selectViewCounts(s)).toEqual({ mine: 2, unassigned: 2, open: 6, snoozed: 1, resolved: 1 });
    expect(selectViewSids(s)).toEqual([sidOf(1), 'CHown', sidOf(6), sidOf(4), sidOf(3), sidOf(2)]);
    act(() => state().upsertConversation({ sid: 'CHown', friendlyName: 'Own chat', uniqueName: null, dateUpdated: 50, lastMessageIndex: null, lastReadIndex: null, notificationLevel: 'default', attributes: {}, state: 'closed' }));
    expect(selectViewCounts(state()).resolved).toBe(2);
  });

  it('filters by channel, unread and assignee, and searches names, numbers and assignees within the view', () => {
    seedConversation('CHown', { friendlyName: 'Own chat', dateUpdated: 50, unreadCount: 2 }, [person('MB1', { identity: 'zed' })]);
    state().setViewFilters({ channel: 'whatsapp' });
    expect(selectViewSids(state())).toEqual([sidOf(3)]);
    state().setViewFilters({ channel: null, unreadOnly: true });
    expect(selectViewSids(state())).toEqual(['CHown']);
    state().setViewFilters({ unreadOnly: false, assignee: 'alice' });
    expect(selectViewSids(state())).toEqual([sidOf(4), sidOf(2)]);
    state().setViewFilters({ assignee: null });
    expect(selectViewSids(state(), 'customer 3')).toEqual([sidOf(3)]);
    expect(selectViewSids(state(), '(415) 555-0006')).toEqual([sidOf(6)]);
    expect(selectViewSids(state(), 'bob')).toEqual([sidOf(3)]);
    expect(selectViewSids(state(), 'zed')).toEqual(['CHown']);
  });

  it('narrows a search as the agent types on, and starts matching numbers once three digits are typed', () => {
    state().setView('open');
    expect(selectViewSids(state(), 'customer')).toHaveLength(5);
    expect(selectViewSids(state(), 'customer 6')).toEqual([sidOf(6)]);
    expect(selectViewSids(state(), '(41')).toEqual([]);
    expect(selectViewSids(state(), '(415) 555-000')).toHaveLength(5);
    expect(selectViewSids(state(), '(415) 555-0003')).toEqual([sidOf(3)]);
  });

  it('searches the roster of a conversation the agent joins after the queue listed it (its row is the SDK’s now)', () => {
    // Same sids in the same order: only who holds the row changes (queue row → the agent's own).
    expect(selectViewSids(state(), 'customer')).toHaveLength(5);
    seedConversation(sidOf(1), { friendlyName: 'Customer 1', dateUpdated: 1 }, [person('MB1', { identity: 'visitor-e07b3b' })]);
    expect(selectViewSids(state(), 'visitor-e07b3b')).toEqual([sidOf(1)]);
    // And back: main learns the customer of a row the queue already listed.
    expect(selectViewSids(state(), 'visitor-8b2e47')).toEqual([]);
    expect(state().applyQueueChanges(changes(2, [queueRow(6, { state: 'inactive', channel: 'chat', customer: 'visitor-8b2e47' })]))).toBe(true);
    expect(selectViewSids(state(), 'visitor-8b2e47')).toEqual([sidOf(6)]);
  });

  it('puts changed rows back in activity order without re-sorting, as a full sort would', () => {
    state().applyQueueSnapshot(snap(Array.from({ length: 50 }, (_, i) => queueRow(i + 1, { dateUpdated: (i * 7) % 13 }))));
    expect(selectViewSids(state())).toHaveLength(50);
    expect(state().applyQueueChanges(changes(2, [queueRow(4, { dateUpdated: 100 }), queueRow(60, { dateUpdated: 5 })], [sidOf(9)]))).toBe(true);
    const expected = [...state().queue.rows.values()].sort((a, b) => b.dateUpdated - a.dateUpdated || (a.sid < b.sid ? -1 : 1)).map((r) => r.sid);
    expect(selectViewSids(state())).toEqual(expected);
    expect(selectViewSids(state())[0]).toBe(sidOf(4));
  });

  it('keeps the same arrays while nothing they show changed (a typing indicator re-sorts nothing)', () => {
    seedConversation('CHown', { friendlyName: 'Own chat', dateUpdated: 50 }, [person('MB1', { identity: 'zed' })]);
    const before = selectViewSids(state());
    const counts = selectViewCounts(state());
    act(() => state().setTyping('CHown', 'MB1', true));
    expect(selectViewSids(state())).toBe(before);
    expect(selectViewCounts(state())).toBe(counts);
  });

  it('gives Backspace the very list the shorter query showed, and searches again once a conversation changes', () => {
    seedConversation('CHown', { friendlyName: 'Queue helper', dateUpdated: 50 });
    seedConversation('CHiraq', { friendlyName: 'Iraq desk', dateUpdated: 40 });
    const one = selectViewSids(state(), 'q');
    expect(one).toEqual(['CHown', 'CHiraq']);
    const two = selectViewSids(state(), 'qu');
    expect(two).toContain('CHown');
    expect(selectViewSids(state(), 'q')).toBe(one);
    expect(selectViewSids(state(), 'qu')).toBe(two);
    act(() => state().upsertConversation({ sid: 'CHown', friendlyName: 'Renamed', uniqueName: null, dateUpdated: 50, lastMessageIndex: null, lastReadIndex: null, notificationLevel: 'default', attributes: {} }));
    expect(selectViewSids(state(), 'qu')).not.toContain('CHown');
    expect(selectViewSids(state(), 'q')).not.toContain('CHown');
  });

  it('finds names whatever their accents and case, in queue rows and in the agent’s own conversations', () => {
    state().applyQueueSnapshot(snap([queueRow(1, { friendlyName: 'José Núñez' }), queueRow(2, { friendlyName: 'Jose Ortega' }), queueRow(3, { assignee: 'Zoë' })]));
    seedConversation('CHown', { friendlyName: 'Renée Ångström', dateUpdated: 50 }, [person('MB1', { identity: 'renee', name: 'Léa Noël' })]);
    state().setView('open');
    expect(selectViewSids(state(), 'JOSE')).toEqual([sidOf(2), sidOf(1)]);
    expect(selectViewSids(state(), 'josé nunez')).toEqual([sidOf(1)]);
    expect(selectViewSids(state(), 'angstrom')).toEqual(['CHown']);
    expect(selectViewSids(state(), 'lea noel')).toEqual(['CHown']);
    expect(selectViewSids(state(), 'zoe')).toEqual([sidOf(3)]);
  });

  it('searches the rows the index has made when a key comes before the rest, and the whole queue once it is made', () => {
    state().applyQueueSnapshot(snap(Array.from({ length: 3000 }, (_, i) => queueRow(i + 1, { friendlyName: i % 3 ? `Ana ${i + 1}` : `Ben ${i + 1}` }))));
    state().setView('open');
    const bens = selectViewSids(state()).filter((sid) => state().queue.rows.get(sid)?.friendlyName?.startsWith('Ben'));
    expect(bens).toHaveLength(1000);
    // A clock that runs fast: each step of making the index (a chunk of rows) uses up its time.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 1000));
    try {
      // A deadline already past still makes one slice: progress, but not all of 3,000 rows.
      expect(prepareViewSearch(state(), 0)).toBe(false);
      const partial = selectViewSids(state(), 'ben');
      // The rows made so far are the newest: the top of the whole result, and the key did not make the rest.
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(1000);
      expect(partial).toEqual(bens.slice(0, partial.length));
      expect(viewSearchWasPartial(state())).toBe(true);
      // The same array while the index is still being made (the list does not re-render).
      expect(selectViewSids(state(), 'ben')).toBe(partial);
      let slices = 0;
      while (!prepareViewSearch(state(), 0)) slices++;
      expect(slices).toBeGreaterThan(1);
      expect(selectViewSids(state(), 'ben')).toBe(partial);
    } finally {
      clock.mockRestore();
    }
    // The inbox tells the store once the index is whole, and the list is searched again.
    state().noteQueueIndexMade();
    expect(selectViewSids(state(), 'ben')).toEqual(bens);
    expect(viewSearchWasPartial(state())).toBe(false);
    expect(selectViewSids(state(), 'ana 3')).toEqual(selectViewSids(state()).filter((sid) => /^Ana 3/.test(state().queue.rows.get(sid)?.friendlyName ?? '')));
    // Made once: preparing again has nothing left to do.
    expect(prepareViewSearch(state(), 0)).toBe(true);
    // Once the queue has been searchable in full, a queue change never leaves a search with part of it,
    // even with no time left to make the new index: an old row renamed is found at once.
    now = 0;
    const fast = vi.spyOn(performance, 'now').mockImplementation(() => (now += 1000));
    try {
      expect(selectViewSids(state(), 'zed')).toEqual([]);
      expect(state().applyQueueChanges(changes(2, [queueRow(5, { friendlyName: 'Zed Deep' })]))).toBe(true);
      expect(selectViewSids(state(), 'zed')).toEqual([sidOf(5)]);
      expect(viewSearchWasPartial(state())).toBe(false);
    } finally {
      fast.mockRestore();
    }
    state().applyQueueSnapshot(snap(Array.from({ length: 3000 }, (_, i) => queueRow(i + 1, { friendlyName: `Cy ${i + 1}` })), 3));
    let slices = 0;
    while (!prepareViewSearch(state(), 0)) slices++;
    expect(slices).toBeGreaterThan(1);
    expect(selectViewSids(state(), 'cy 2999')).toEqual([sidOf(2999)]);
  });

  it('finds a number typed with punctuation, and a name typed without its accents or typographic dash', () => {
    state().applyQueueSnapshot(
      snap([
        queueRow(1, { friendlyName: 'Order #1 – José', customer: '+14155550101' }),
        queueRow(2, { friendlyName: 'Chat', customer: 'whatsapp:+442071838750' }),
        queueRow(3, { friendlyName: 'Odd', customer: 'messenger:12 34-56' }),
      ]),
    );
    state().setView('open');
    expect(selectViewSids(state(), 'order #1 - jose')).toEqual([sidOf(1)]);
    expect(selectViewSids(state(), '(415) 555-0101')).toEqual([sidOf(1)]);
    expect(selectViewSids(state(), '20 7183 8750')).toEqual([sidOf(2)]);
    expect(selectViewSids(state(), '123456')).toEqual([sidOf(3)]);
  });

  it('keeps a search’s result as the SDK announces conversations while the inbox loads, and the same array when they do not change it', () => {
    state().applyQueueSnapshot(snap(Array.from({ length: 200 }, (_, i) => queueRow(i + 1, { friendlyName: i % 2 ? `Ana ${i + 1}` : `Ben ${i + 1}` }))));
    state().setView('open');
    state().setSearchQuery('ana');
    const first = selectViewSids(state());
    expect(first).toHaveLength(100);
    // An own conversation that does not match: the list is the same array (the list on screen does not re-render).
    act(() => {
      seedConversation('CHown1', { friendlyName: 'Own chat', dateUpdated: 1e9 });
    });
    expect(selectViewSids(state())).toBe(first);
    // One that matches joins in its place (newest first), and a queue row the agent joins stays found.
    act(() => {
      seedConversation('CHown2', { friendlyName: 'Anaïs', dateUpdated: 1e9 });
    });
    act(() => {
      seedConversation(sidOf(2), { friendlyName: 'Ana 2', dateUpdated: 2 });
    });
    const after = selectViewSids(state());
    expect(after[0]).toBe('CHown2');
    expect(after).toHaveLength(101);
    expect(after).toContain(sidOf(2));
    // Typing on and back gives the same answers as before.
    state().setSearchQuery('ana 1');
    expect(selectViewSids(state()).every((sid) => sid.startsWith('CH'))).toBe(true);
    state().setSearchQuery('ana');
    expect(selectViewSids(state())).toEqual(after);
  });
});

describe('bindTeamQueue', () => {
  it('applies the snapshot, then changes in order; a missing version takes a snapshot again', async () => {
    let emit: (c: QueueChanges) => void = () => undefined;
    const teamQueue = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, value: snap([queueRow(1)], 1) })
      .mockResolvedValueOnce({ ok: true, value: snap([queueRow(1), queueRow(2), queueRow(3)], 5) });
    const desk = fakeDesk({
      teamQueue,
      onTeamQueueChanged: (l) => {
        emit = l;
        return () => undefined;
      },
      teamAgents: async () => ({ ok: true, value: { identities: ['carol', 'alice'] } }),
    });
    const stop = bindTeamQueue(session(), desk);
    // Before the snapshot answers: held, then applied past it.
    emit(changes(2, [queueRow(2)]));
    await vi.waitFor(() => expect(state().queue.version).toBe(2));
    expect([...state().queue.rows.keys()]).toEqual([sidOf(1), sidOf(2)]);
    expect(state().agents).toEqual(['alice', 'carol']);
    emit(changes(3, [], [sidOf(1)]));
    expect(state().queue.rows.has(sidOf(1))).toBe(false);
    emit(changes(5, [queueRow(9)]));
    await vi.waitFor(() => expect(state().queue.version).toBe(5));
    expect(teamQueue).toHaveBeenCalledTimes(2);
    expect(state().queue.rows.size).toBe(3);
    stop();
    emit(changes(6, [queueRow(7)]));
    expect(state().queue.version).toBe(5);
  });

  it('is bound by the session: ending it stops the changes', async () => {
    let listener: ((c: QueueChanges) => void) | null = null;
    const off = vi.fn();
    const desk = fakeDesk({
      teamQueue: async () => ({ ok: true, value: snap([queueRow(1)], 1) }),
      onTeamQueueChanged: (l) => {
        listener = l;
        return off;
      },
    });
    session().onEnd(bindTeamQueue(session(), desk));
    await vi.waitFor(() => expect(state().queue.version).toBe(1));
    expect(listener).not.toBeNull();
    await session().end();
    expect(off).toHaveBeenCalled();
  });
});
