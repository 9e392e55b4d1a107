import { promises as fsp } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../../electron/main/atomic-file';
import { tempDir } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dir.remove();
});

describe('writeFileAtomic', () => {
  it('creates the file with mode 0600 whatever the umask', async () => {
    const previous = process.umask(0o000);
    try {
      const file = join(dir.path, 'nested', 'a.json');
      await writeFileAtomic(file, '{"a":1}');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readFile(file, 'utf8')).toBe('{"a":1}');
    } finally {
      process.umask(previous);
    }
  });

  it('writes a temp file beside the target and renames it over, so readers never see half a file', async () => {
    const file = join(dir.path, 'profiles.json');
    await writeFile(file, 'old');
    const seen: { from: string; fromContent: string; targetContent: string }[] = [];
    const realRename = fsp.rename.bind(fsp);
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      seen.push({ from: String(from), fromContent: await readFile(from, 'utf8'), targetContent: await readFile(to, 'utf8') });
      return realRename(from, to);
    });
    await writeFileAtomic(file, 'new');
    expect(seen).toHaveLength(1);
    expect(dirname(seen[0]!.from)).toBe(dir.path);
    expect(seen[0]).toMatchObject({ fromContent: 'new', targetContent: 'old' });
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir.path)).toEqual(['profiles.json']);
  });

  it('leaves the old file intact and no temp file behind when the rename fails', async () => {
    const file = join(dir.path, 'profiles.json');
    await writeFile(file, 'old');
    vi.spyOn(fsp, 'rename').mockRejectedValue(Object.assign(new Error('EXDEV'), { code: 'EXDEV' }));
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow('EXDEV');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir.path)).toEqual(['profiles.json']);
  });
});
