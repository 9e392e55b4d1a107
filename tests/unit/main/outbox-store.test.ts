import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inertDesktop } from '../../../electron/main/desktop/desktop-port';
import { createHandlers } from '../../../electron/main/handlers';
import { createInboxCacheStore } from '../../../electron/main/inbox-cache';
import { dispatch } from '../../../electron/main/ipc-dispatch';
import { createOutboxStore, type OutboxScope } from '../../../electron/main/outbox-store';
import { createProfileStore, LOCAL_PROFILE_ID } from '../../../electron/main/profiles';
import { createVault } from '../../../electron/main/vault';
import type { OutboxEntry } from '../../../shared/ipc/outbox-schema';
import { fakeSafeStorage, tempDir, twilioInput } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

const CH = (c: string) => `CH${c.repeat(32)}`;
const BODY = 'Your refund of $42 is on its way';
const entry = (key: string, overrides: Partial<OutboxEntry> = {}): OutboxEntry => ({
  key,
  conversationSid: CH('1'),
  body: BODY,
  attachments: [{ name: 'receipt.png', type: 'image/png', size: 3, data: Buffer.from('png').toString('base64') }],
  createdAt: 1_700_000_000_000,
  attempts: 0,
  ...overrides,
});
const twilio: OutboxScope = { profileId: 'p1', allowPlain: false };
const local: OutboxScope = { profileId: LOCAL_PROFILE_ID, allowPlain: true };
const outboxDir = () => join(dir.path, 'outbox');
const store = (options: Parameters<typeof fakeSafeStorage>[0] = {}) => createOutboxStore({ dir: outboxDir(), safeStorage: fakeSafeStorage(options), platform: 'linux' });
const filesOnDisk = async () => readdir(outboxDir()).catch(() => [] as string[]);

describe('outbox store (main)', () => {
  it('keeps queued messages with their attachments and drafts encrypted, per profile, oldest first', async () => {
    const s = store();
    expect(await s.put(twilio, entry('key-second', { createdAt: 2 }))).toBe(true);
    expect(await s.put(twilio, entry('key-first', { createdAt: 1 }))).toBe(true);
    expect(await s.saveDrafts(twilio, [[CH('2'), 'Draft about the refund']])).toBe(true);
    // A fresh store (a relaunch) reads it all back.
    const again = store();
    const loaded = await again.load(twilio);
    expect(loaded.entries.map((e) => e.key)).toEqual(['key-first', 'key-second']);
    expect(loaded.entries[0]!.attachments[0]!.data).toBe(Buffer.from('png').toString('base64'));
    expect(loaded.drafts).toEqual([[CH('2'), 'Draft about the refund']]);
    expect(await again.load(local)).toEqual({ entries: [], drafts: [] });
    for (const f of await filesOnDisk()) {
      const text = (await readFile(join(outboxDir(), f))).toString('latin1');
      expect(text).not.toContain('refund');
      expect(f.endsWith('.enc')).toBe(true);
    }
  });

  it('updates an entry in place, removes it once, and deletes every file of a profile', async () => {
    const s = store();
    await s.put(twilio, entry('key-alpha'));
    await s.put(twilio, entry('key-alpha', { body: 'Edited', attempts: 1 }));
    expect((await s.load(twilio)).entries).toEqual([entry('key-alpha', { body: 'Edited', attempts: 1 })]);
    expect(await s.remove(twilio, 'key-alpha')).toBe(true);
    expect(await s.remove(twilio, 'key-alpha')).toBe(false);
    await s.put(twilio, entry('key-bravo'));
    await s.saveDrafts(twilio, [[CH('3'), 'x']]);
    await s.put(local, entry('key-charlie'));
    await s.removeProfile('p1');
    expect((await s.load(twilio)).entries).toEqual([]);
    expect((await s.load(twilio)).drafts).toEqual([]);
    expect((await s.load(local)).entries.map((e) => e.key)).toEqual(['key-charlie']);
  });

  it('applies a burst of draft changes in order, an empty text deleting', async () => {
    const s = store();
    const typing = ['H', 'He', 'Hel', 'Hell', 'Hello'].map((t) => s.saveDrafts(twilio, [[CH('4'), t]]));
    await Promise.all(typing);
    expect((await store().load(twilio)).drafts).toEqual([[CH('4'), 'Hello']]);
    await s.saveDrafts(twilio, [[CH('4'), '']]);
    expect((await store().load(twilio)).drafts).toEqual([]);
  });

  it('keeps nothing for a Twilio profile without secure storage; the Local workspace falls back to plain JSON', async () => {
    const s = store({ available: false });
    expect(await s.put(twilio, entry('key-alpha'))).toBe(false);
    expect(await s.saveDrafts(twilio, [[CH('1'), 'x']])).toBe(false);
    expect(await filesOnDisk()).toEqual([]);
    expect(await s.put(local, entry('key-bravo'))).toBe(true);
    expect((await filesOnDisk()).every((f) => f.endsWith('.json'))).toBe(true);
    expect((await s.load(local)).entries.map((e) => e.key)).toEqual(['key-bravo']);
  });

  it('skips a file it cannot read rather than failing the whole outbox', async () => {
    const s = store();
    await s.put(twilio, entry('key-alpha'));
    const [name] = await filesOnDisk();
    await writeFile(join(outboxDir(), name!.replace('.enc', 'x.enc').replace(/-m-\w+/, '-m-garbage')), 'not encrypted');
    expect((await store().load(twilio)).entries.map((e) => e.key)).toEqual(['key-alpha']);
  });
});

describe('outbox channels (handlers)', () => {
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
    const h = createHandlers({
      profiles,
      sessions: { current: unused, activate: unused, refreshToken: unused },
      local: { workspaceInfo: unused, simulateInbound: unused, status: unused },
      testConnection: async () => ({ ok: true, message: '' }),
      publish: () => undefined,
      settings: undefined as never,
      desktop: inertDesktop,
      inboxCache: createInboxCacheStore({ dir: join(dir.path, 'inbox-cache'), safeStorage, platform: 'linux' }),
      outbox: createOutboxStore({ dir: outboxDir(), safeStorage, platform: 'linux' }),
    });
    return { h, profiles };
  }

  it('serves the active profile and refuses writes meant for a profile that is not active', async () => {
    const { h, profiles } = await handlers();
    expect(await dispatch(h, 'outbox:put', { profileId: LOCAL_PROFILE_ID, entry: entry('key-local') })).toEqual({ ok: true, value: { saved: true } });
    expect(await dispatch(h, 'outbox:saveDrafts', { profileId: LOCAL_PROFILE_ID, drafts: [[CH('5'), 'hi']] })).toEqual({ ok: true, value: { saved: true } });
    const loaded = await dispatch(h, 'outbox:load', undefined);
    expect(loaded).toEqual({ ok: true, value: { profileId: LOCAL_PROFILE_ID, identity: 'agent@desk.local', entries: [entry('key-local')], drafts: [[CH('5'), 'hi']] } });

    await profiles.save(twilioInput);
    await profiles.setActive('p1');
    // Late calls from the Local workspace's window must not land in (or take from) the Twilio profile.
    expect(await dispatch(h, 'outbox:put', { profileId: LOCAL_PROFILE_ID, entry: entry('key-late-1') })).toEqual({ ok: true, value: { saved: false } });
    expect(await dispatch(h, 'outbox:remove', { profileId: LOCAL_PROFILE_ID, key: 'key-local' })).toEqual({ ok: true, value: { removed: false } });
    expect(await dispatch(h, 'outbox:saveDrafts', { profileId: LOCAL_PROFILE_ID, drafts: [[CH('5'), '']] })).toEqual({ ok: true, value: { saved: false } });
    expect(await dispatch(h, 'outbox:load', undefined)).toEqual({ ok: true, value: { profileId: 'p1', identity: 'dana@example.com', entries: [], drafts: [] } });

    await profiles.setActive(LOCAL_PROFILE_ID);
    expect(await dispatch(h, 'outbox:load', undefined)).toEqual(loaded);
  });

  it('deletes a profile’s outbox and drafts with the profile', async () => {
    const { h, profiles } = await handlers();
    await profiles.save(twilioInput);
    await profiles.setActive('p1');
    await dispatch(h, 'outbox:put', { profileId: 'p1', entry: entry('key-alpha') });
    await dispatch(h, 'outbox:saveDrafts', { profileId: 'p1', drafts: [[CH('5'), 'hi']] });
    expect(await filesOnDisk()).toHaveLength(2);
    await dispatch(h, 'profiles:remove', { id: 'p1' });
    expect(await filesOnDisk()).toEqual([]);
  });

  it('refuses an entry over the limits, or with a key that is not one, writing nothing', async () => {
    const { h } = await handlers();
    const tooLong = await dispatch(h, 'outbox:put', { profileId: LOCAL_PROFILE_ID, entry: entry('key-alpha', { body: 'x'.repeat(40_000) }) });
    expect(!tooLong.ok && tooLong.error.code).toBe('invalid-input');
    const badKey = await dispatch(h, 'outbox:put', { profileId: LOCAL_PROFILE_ID, entry: entry('../../etc') });
    expect(!badKey.ok && badKey.error.code).toBe('invalid-input');
    expect(await filesOnDisk()).toEqual([]);
  });
});
