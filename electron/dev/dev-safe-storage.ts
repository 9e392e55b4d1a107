import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { SafeStorageLike } from '../main/vault';

/**
 * Stand-in for Electron's safeStorage when the renderer runs in a plain browser (tests and
 * `npm run dev:browser`). It encrypts with a key derived from a per-run secret, so secrets are
 * unreadable on disk but do not outlive the process: development only, never the app.
 */
export function createDevSafeStorage(): SafeStorageLike {
  const key = scryptSync(randomBytes(32), 'conversations-desk-dev', 32);
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
