/**
 * Which languages the desk speaks and how a setting plus the OS's preferences pick one. Pure and
 * shared: main resolves the language for its menus and notifications the same way the window does.
 */
export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The Settings choice: follow the operating system, or one language. */
export const LANGUAGE_SETTINGS = ['system', ...LANGUAGES] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** 12/24-hour clock: the locale's own habit, or forced either way. */
export const CLOCK_SETTINGS = ['system', '12h', '24h'] as const;
export type ClockSetting = (typeof CLOCK_SETTINGS)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language named in itself, so someone who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español', fr: 'Français' };

const isLanguage = (code: string): code is Language => (LANGUAGES as readonly string[]).includes(code);

/**
 * The first of the OS's preferred languages (BCP 47 tags such as "es-MX", "fr_CA", "pt-BR") that
 * the desk has, by primary subtag; English when none is.
 */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

export function resolveLanguage(setting: LanguageSetting, systemLanguages: readonly string[]): Language {
  return setting === 'system' ? matchLanguage(systemLanguages) : setting;
}

/**
 * Intl options for the clock setting. `hourCycle: 'h23'` rather than `hour12: false`: the latter
 * lets some engines print midnight as "24:00".
 */
export function hourCycleOptions(clock: ClockSetting): Pick<Intl.DateTimeFormatOptions, 'hour12' | 'hourCycle'> {
  if (clock === '12h') return { hour12: true };
  if (clock === '24h') return { hourCycle: 'h23' };
  return {};
}

/**
 * The tag dates and times are written in: the user's own regional variant of the chosen language
 * when their OS lists one ("en-GB" writes "14:05", "en-US" writes "2:05 PM"), else the language.
 */
export function formatLocaleFor(language: Language, preferred: readonly string[]): string {
  for (const tag of preferred) {
    const normalized = tag.replace(/_/g, '-');
    if (normalized.toLowerCase().split('-')[0] !== language) continue;
    try {
      return Intl.getCanonicalLocales(normalized)[0] ?? language;
    } catch {
      // Not a well-formed tag (e.g. "C" or "en-US.UTF-8"): skip it.
    }
  }
  return language;
}
