/**
 * Keeps the window's language and clock in step with main's settings. The first paint must not
 * wait for IPC, so it uses the locale this window resolved last time (a hint in localStorage),
 * else the browser's languages; main's answer then corrects it if needed.
 */
import type { Settings } from '../../../shared/ipc/contract';
import { CLOCK_SETTINGS, LANGUAGES, formatLocaleFor, matchLanguage, resolveLanguage, type Language } from '../../../shared/i18n/languages';
import { getDesk, hasDesk } from '../platform/desk';
import { browserLanguages, initI18n, setLocale, type LocaleState } from '.';

const HINT_KEY = 'desk.locale';

let systemLanguages: readonly string[] = [];

/** The OS's languages as main reported them, else the browser's. */
export const preferredLanguages = (): readonly string[] => (systemLanguages.length > 0 ? systemLanguages : browserLanguages());

/** What "System" means right now, for the Settings label. */
export const systemLanguage = (): Language => matchLanguage(preferredLanguages());

export function localeFromSettings(settings: Pick<Settings, 'language' | 'clock'>, preferred: readonly string[]): LocaleState {
  const language = resolveLanguage(settings.language, preferred);
  return { language, formatLocale: formatLocaleFor(language, preferred), clock: settings.clock };
}

function readHint(): LocaleState | null {
  try {
    const raw = JSON.parse(localStorage.getItem(HINT_KEY) ?? 'null') as Partial<LocaleState> | null;
    if (!raw || !(LANGUAGES as readonly unknown[]).includes(raw.language) || !(CLOCK_SETTINGS as readonly unknown[]).includes(raw.clock)) return null;
    if (typeof raw.formatLocale !== 'string') return null;
    return raw as LocaleState;
  } catch {
    return null;
  }
}

export function applySettings(settings: Pick<Settings, 'language' | 'clock'>): void {
  const next = localeFromSettings(settings, preferredLanguages());
  setLocale(next);
  try {
    localStorage.setItem(HINT_KEY, JSON.stringify(next));
  } catch {
    // A full or disabled localStorage only costs the next launch one repaint.
  }
}

/** Call once before the first render; returns the teardown of the settings subscription. */
export function startLocale(): () => void {
  const hint = readHint();
  const fallback = matchLanguage(browserLanguages());
  initI18n(hint?.language ?? fallback, hint?.formatLocale ?? formatLocaleFor(fallback, browserLanguages()));
  if (hint) setLocale(hint);
  if (!hasDesk()) return () => undefined;
  const desk = getDesk();
  let live = true;
  void Promise.all([desk.systemLanguages(), desk.getSettings()])
    .then(([languages, settings]) => {
      if (!live) return;
      if (languages.ok) systemLanguages = languages.value.languages;
      if (settings.ok) applySettings(settings.value);
    })
    .catch(() => undefined);
  const off = desk.onSettingsChanged(({ settings }) => applySettings(settings));
  return () => {
    live = false;
    off();
  };
}
