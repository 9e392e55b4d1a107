import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Logger from 'electron-log';
import { describe, expect, it } from 'vitest';
import { configureLogFile, logFilePath, rotateLogFiles } from '../../../../electron/main/logging/log-file';
import { SECRET, tempDir } from '../fakes';

describe('rotateLogFiles', () => {
  it('shifts main.log → main.1.log → … and drops the oldest beyond three', async () => {
    const dir = await tempDir();
    const file = join(dir.path, 'main.log');
    for (const [name, text] of [['main.log', 'now'], ['main.1.log', 'one'], ['main.2.log', 'two'], ['main.3.log', 'three']]) {
      await writeFile(join(dir.path, name as string), text as string);
    }
    rotateLogFiles(file);
    expect((await readdir(dir.path)).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log']);
    expect(await readFile(join(dir.path, 'main.1.log'), 'utf8')).toBe('now');
    expect(await readFile(join(dir.path, 'main.3.log'), 'utf8')).toBe('two');
    await dir.remove();
  });
});

describe('configureLogFile', () => {
  it('writes under userData/logs, rotates at a size limit and redacts every message', () => {
    const log = {
      hooks: [] as Logger.Hook[],
      transports: { file: { resolvePathFn: () => '', maxSize: 0, archiveLogFn: () => {} } },
    };
    const path = configureLogFile(log, { userDataDir: '/home/agent/.config/Conversations Desk', knownSecrets: () => [SECRET] });
    expect(path).toBe(logFilePath('/home/agent/.config/Conversations Desk'));
    expect((log.transports.file.resolvePathFn as (v: unknown) => string)({})).toBe(path);
    expect(log.transports.file.maxSize).toBeGreaterThan(0);

    const message = { date: new Date(), level: 'info' as const, data: [`test failed for ${SECRET}`, { apiKeySecret: SECRET }, 'Authorization: Bearer abc.def.ghi'] };
    const out = log.hooks.reduce<Logger.LogMessage | false>((m, hook) => (m ? hook(m, {} as never, 'file') : m), message);
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(JSON.stringify(out)).not.toContain('abc.def.ghi');
  });
});
