import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfileStore, LOCAL_PROFILE_ID, maskSecret, type ProfileStore } from '../../../electron/main/profiles';
import { createVault } from '../../../electron/main/vault';
import { fakeSafeStorage, SECRET, tempDir, twilioInput } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: ProfileStore;
let ids: number;
const makeStore = (backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret') =>
  createProfileStore({
    file: join(dir.path, 'profiles.json'),
    vault: createVault({ safeStorage: fakeSafeStorage({ backend }), dir: join(dir.path, 'vault'), platform: 'linux' }),
    localIdentity: 'agent',
    newId: () => `p${++ids}`,
  });

beforeEach(async () => {
  dir = await tempDir();
  ids = 0;
  store = makeStore();
});
afterEach(() => dir.remove());

describe('profile store', () => {
  it('always lists the built-in Local workspace, active by default', async () => {
    expect(await store.list()).toEqual([
      expect.objectContaining({ id: LOCAL_PROFILE_ID, kind: 'local', active: true, secretHint: null, accountSid: null }),
    ]);
  });

  it('saves a Twilio profile and returns a summary with a masked hint, never the secret', async () => {
    const saved = await store.save(twilioInput);
    expect(saved).toMatchObject({ id: 'p1', kind: 'twilio', name: 'Support US', active: false, secretHint: maskSecret(SECRET) });
    expect(saved.secretHint).toBe('••••••••9f3a');
    expect(JSON.stringify(await store.list())).not.toContain(SECRET);
    expect(JSON.stringify(saved)).not.toContain(SECRET);
  });

  it('keeps the secret out of profiles.json and in the vault', async () => {
    await store.save(twilioInput);
    expect(await readFile(join(dir.path, 'profiles.json'), 'utf8')).not.toContain(SECRET);
    expect(await store.credentials('p1')).toMatchObject({ apiKeySecret: SECRET, accountSid: twilioInput.accountSid });
  });

  it('keeps the stored secret when an edit omits apiKeySecret', async () => {
    await store.save(twilioInput);
    const { apiKeySecret: _omitted, ...edit } = twilioInput;
    const saved = await store.save({ ...edit, id: 'p1', name: 'Renamed' });
    expect(saved.name).toBe('Renamed');
    expect(saved.secretHint).toBe(maskSecret(SECRET));
    expect((await store.credentials('p1')).apiKeySecret).toBe(SECRET);
  });

  it('requires a secret for a new profile and for a changed API key, as a field message', async () => {
    const { apiKeySecret: _omitted, ...noSecret } = twilioInput;
    await expect(store.save(noSecret)).rejects.toMatchObject({ code: 'invalid-input', fields: { apiKeySecret: 'validation.apiKeySecretRequired' } });
    await store.save(twilioInput);
    await expect(store.save({ ...noSecret, id: 'p1', apiKeySid: `SK${'d'.repeat(32)}` })).rejects.toMatchObject({
      fields: { apiKeySecret: 'validation.newKeySecret' },
    });
  });

  it('saves nothing when the vault refuses', async () => {
    const refusing = makeStore('basic_text');
    await expect(refusing.save(twilioInput)).rejects.toMatchObject({ code: 'unavailable' });
    expect(await readdir(dir.path)).toEqual([]);
    expect(await refusing.list()).toHaveLength(1);
  });

  it('persists the active profile and falls back to Local when the active one is removed', async () => {
    await store.save(twilioInput);
    await store.setActive('p1');
    expect(await makeStore().activeId()).toBe('p1');
    await store.remove('p1');
    expect(await store.activeId()).toBe(LOCAL_PROFILE_ID);
    await expect(store.credentials('p1')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('does not let the Local workspace be edited or removed', async () => {
    await expect(store.remove(LOCAL_PROFILE_ID)).rejects.toMatchObject({ code: 'denied' });
    await expect(store.save({ ...twilioInput, id: LOCAL_PROFILE_ID })).rejects.toMatchObject({ code: 'denied' });
  });

  it('reports unknown ids as not-found', async () => {
    await expect(store.setActive('ghost')).rejects.toMatchObject({ code: 'not-found', message: 'There is no profile with id "ghost".' });
    await expect(store.save({ ...twilioInput, id: 'ghost' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('moves a damaged profiles.json aside instead of refusing to start', async () => {
    await writeFile(join(dir.path, 'profiles.json'), '{not json');
    expect(await store.list()).toHaveLength(1);
    expect((await readdir(dir.path)).some((name) => name.startsWith('profiles.json.damaged-'))).toBe(true);
  });

  it('serializes concurrent saves so none is lost', async () => {
    await Promise.all([store.save(twilioInput), store.save({ ...twilioInput, name: 'Second' }), store.save({ ...twilioInput, name: 'Third' })]);
    expect((await store.list()).map((p) => p.name).sort()).toEqual(['Local workspace', 'Second', 'Support US', 'Third']);
  });
});
