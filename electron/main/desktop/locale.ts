/**
 * Main's words (menus, tray, notifications) from the same catalogues as the window
 * (shared/i18n), in the language the settings and the OS choose, looked up at each use so a
 * change in Settings applies to the next notification without restarting anything.
 */
import type { TFunction } from 'i18next';
import { resolveLanguage, type Language, type LanguageSetting } from '../../../shared/i18n/languages';
import { createTranslator } from '../../../shared/i18n/translator';

export type Translate = TFunction;
type Loose = (key: string, options?: object) => string;

const translator = createTranslator('en');

/** English: the default for modules used without a locale (unit tests, before settings load). */
export const english: Translate = translator.getFixedT('en');

export interface MainLocaleDeps {
  /** The Settings choice ("system", "en", …). */
  setting: () => LanguageSetting;
  /** Electron: app.getPreferredSystemLanguages(), then app.getLocale(). */
  systemLanguages: () => readonly string[];
}

export function createMainLocale({ setting, systemLanguages }: MainLocaleDeps) {
  const language = (): Language => resolveLanguage(setting(), systemLanguages());
  // Resolved per call, not fixed: cheap (a lookup), and never stale after a Settings change.
  const t = ((key: string, options?: object) => (translator.getFixedT(language()) as unknown as Loose)(key, options)) as unknown as Translate;
  return { language, t };
}
