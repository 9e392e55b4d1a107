import { mkdirSync, promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';

/** Owner read/write only: these files hold credentials (encrypted) and account identifiers. */
export const PRIVATE_FILE_MODE = 0o600;

const madeDirs = new Set<string>();

/**
 * Write `data` to `path` so that a crash or a full disk leaves either the old file or the new one,
 * never half of each: npm's write-file-atomic writes a temporary file beside it, fsyncs it, sets
 * `mode` (whatever the umask) and renames it over the target. It also queues writes to the same
 * file in the order they were asked for, so a slow older write can never land after a newer one:
 * callers need no write queue of their own.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = PRIVATE_FILE_MODE): Promise<void> {
  const dir = dirname(path);
  // Synchronous, once per folder: anything async before the library's call could reorder two
  // writes to the same file, which its queue otherwise keeps in call order.
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    madeDirs.add(dir);
  }
  const bytes = typeof data === 'string' || Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return writeFileAtomicLib(path, bytes, { mode, fsync: true }).catch((error: unknown) => {
    // The folder was removed since it was made (someone cleared the data folder): make it again.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !madeDirs.delete(dir)) throw error;
    return writeFileAtomic(path, data, mode);
  });
}

/** The file's bytes, or null when it does not exist (any other failure is thrown). */
export async function readFileIfExists(path: string): Promise<Buffer | null> {
  try {
    return await fsp.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
