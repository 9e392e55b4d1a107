/**
 * A JSON file that holds what customers said (inbox copy, queued messages, drafts): `<base>.enc`,
 * encrypted with safeStorage, or `<base>.json` where the caller allows plain text (the Local
 * workspace without a keyring). The inbox cache and the outbox store keep their files this way.
 */
import { readFileIfExists, writeFileAtomic } from './atomic-file';
import { encryptionProblem, type SafeStorageLike } from './vault';

export interface SealedFiles {
  canEncrypt(): boolean;
  /** The text and the file it came from; null when neither is there (or only plain, not allowed). */
  read(base: string, allowPlain: boolean): Promise<{ text: string; file: string } | null>;
  /** Writes `.enc` when it can encrypt, else `.json` (the caller decides whether plain is allowed); says which. */
  write(base: string, text: string): Promise<'enc' | 'json'>;
}

export function sealedFiles(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SealedFiles {
  const canEncrypt = () => encryptionProblem(safeStorage, platform) === null;
  return {
    canEncrypt,
    async read(base, allowPlain) {
      const encrypted = await readFileIfExists(`${base}.enc`);
      if (encrypted && canEncrypt()) return { text: safeStorage.decryptString(encrypted), file: `${base}.enc` };
      if (!allowPlain) return null;
      const plain = await readFileIfExists(`${base}.json`);
      return plain ? { text: plain.toString('utf8'), file: `${base}.json` } : null;
    },
    async write(base, text) {
      if (canEncrypt()) {
        await writeFileAtomic(`${base}.enc`, safeStorage.encryptString(text));
        return 'enc';
      }
      await writeFileAtomic(`${base}.json`, text);
      return 'json';
    },
  };
}
