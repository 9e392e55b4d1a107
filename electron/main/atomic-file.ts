import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';

/** Owner read/write only: these files hold credentials (encrypted) and account identifiers. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Write `data` to `path` so that a crash or a full disk leaves either the old file or the new one,
 * never half of each: write a temporary file in the same directory (same filesystem, so rename is
 * atomic), flush it, then rename it over the target.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = PRIVATE_FILE_MODE): Promise<void> {
  await fsp.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // 'wx' fails rather than following a planted file or symlink at the temp name.
    const handle = await fsp.open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open()'s mode is filtered by the umask; chmod makes the result exact whatever the umask.
    await fsp.chmod(temp, mode);
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
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
