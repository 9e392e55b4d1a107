import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore, DEFAULT_SETTINGS } from '../../../electron/main/settings';
import { tempDir } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let file: string;
beforeEach(async () => {
  dir = await tempDir();
  file = join(dir.path, 'settings.json');
});
afterEach(() => dir.remove());

describe('settings store', () => {
  it('starts from defaults and persists updates privately, notifying subscribers', async () => {
    const store = createSettingsStore({ file });
    await store.loaded;
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const seen: unknown[] = [];
    store.subscribe((s) => seen.push(s));
    await store.update({ doNotDisturb: true, hideContent: true });
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, doNotDisturb: true, hideContent: true }]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ doNotDisturb: true, hideContent: true });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const reopened = createSettingsStore({ file });
    await reopened.loaded;
    expect(reopened.get().doNotDisturb).toBe(true);
  });

  it('keeps valid fields from a file written by another version and ignores the rest', async () => {
    await writeFile(file, JSON.stringify({ sound: false, notifications: 'yes', futureOption: 1 }));
    const store = createSettingsStore({ file });
    await store.loaded;
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, sound: false });
  });

  it('keeps language and clock, defaulting to the system’s, and drops values it does not know', async () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ language: 'system', clock: 'system' });
    await writeFile(file, JSON.stringify({ language: 'fr', clock: '25h' }));
    const store = createSettingsStore({ file });
    await store.loaded;
    expect(store.get()).toMatchObject({ language: 'fr', clock: 'system' });
    expect(await store.update({ clock: '24h' })).toMatchObject({ language: 'fr', clock: '24h' });
    await expect(store.update({ language: 'de' as never })).rejects.toThrow();
  });

  it('falls back to defaults on a damaged file', async () => {
    await writeFile(file, '{not json');
    const lines: string[] = [];
    const store = createSettingsStore({ file, log: (l) => lines.push(l) });
    await store.loaded;
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(lines.join()).toMatch(/unreadable/);
  });

  it('lands quick successive updates in order', async () => {
    const store = createSettingsStore({ file });
    await Promise.all([store.update({ sound: false }), store.update({ sound: true }), store.update({ closeToTray: false })]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ sound: true, closeToTray: false });
  });
});
