import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/main/handlers';
import { createInboxCacheStore, type CacheScope } from '../../../electron/main/inbox-cache';
import { createOutboxStore } from '../../../electron/main/outbox-store';
import { inertDesktop } from '../../../electron/main/desktop/desktop-port';
import { createProfileStore, LOCAL_PROFILE_ID } from '../../../electron/main/profiles';
import { createVault } from '../../../electron/main/vault';
import { FIRST_SCREEN_CONVERSATIONS, INBOX_CACHE_VERSION, type InboxCache } from '../../../shared/ipc/inbox-cache-schema';
import { dispatch } from '../../../electron/main/ipc-dispatch';
import { LAUNCH_SNAPSHOT_MAX_CHARS } from '../../../shared/ipc/launch-snapshot-limits';
import { fakeSafeStorage, tempDir, twilioInput } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

const CUSTOMER = 'Maria Gonzalez';
const cache = (name = CUSTOMER): InboxCache => ({
  version: INBOX_CACHE_VERSION,
  savedAt: 1_700_000_000_000,
  conversations: [
    {
      sid: `CH${'1'.repeat(32)}`,
      friendlyName: name,
      uniqueName: null,
      dateUpdated: 1_700_000_000_000,
      lastMessage: { index: 4, text: 'Is my order on its way?', author: '+15551230001', date: 1_700_000_000_000 },
      lastMessageIndex: 4,
      lastReadIndex: 2,
      channel: 'sms',
      notificationLevel: 'default',
    },
  ],
  rosters: [[`CH${'1'.repeat(32)}`, [{ sid: 'MB1', identity: null, type: 'sms', address: '+15551230001', proxy: '+15555550100', lastReadIndex: null, name: null }]]],
  userNames: [['lee@desk.local', 'Lee Park']],
});
const twilio: CacheScope = { profileId: 'p1', fingerprint: 'twilio|dana|AC1|IS1', allowPlain: false };
const local: CacheScope = { profileId: LOCAL_PROFILE_ID, fingerprint: 'local|agent', allowPlain: true };

const store = (options: Parameters<typeof fakeSafeStorage>[0] = {}, log: string[] = []) =>
  createInboxCacheStore({ dir: join(dir.path, 'inbox-cache'), safeStorage: fakeSafeStorage(options), platform: 'linux', log: (l) => log.push(l) });
const filesOnDisk = async () => readdir(join(dir.path, 'inbox-cache')).catch(() => [] as string[]);
const bytesOnDisk = async () => Promise.all((await filesOnDisk()).map((f) => readFile(join(dir.path, 'inbox-cache', f))));

describe('inbox cache store (main)', () => {
  it('gives back what was saved, and keeps it encrypted on disk', async () => {
    const s = store();
    expect(await s.save(twilio, cache())).toBe(true);
    expect(await s.load(twilio)).toEqual(cache());
    const bytes = await bytesOnDisk();
    expect(bytes).toHaveLength(2);
    expect(bytes[0]!.toString('latin1')).not.toContain(CUSTOMER);
    expect(bytes[0]!.toString('latin1')).not.toContain('+15551230001');
  });

  it('has nothing for a profile never saved, or for the same profile with another identity or service', async () => {
    const s = store();
    expect(await s.load(twilio)).toBeNull();
    await s.save(twilio, cache());
    expect(await s.load({ ...twilio, fingerprint: 'twilio|someone-else|AC1|IS1' })).toBeNull();
    expect(await s.load({ ...twilio, profileId: 'p2' })).toBeNull();
  });

  it('replaces an edited profile’s old copy instead of keeping both', async () => {
    const s = store();
    await s.save(twilio, cache('Before the edit'));
    await s.save({ ...twilio, fingerprint: 'twilio|dana|AC1|IS2' }, cache('After the edit'));
    expect(await filesOnDisk()).toHaveLength(2);
    expect(await s.load(twilio)).toBeNull();
  });

  it('never writes a Twilio profile’s inbox in plain text when secure storage is unavailable', async () => {
    const log: string[] = [];
    const s = store({ backend: 'basic_text' }, log);
    expect(await s.save(twilio, cache())).toBe(false);
    expect(await filesOnDisk()).toEqual([]);
    expect(log.join('\n')).toMatch(/secure storage unavailable/);
  });

  it('still caches the Local workspace without a keyring (its emulator data is plain on disk anyway)', async () => {
    const s = store({ available: false });
    expect(await s.save(local, cache())).toBe(true);
    expect(await s.load(local)).toEqual(cache());
  });

  it('removes a profile’s copies only after a save under way has landed, so none survives', async () => {
    const s = store();
    const saving = s.save(twilio, cache());
    await s.remove('p1');
    await saving;
    expect(await s.load(twilio)).toBeNull();
    expect(await filesOnDisk()).toEqual([]);
  });

  it('treats a damaged or older file as no cache, and says so in the log', async () => {
    const log: string[] = [];
    const s = store({ available: false }, log);
    await s.save(local, cache());
    const file = (await filesOnDisk()).find((f) => !f.includes('.first.'));
    await writeFile(join(dir.path, 'inbox-cache', file!), '{"version":1,"conversations":[{"sid":');
    expect(await s.load(local)).toBeNull();
    await writeFile(join(dir.path, 'inbox-cache', file!), JSON.stringify({ ...cache(), version: 0 }));
    expect(await s.load(local)).toBeNull();
    expect(log.filter((l) => l.startsWith('inbox-cache: ignoring'))).toHaveLength(2);
  });

  it('removes every copy of a profile, and only that profile’s', async () => {
    const s = store();
    await s.save(twilio, cache());
    await s.save(local, cache());
    await s.remove('p1');
    expect(await s.load(twilio)).toBeNull();
    expect(await s.load(local)).toEqual(cache());
  });

  it('keeps the launch snapshot sealed beside the copy it shows, and drops it with a save that has none', async () => {
    const s = store();
    const html = `<div class="app"><button class="inbox-row">${CUSTOMER}</button></div>`;
    expect(await s.loadSnapshot(twilio)).toBeNull();
    expect(await s.save(twilio, cache(), html)).toBe(true);
    expect(await s.loadSnapshot(twilio)).toBe(html);
    expect((await filesOnDisk()).filter((f) => f.includes('.paint'))).toHaveLength(1);
    for (const bytes of await bytesOnDisk()) expect(bytes.toString('latin1')).not.toContain(CUSTOMER);
    // A copy saved from a screen a launch would not show (a search, a conversation scrolled): no
    // snapshot of an older copy may stay to paint rows the app would then replace.
    expect(await s.save(twilio, cache('Someone Else'))).toBe(true);
    expect(await s.loadSnapshot(twilio)).toBeNull();
    expect((await filesOnDisk()).filter((f) => f.includes('.paint'))).toEqual([]);
    // Removed with the profile, like the copy.
    await s.save(twilio, cache(), html);
    await s.remove('p1');
    expect(await filesOnDisk()).toEqual([]);
  });

  it('ignores a damaged snapshot file and says so', async () => {
    const log: string[] = [];
    const s = store({}, log);
    await s.save(local, cache(), '<div class="app"></div>');
    const name = (await filesOnDisk()).find((f) => f.includes('.paint'))!;
    await writeFile(join(dir.path, 'inbox-cache', name), '{"version":99,"html":"x"}');
    expect(await s.loadSnapshot(local)).toBeNull();
    expect(log.join('\n')).toMatch(/not a launch snapshot|could not read/);
  });

  it('hands out the newest conversations on their own for a first screen', async () => {
    const s = store();
    const many = cache();
    const template = many.conversations[0]!;
    many.conversations = Array.from({ length: FIRST_SCREEN_CONVERSATIONS + 50 }, (_, i) => ({ ...template, sid: `CH${String(i).padStart(32, '0')}`, friendlyName: `Customer ${i}` }));
    many.rosters = many.conversations.map((c) => [c.sid, []]);
    await s.save(twilio, many);
    const first = await s.load(twilio, 'first-screen');
    expect(first?.conversations.map((c) => c.friendlyName)).toEqual(many.conversations.slice(0, FIRST_SCREEN_CONVERSATIONS).map((c) => c.friendlyName));
    expect(first?.rosters.map(([sid]) => sid)).toEqual(first?.conversations.map((c) => c.sid));
    expect(first?.userNames).toEqual(many.userNames);
    expect((await s.load(twilio, 'all'))?.conversations).toHaveLength(FIRST_SCREEN_CONVERSATIONS + 50);
    // Without its own file (an older save), the first screen is cut from the whole copy.
    for (const f of (await filesOnDisk()).filter((n) => n.includes('.first.'))) await rm(join(dir.path, 'inbox-cache', f));
    expect(await s.load(twilio, 'first-screen')).toEqual(first);
  });

  it('keeps the newest of two saves that overlap', async () => {
    const s = store();
    await Promise.all([s.save(twilio, cache('First')), s.save(twilio, cache('Second'))]);
    expect((await s.load(twilio))?.conversations[0]?.friendlyName).toBe('Second');
    // The picture goes with its copy: an older save's never lands beside a newer copy.
    await Promise.all([s.save(twilio, cache('Third'), '<div class="app">Third</div>'), s.save(twilio, cache('Fourth'))]);
    expect(await s.loadSnapshot(twilio)).toBeNull();
    await Promise.all([s.save(twilio, cache('Fifth')), s.save(twilio, cache('Sixth'), '<div class="app">Sixth</div>')]);
    expect(await s.loadSnapshot(twilio)).toBe('<div class="app">Sixth</div>');
  });
});

describe('inbox cache channels', () => {
  const unused = (): never => {
    throw new Error('not used in this test');
  };
  async function handlers() {
    const safeStorage = fakeSafeStorage();
    const profiles = createProfileStore({
      file: join(dir.path, 'profiles.json'),
      vault: createVault({ safeStorage, dir: join(dir.path, 'vault'), platform: 'linux' }),
      localIdentity: 'agent@desk.local',
      newId: () => 'p1',
    });
    const inboxCache = createInboxCacheStore({ dir: join(dir.path, 'inbox-cache'), safeStorage, platform: 'linux' });
    const h = createHandlers({
      profiles,
      sessions: { current: unused, activate: unused, refreshToken: unused },
      local: { workspaceInfo: unused, simulateInbound: unused, status: unused },
      testConnection: async () => ({ ok: true, message: '' }),
      publish: () => undefined,
      settings: undefined as never,
      desktop: inertDesktop,
      inboxCache,
      outbox: createOutboxStore({ dir: join(dir.path, 'outbox'), safeStorage, platform: 'linux' }),
    });
    return { h, profiles };
  }

  it('saves and loads the active profile’s inbox, and refuses a save meant for a profile no longer active', async () => {
    const { h, profiles } = await handlers();
    expect(await dispatch(h, 'inboxCache:load', { part: 'all' })).toEqual({ ok: true, value: null });
    expect(await dispatch(h, 'inboxCache:save', { profileId: LOCAL_PROFILE_ID, cache: cache() })).toEqual({ ok: true, value: { saved: true } });
    expect(await dispatch(h, 'inboxCache:load', { part: 'all' })).toEqual({ ok: true, value: { profileId: LOCAL_PROFILE_ID, cache: cache() } });
    // The launch snapshot travels with the save; one over the limit is refused, nothing written.
    expect(await dispatch(h, 'inboxCache:save', { profileId: LOCAL_PROFILE_ID, cache: cache(), snapshot: '<div class="app"></div>' })).toEqual({ ok: true, value: { saved: true } });
    const tooBig = await dispatch(h, 'inboxCache:save', { profileId: LOCAL_PROFILE_ID, cache: cache('Changed'), snapshot: 'x'.repeat(LAUNCH_SNAPSHOT_MAX_CHARS + 1) });
    expect(!tooBig.ok && tooBig.error.code).toBe('invalid-input');
    expect(await dispatch(h, 'inboxCache:load', { part: 'all' })).toEqual({ ok: true, value: { profileId: LOCAL_PROFILE_ID, cache: cache() } });

    await profiles.save(twilioInput);
    await profiles.setActive('p1');
    // A late save from the Local workspace's window must not become the Twilio profile's inbox.
    expect(await dispatch(h, 'inboxCache:save', { profileId: LOCAL_PROFILE_ID, cache: cache() })).toEqual({ ok: true, value: { saved: false } });
    expect(await dispatch(h, 'inboxCache:load', { part: 'all' })).toEqual({ ok: true, value: null });
  });

  it('deletes a profile’s cached inbox with the profile', async () => {
    const { h, profiles } = await handlers();
    await profiles.save(twilioInput);
    await profiles.setActive('p1');
    await dispatch(h, 'inboxCache:save', { profileId: 'p1', cache: cache() });
    expect(await filesOnDisk()).toHaveLength(2);
    await dispatch(h, 'profiles:remove', { id: 'p1' });
    expect(await filesOnDisk()).toEqual([]);
  });

  it('rejects a malformed cache with a clear message, writing nothing', async () => {
    const { h } = await handlers();
    const bad = { ...cache(), conversations: [{ ...cache().conversations[0], channel: 'fax' }] };
    const r = await dispatch(h, 'inboxCache:save', { profileId: LOCAL_PROFILE_ID, cache: bad });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('invalid-input');
    expect(await filesOnDisk()).toEqual([]);
  });
});
