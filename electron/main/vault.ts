import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { readFileIfExists, writeFileAtomic } from './atomic-file';
import { english, type Translate } from './desktop/locale';
import { DeskError } from './errors';

/** The part of Electron's safeStorage the vault uses; tests pass a fake. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

export interface VaultDeps {
  safeStorage: SafeStorageLike;
  /** Folder holding one encrypted file per secret, e.g. `<userData>/vault`. */
  dir: string;
  platform: NodeJS.Platform;
  /** The problem, when there is one, in the desk's language; English by default. */
  t?: Translate;
}

/** Secrets stay in main: nothing here is ever sent to a renderer. */
export interface Vault {
  /** Throws DeskError('unavailable') when secrets cannot be protected on this machine. */
  assertAvailable(): void;
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Why secrets cannot be stored safely here, or null when they can. On Linux, safeStorage "works"
 * with the basic_text backend but then encrypts with a hard-coded password, which protects nothing;
 * 'unknown' means it was asked before app ready or found no keyring. Both count as unavailable.
 */
export function encryptionProblem(safeStorage: SafeStorageLike, platform: NodeJS.Platform, t: Translate = english): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return platform === 'linux' ? t('errors.vault.unavailableLinux') : t('errors.vault.unavailable');
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text') {
      return t('errors.vault.plainText');
    }
    if (backend === 'unknown') {
      return t('errors.vault.unknownBackend');
    }
  }
  return null;
}

// Keys become file names: only a safe alphabet, so no key can reach outside the vault folder.
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function createVault({ safeStorage, dir, platform, t = english }: VaultDeps): Vault {
  const assertAvailable = (): void => {
    const problem = encryptionProblem(safeStorage, platform, t);
    if (problem) throw new DeskError('unavailable', problem);
  };
  const fileFor = (key: string): string => {
    if (!KEY_PATTERN.test(key)) throw new Error(`Vault key has characters outside [A-Za-z0-9_-]: ${JSON.stringify(key)}`);
    return join(dir, `${key}.secret`);
  };

  return {
    assertAvailable,
    async get(key) {
      const file = fileFor(key);
      const encrypted = await readFileIfExists(file);
      if (encrypted === null) return null;
      assertAvailable();
      return safeStorage.decryptString(encrypted);
    },
    async set(key, secret) {
      const file = fileFor(key);
      assertAvailable();
      await writeFileAtomic(file, safeStorage.encryptString(secret));
    },
    async delete(key) {
      await fsp.rm(fileFor(key), { force: true });
    },
  };
}
