/**
 * The window's i18next instance (react-i18next's default, so `useTranslation()` needs no
 * provider) and the clock preference that date formatting reads. Language and clock change
 * together through `setLocale`; both re-render every component that called `useTranslation`.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { baseOptions } from '../../../shared/i18n/translator';
import { type ClockSetting, type Language, matchLanguage } from '../../../shared/i18n/languages';

export { useTranslation } from 'react-i18next';
export const i18n = i18next;

/** An i18next event of our own: the clock changed, so times must be formatted again. */
const CLOCK_CHANGED = 'clockChanged';
/** The i18next events after which translated text and formatted times must render again. */
export const RERENDER_EVENTS = `languageChanged ${CLOCK_CHANGED}`;

export interface LocaleState {
  language: Language;
  /** BCP 47 tag for Intl (dates, times): the OS's own variant of the language when it has one ("en-GB", "es-MX"). */
  formatLocale: string;
  clock: ClockSetting;
}

let current: LocaleState = { language: 'en', formatLocale: 'en', clock: 'system' };

export const localeState = (): LocaleState => current;

/** Synchronous (resources are bundled): call once before the first render. */
export function initI18n(language: Language = matchLanguage(browserLanguages()), formatLocale: string = language): void {
  current = { ...current, language, formatLocale };
  // Screen readers pick their voice, and CSS its :lang() rules, from <html lang>.
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  if (i18n.isInitialized) {
    void i18n.changeLanguage(language);
    return;
  }
  void i18n.use(initReactI18next).init({
    ...baseOptions(language),
    // Components bound to our clock event re-render when only the 12/24-hour setting changes.
    react: { bindI18n: RERENDER_EVENTS, useSuspense: false },
  });
}

export function setLocale(next: LocaleState): void {
  const before = current;
  current = next;
  if (next.language !== i18n.language) void i18n.changeLanguage(next.language);
  else if (next.clock !== before.clock || next.formatLocale !== before.formatLocale) i18n.emit(CLOCK_CHANGED);
  document.documentElement.lang = next.language;
}

export function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
}
