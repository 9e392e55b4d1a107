/** The parts of electron-updater's autoUpdater used here. */
export interface UpdaterLike {
  logger: unknown;
  autoDownload: boolean;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error' | 'update-downloaded', listener: (arg: unknown) => void): unknown;
}

export interface AutoUpdateDeps {
  updater: () => UpdaterLike;
  isPackaged: boolean;
  /** electron-builder writes app-update.yml into resources only when `publish` is configured. */
  hasPublishConfig: () => boolean;
  logger: unknown;
  log: (line: string) => void;
  /** Period between checks; the returned stop() clears it. */
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export type AutoUpdateState = { running: true; stop: () => void } | { running: false; reason: 'development' | 'no-publish-target' };

/**
 * Checks for updates on start and every few hours, but only in a packaged build that has a
 * publish target: development runs and unpublished builds have nowhere to look and would only
 * log errors. The updater is created lazily so it is never constructed when unused.
 */
export function startAutoUpdates(deps: AutoUpdateDeps): AutoUpdateState {
  if (!deps.isPackaged) return { running: false, reason: 'development' };
  if (!deps.hasPublishConfig()) return { running: false, reason: 'no-publish-target' };
  const updater = deps.updater();
  updater.logger = deps.logger;
  updater.autoDownload = true;
  updater.on('error', (error) => deps.log(`updater: ${error instanceof Error ? error.message : String(error)}`));
  updater.on('update-downloaded', () => deps.log('updater: update downloaded; it installs on quit'));
  const check = () => {
    updater.checkForUpdatesAndNotify().catch((error: unknown) => deps.log(`updater: check failed: ${(error as Error).message}`));
  };
  check();
  const every = deps.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const clear = deps.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout));
  const handle = every(check, deps.intervalMs ?? 6 * 60 * 60 * 1000);
  return { running: true, stop: () => clear(handle) };
}
