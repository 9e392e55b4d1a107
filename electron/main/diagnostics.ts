import { readFile } from 'node:fs/promises';
import type { ProfileSummary, Settings } from '../../shared/ipc/contract';
import { writeFileAtomic } from './atomic-file';
import { archivedLogPath } from './logging/log-file';
import { redact } from './logging/redact';

export interface DiagnosticsFacts {
  appVersion: string;
  electronVersion: string;
  chromeVersion: string;
  platform: string;
  arch: string;
  osRelease: string;
  settings: Settings;
  profiles: ProfileSummary[];
  /** The most recent log text (current file, preceded by the previous one). */
  log: string;
}

// Enough to see the last few sessions, small enough to attach to a support ticket.
const MAX_LOG_CHARS = 512 * 1024;

/**
 * A plain-text bundle for a support ticket. Profiles keep names and SIDs (needed to look at the
 * account) but lose the secret hint; the whole text is redacted once more at the end, so even a
 * secret that slipped into the log before redaction existed does not leave the machine.
 */
export function buildDiagnosticsBundle(facts: DiagnosticsFacts, knownSecrets: readonly string[] = [], generatedAt = new Date()): string {
  const profiles = facts.profiles.map(({ secretHint: _hint, ...rest }) => rest);
  const log = facts.log.length > MAX_LOG_CHARS ? facts.log.slice(-MAX_LOG_CHARS) : facts.log;
  const text = [
    'Conversations Desk diagnostics',
    `Generated: ${generatedAt.toISOString()}`,
    '',
    '## Application',
    `Version: ${facts.appVersion}`,
    `Electron: ${facts.electronVersion} (Chromium ${facts.chromeVersion})`,
    `Platform: ${facts.platform} ${facts.arch} ${facts.osRelease}`,
    '',
    '## Settings',
    JSON.stringify(facts.settings, null, 2),
    '',
    '## Profiles (without secrets)',
    JSON.stringify(profiles, null, 2),
    '',
    '## Recent log',
    log,
    '',
  ].join('\n');
  return redact(text, knownSecrets);
}

/** The current log file preceded by the one before it; missing files are simply empty. */
export async function readRecentLog(file: string): Promise<string> {
  const read = (path: string) => readFile(path, 'utf8').catch(() => '');
  const [previous, current] = await Promise.all([read(archivedLogPath(file, 1)), read(file)]);
  return `${previous}${current}`;
}

export interface SaveDialogLike {
  showSaveDialog(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface ExportDeps {
  dialog: SaveDialogLike;
  /** Where the dialog starts, e.g. `<Downloads>/conversations-desk-diagnostics-<date>.txt`. */
  defaultPath: string;
  collect: () => Promise<DiagnosticsFacts>;
  knownSecrets: () => readonly string[];
  write?: (path: string, text: string) => Promise<void>;
}

/** Asks where to save, then writes the bundle there; cancelling is not an error. */
export async function exportDiagnostics(deps: ExportDeps): Promise<{ saved: boolean; path: string | null }> {
  const choice = await deps.dialog.showSaveDialog({
    title: 'Export diagnostics',
    defaultPath: deps.defaultPath,
    filters: [{ name: 'Text', extensions: ['txt'] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: false, path: null };
  const text = buildDiagnosticsBundle(await deps.collect(), deps.knownSecrets());
  // 0600: the bundle names accounts and customers' numbers even without secrets.
  await (deps.write ?? ((path, data) => writeFileAtomic(path, data)))(choice.filePath, text);
  return { saved: true, path: choice.filePath };
}
