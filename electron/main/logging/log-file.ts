import { existsSync, renameSync, rmSync } from 'node:fs';
import type Logger from 'electron-log';
import { join } from 'node:path';
import { redactValue } from './redact';

/** How many older files are kept beside main.log (main.1.log is the newest of them). */
export const KEPT_LOG_FILES = 3;
export const MAX_LOG_BYTES = 2 * 1024 * 1024;

export const logFilePath = (userDataDir: string) => join(userDataDir, 'logs', 'main.log');
export const archivedLogPath = (file: string, n: number) => file.replace(/\.log$/, `.${n}.log`);

/** main.log → main.1.log → main.2.log …; the oldest beyond `keep` is deleted. Synchronous: electron-log calls it mid-write. */
export function rotateLogFiles(file: string, keep = KEPT_LOG_FILES): void {
  rmSync(archivedLogPath(file, keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    const from = archivedLogPath(file, n);
    if (existsSync(from)) renameSync(from, archivedLogPath(file, n + 1));
  }
  if (existsSync(file)) renameSync(file, archivedLogPath(file, 1));
}

/** The parts of electron-log's logger configured here (the real one satisfies it). */
export interface ConfigurableLog {
  hooks: Logger.Hook[];
  transports: { file: Pick<Logger.FileTransport, 'resolvePathFn' | 'maxSize' | 'archiveLogFn'> };
}

/**
 * Writes to `<userData>/logs/main.log`, rotating at 2 MB through three older files, and passes
 * every message of every transport (file and console) through redaction first: whatever a module
 * logs, no API key secret, token or Authorization header reaches the disk.
 */
export function configureLogFile(log: ConfigurableLog, { userDataDir, knownSecrets }: { userDataDir: string; knownSecrets: () => readonly string[] }): string {
  const file = logFilePath(userDataDir);
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.archiveLogFn = (old) => rotateLogFiles(old.path);
  log.hooks.push((message) => ({ ...message, data: message.data.map((item) => redactValue(item, knownSecrets())) }));
  return file;
}
