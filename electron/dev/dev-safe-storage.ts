import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorageLike } from '../main/vault';

/**
 * Stand-in for Electron's safeStorage when the renderer runs in a plain browser (tests and
 * `npm run dev:browser`). It encrypts with a random key, so what it protects is unreadable on
 * disk. With `keyFile` the key is kept there (0600) and outlives the process, as the OS keychain
 * keeps Electron's: a relaunch over the same user-data folder can read what the last run wrote.
 * Development only, never the app.
 */
export function createDevSafeStorage(keyFile?: string): SafeStorageLike {
  const key = scryptSync(devSecret(keyFile), 'conversations-desk-dev', 32);
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString(plain: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

function devSecret(keyFile: string | undefined): Buffer {
  if (!keyFile) return randomBytes(32);
  try {
    const kept = readFileSync(keyFile);
    if (kept.length === 32) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const fresh = randomBytes(32);
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, fresh, { mode: 0o600 });
  return fresh;
}
