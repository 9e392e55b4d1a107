import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMessageSearch, type SearchScope } from '../../../../electron/main/search/message-search';
import { LOCAL_PROFILE_ID } from '../../../../electron/main/profiles';
import type { IndexedMessage } from '../../../../shared/ipc/search-schema';
import { fakeSafeStorage, tempDir } from '../fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

const twilio: SearchScope = { profileId: 'p1', allowPlain: false };
const local: SearchScope = { profileId: LOCAL_PROFILE_ID, allowPlain: true };
const searchDir = () => join(dir.path, 'search');
const ch = (n: number) => `CH${n.toString(16).padStart(32, '0')}`;
const msg = (c: number, index: number, body: string, date: number | null = 1_000 + index): IndexedMessage => ({ conversationSid: ch(c), index, body, date });

function search(active: { scope: SearchScope }, options: { available?: boolean; maxMessages?: number } = {}) {
  return createMessageSearch({
    dir: searchDir(),
    safeStorage: fakeSafeStorage({ available: options.available }),
    platform: 'linux',
    scope: async () => active.scope,
    maxMessages: options.maxMessages,
    // Saved only when the test flushes.
    saveQuietMs: 60_000,
    saveMaxWaitMs: 60_000,
  });
}

describe('message search (main)', () => {
  it('finds conversations by the words of their messages, best message per conversation, with the words marked', async () => {
    const s = search({ scope: twilio });
    await s.index({
      profileId: 'p1',
      messages: [
        msg(1, 0, 'Hello, I would like a refund for order 2001'),
        msg(1, 1, 'The refund is on its way'),
        msg(2, 0, 'Where is my parcel?'),
        msg(3, 0, 'Réembolso, por favor'),
      ],
      removed: [],
    });
    const { hits } = await s.query({ profileId: 'p1', query: 'refun', limit: 10 });
    expect(hits.map((h) => h.conversationSid)).toEqual([ch(1)]);
    const [hit] = hits;
    expect(hit!.snippet.slice(hit!.ranges[0]![0], hit!.ranges[0]![1]).toLowerCase()).toBe('refund');
    // Every word must match; accents don't matter.
    expect((await s.query({ profileId: 'p1', query: 'refund 2001', limit: 10 })).hits.map((h) => h.index)).toEqual([0]);
    // A last word of one or two letters is not a word yet: the others are searched.
    expect((await s.query({ profileId: 'p1', query: 'refund o', limit: 10 })).hits.map((h) => h.conversationSid)).toEqual([ch(1)]);
    expect((await s.query({ profileId: 'p1', query: 'refund ord', limit: 10 })).hits.map((h) => h.index)).toEqual([0]);
    expect((await s.query({ profileId: 'p1', query: 'reembolso', limit: 10 })).hits.map((h) => h.conversationSid)).toEqual([ch(3)]);
    expect((await s.query({ profileId: 'p1', query: 'refund parcel', limit: 10 })).hits).toEqual([]);
    // One letter finds nothing by text (names still match it in the window).
    expect((await s.query({ profileId: 'p1', query: 'r', limit: 10 })).hits).toEqual([]);
  });

  it('cuts a long message to a snippet around the match', async () => {
    const s = search({ scope: twilio });
    const body = `${'filler words '.repeat(40)}the tracking number is ZX81 ${'and more text '.repeat(40)}`;
    await s.index({ profileId: 'p1', messages: [msg(1, 0, body)], removed: [] });
    const [hit] = (await s.query({ profileId: 'p1', query: 'tracking', limit: 5 })).hits;
    expect(hit!.snippet.startsWith('…')).toBe(true);
    expect(hit!.snippet.endsWith('…')).toBe(true);
    expect(hit!.snippet.length).toBeLessThanOrEqual(162);
    expect(hit!.snippet).toContain('the tracking number is ZX81');
    expect(hit!.ranges.map(([a, b]) => hit!.snippet.slice(a, b))).toEqual(['tracking']);
  });

  it('replaces an edited message and drops deleted ones and ones left without text', async () => {
    const s = search({ scope: twilio });
    await s.index({ profileId: 'p1', messages: [msg(1, 0, 'parcel lost'), msg(1, 1, 'parcel found')], removed: [] });
    await s.index({ profileId: 'p1', messages: [msg(1, 0, 'box lost'), msg(1, 1, '')], removed: [] });
    expect((await s.query({ profileId: 'p1', query: 'parcel', limit: 5 })).hits).toEqual([]);
    expect((await s.query({ profileId: 'p1', query: 'box', limit: 5 })).hits).toHaveLength(1);
    await s.index({ profileId: 'p1', messages: [], removed: [{ conversationSid: ch(1), index: 0 }] });
    expect((await s.query({ profileId: 'p1', query: 'box', limit: 5 })).hits).toEqual([]);
    expect(await s.size('p1')).toBe(0);
  });

  it('keeps at most its cap of messages, letting the oldest go first', async () => {
    const s = search({ scope: twilio }, { maxMessages: 100 });
    const messages = Array.from({ length: 150 }, (_, i) => msg(i, 0, `order number${i}`, 10_000 + i));
    await s.index({ profileId: 'p1', messages: messages.slice(0, 100), removed: [] });
    expect(await s.size('p1')).toBe(100);
    await s.index({ profileId: 'p1', messages: messages.slice(100), removed: [] });
    expect(await s.size('p1')).toBeLessThanOrEqual(100);
    // The oldest went; the newest are all there.
    expect((await s.query({ profileId: 'p1', query: 'number0', limit: 5 })).hits).toEqual([]);
    expect((await s.query({ profileId: 'p1', query: 'number149', limit: 5 })).hits).toHaveLength(1);
    expect((await s.query({ profileId: 'p1', query: 'order', limit: 200 })).hits.length).toBe(await s.size('p1'));
  });

  it('keeps one index per profile and takes nothing for a profile that is not active', async () => {
    const active = { scope: twilio };
    const s = search(active);
    await s.index({ profileId: 'p1', messages: [msg(1, 0, 'invoice overdue')], removed: [] });
    // A late batch from a window still showing the other profile is refused.
    expect(await s.index({ profileId: 'p2', messages: [msg(2, 0, 'invoice paid')], removed: [] })).toEqual({ indexed: 0 });
    expect((await s.query({ profileId: 'p2', query: 'invoice', limit: 5 })).hits).toEqual([]);
    active.scope = local;
    expect((await s.query({ profileId: LOCAL_PROFILE_ID, query: 'invoice', limit: 5 })).hits).toEqual([]);
    await s.index({ profileId: LOCAL_PROFILE_ID, messages: [msg(3, 0, 'invoice sent')], removed: [] });
    active.scope = twilio;
    expect((await s.query({ profileId: 'p1', query: 'invoice', limit: 5 })).hits.map((h) => h.conversationSid)).toEqual([ch(1)]);
  });

  it('is encrypted at rest, read back by the next launch, and deleted with its profile', async () => {
    const active = { scope: twilio };
    const s = search(active);
    await s.index({ profileId: 'p1', messages: [msg(1, 0, 'my passport number is K1234567')], removed: [] });
    await s.flush();
    const names = await readdir(searchDir());
    expect(names).toHaveLength(1);
    expect(names[0]!.endsWith('.enc')).toBe(true);
    const raw = (await readFile(join(searchDir(), names[0]!))).toString('latin1');
    expect(raw).not.toContain('passport');
    expect(raw).not.toContain('k1234567');
    // A relaunch finds it.
    const again = search(active);
    expect((await again.query({ profileId: 'p1', query: 'passport', limit: 5 })).hits).toHaveLength(1);
    await again.removeProfile('p1');
    expect(await readdir(searchDir())).toEqual([]);
    expect((await again.query({ profileId: 'p1', query: 'passport', limit: 5 })).hits).toEqual([]);
  });

  it('never writes a Twilio profile’s index in plain text; the Local workspace may without a keyring', async () => {
    const active = { scope: twilio };
    const s = search(active, { available: false });
    await s.index({ profileId: 'p1', messages: [msg(1, 0, 'secret plans')], removed: [] });
    await s.flush();
    expect(await readdir(searchDir()).catch(() => [])).toEqual([]);
    // Still searchable while the app runs.
    expect((await s.query({ profileId: 'p1', query: 'secret', limit: 5 })).hits).toHaveLength(1);
    active.scope = local;
    await s.index({ profileId: LOCAL_PROFILE_ID, messages: [msg(1, 0, 'demo text')], removed: [] });
    await s.flush();
    expect((await readdir(searchDir())).every((n) => n.endsWith('.json'))).toBe(true);
  });

  it('saves by itself once things are quiet', async () => {
    const s = createMessageSearch({ dir: searchDir(), safeStorage: fakeSafeStorage(), platform: 'linux', scope: async () => twilio, saveQuietMs: 1, saveMaxWaitMs: 1 });
    await s.index({ profileId: 'p1', messages: [msg(1, 0, 'quiet save')], removed: [] });
    await expect.poll(async () => (await readdir(searchDir()).catch(() => [])).length).toBe(1);
  });
});
