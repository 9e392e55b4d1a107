import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../electron/main/errors';
import { createMainLocale } from '../../../electron/main/desktop/locale';
import { createVault, encryptionProblem } from '../../../electron/main/vault';
import { fakeSafeStorage, tempDir } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

describe('encryptionProblem', () => {
  it('refuses the Linux basic_text backend, naming it', () => {
    const problem = encryptionProblem(fakeSafeStorage({ backend: 'basic_text' }), 'linux');
    expect(problem).toMatch(/basic_text/);
    expect(problem).toMatch(/keyring/);
  });

  it('refuses the Linux unknown backend', () => {
    expect(encryptionProblem(fakeSafeStorage({ backend: 'unknown' }), 'linux')).toMatch(/"unknown" backend/);
  });

  it('refuses when encryption is unavailable on any platform', () => {
    expect(encryptionProblem(fakeSafeStorage({ available: false }), 'darwin')).toMatch(/not available/);
    expect(encryptionProblem(fakeSafeStorage({ available: false }), 'linux')).toMatch(/not available/);
    const es = createMainLocale({ setting: () => 'es', systemLanguages: () => [] }).t;
    expect(encryptionProblem(fakeSafeStorage({ available: false }), 'linux', es)).toMatch(/^El almacenamiento seguro no está disponible/);
  });

  it('accepts a real keyring on Linux and ignores the Linux-only backend elsewhere', () => {
    expect(encryptionProblem(fakeSafeStorage({ backend: 'kwallet6' }), 'linux')).toBeNull();
    expect(encryptionProblem(fakeSafeStorage({ backend: 'basic_text' }), 'win32')).toBeNull();
  });
});

describe('createVault', () => {
  it('refuses to store a secret on basic_text and writes nothing', async () => {
    const vault = createVault({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), dir: dir.path, platform: 'linux' });
    const attempt = vault.set('p1', 'secret');
    await expect(attempt).rejects.toBeInstanceOf(DeskError);
    await expect(attempt).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/basic_text/) });
    expect(await readdir(dir.path)).toEqual([]);
  });

  it('stores encrypted bytes in a 0600 file and reads them back', async () => {
    const vault = createVault({ safeStorage: fakeSafeStorage(), dir: join(dir.path, 'vault'), platform: 'linux' });
    await vault.set('p1', 'my-secret-value');
    const file = join(dir.path, 'vault', 'p1.secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file)).toString('latin1')).not.toContain('my-secret-value');
    expect(await vault.get('p1')).toBe('my-secret-value');
  });

  it('returns null for a missing secret and deletes idempotently', async () => {
    const vault = createVault({ safeStorage: fakeSafeStorage(), dir: dir.path, platform: 'darwin' });
    expect(await vault.get('nope')).toBeNull();
    await vault.set('p1', 'x');
    await vault.delete('p1');
    await vault.delete('p1');
    expect(await vault.get('p1')).toBeNull();
  });

  it('rejects keys that could name a file outside the vault', async () => {
    const vault = createVault({ safeStorage: fakeSafeStorage(), dir: dir.path, platform: 'darwin' });
    await expect(vault.set('../escape', 'x')).rejects.toThrow(/outside/);
  });
});
