/**
 * i18next set up the one way both processes use it: resources bundled (no loading, so `init` is
 * synchronous), English as the fallback, no HTML escaping (React and native menus escape for us).
 */
import i18next, { type i18n, type InitOptions, type TFunction } from 'i18next';
import { resources } from './catalogues';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages';

export const baseOptions = (lng: Language): InitOptions => ({
  lng,
  resources,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // Bundled resources: init finishes before it returns, so the first render already has text.
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** A standalone instance (main): `t` for one language, changed with `changeLanguage`. */
export function createTranslator(lng: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init(baseOptions(lng));
  return instance;
}

/** A `t` function: the window's `i18n.t`, main's locale-following `t`, or English. */
export type Translate = TFunction;

let englishInstance: i18n | null = null;

/**
 * English, for shared code called without a translator (unit tests, the emulator). Made on first
 * use so that importing shared/domain costs nothing.
 */
export const englishT: Translate = ((key: string, options?: object) => {
  englishInstance ??= createTranslator('en');
  return (englishInstance.t as unknown as (key: string, options?: object) => string)(key, options);
}) as unknown as Translate;
