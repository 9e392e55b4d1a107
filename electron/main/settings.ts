import { settingsSchema, type Settings, type SettingsPatch } from '../../shared/ipc/contract';
import { readFileIfExists, writeFileAtomic } from './atomic-file';

export const DEFAULT_SETTINGS: Settings = {
  notifications: true,
  hideContent: false,
  sound: true,
  doNotDisturb: false,
  closeToTray: true,
  language: 'system',
  clock: 'system',
};

export interface SettingsStore {
  /** Resolves once the file has been read (defaults until then). */
  loaded: Promise<void>;
  /** Synchronous: notification decisions are made per message and must not wait on the disk. */
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
  subscribe(listener: (settings: Settings) => void): () => void;
}

export interface SettingsStoreDeps {
  /** e.g. `<userData>/settings.json`. */
  file: string;
  log?: (line: string) => void;
}

/**
 * Starts reading the file at once (services are built synchronously); a missing or damaged file means defaults (settings are preferences, not
 * data worth refusing to start over). Unknown or invalid fields fall back one by one, so a file
 * written by a newer version keeps what this version understands.
 */
export function createSettingsStore({ file, log = () => {} }: SettingsStoreDeps): SettingsStore {
  let current = { ...DEFAULT_SETTINGS };
  const loaded = readFileIfExists(file)
    .then((bytes) => {
      if (bytes) current = mergeKnown(JSON.parse(bytes.toString('utf8')));
    })
    .catch((error: unknown) => log(`settings: ${file} is unreadable, using defaults: ${(error as Error).message}`));

  const listeners = new Set<(settings: Settings) => void>();

  return {
    loaded,
    get: () => ({ ...current }),
    async update(patch) {
      await loaded;
      current = settingsSchema.parse({ ...current, ...patch });
      const snapshot = { ...current };
      // Two quick toggles land on disk in the order they were made: writeFileAtomic keeps writes
      // to one file in call order (and a failed one does not block the next).
      await writeFileAtomic(file, `${JSON.stringify(snapshot, null, 2)}\n`);
      for (const listener of listeners) listener({ ...snapshot });
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function mergeKnown(raw: unknown): Settings {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (raw && typeof raw === 'object') {
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const value = (raw as Record<string, unknown>)[key];
      if (settingsSchema.shape[key].safeParse(value).success) merged[key] = value;
    }
  }
  return settingsSchema.parse(merged);
}
