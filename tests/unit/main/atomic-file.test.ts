import fs from 'node:fs';
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
    const realRename = fs.rename.bind(fs);
    // write-file-atomic renames through the callback API.
    vi.spyOn(fs, 'rename').mockImplementation(((from: string, to: string, done: (error: Error | null) => void) => {
      seen.push({ from: String(from), fromContent: fs.readFileSync(from, 'utf8'), targetContent: fs.readFileSync(to, 'utf8') });
      realRename(from, to, done);
    }) as never);
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
    vi.spyOn(fs, 'rename').mockImplementation(((_from: string, _to: string, done: (error: Error | null) => void) =>
      done(Object.assign(new Error('EXDEV'), { code: 'EXDEV' }))) as never);
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow('EXDEV');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir.path)).toEqual(['profiles.json']);
  });

  it('lands writes to one file in the order they were asked for, even when an older one is slower', async () => {
    const file = join(dir.path, 'settings.json');
    const realOpen = fs.open.bind(fs);
    let first = true;
    // The first write's temp file opens late: without the per-file queue it would land last.
    vi.spyOn(fs, 'open').mockImplementation(((...args: Parameters<typeof fs.open>) => {
      const delay = first ? 50 : 0;
      first = false;
      setTimeout(() => (realOpen as (...a: unknown[]) => void)(...args), delay);
    }) as never);
    await Promise.all([writeFileAtomic(file, 'one'), writeFileAtomic(file, 'two'), writeFileAtomic(file, 'three')]);
    expect(await readFile(file, 'utf8')).toBe('three');
  });

  it('makes the folder again when it was removed after the first write', async () => {
    const file = join(dir.path, 'gone', 'a.json');
    await writeFileAtomic(file, 'one');
    await fs.promises.rm(dirname(file), { recursive: true });
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
  });
});
