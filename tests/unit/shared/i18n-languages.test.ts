import { describe, expect, it } from 'vitest';
import { formatLocaleFor, hourCycleOptions, matchLanguage, resolveLanguage } from '../../../shared/i18n/languages';

describe('language choice', () => {
  it('takes the first OS language the desk ships, by primary subtag, else English', () => {
    expect(matchLanguage(['fr-CA', 'es-ES'])).toBe('fr');
    expect(matchLanguage(['de-DE', 'es_MX'])).toBe('es');
    expect(matchLanguage(['ja-JP'])).toBe('en');
    expect(matchLanguage([])).toBe('en');
  });

  it('lets a Settings override win over the OS', () => {
    expect(resolveLanguage('es', ['fr-FR'])).toBe('es');
    expect(resolveLanguage('system', ['fr-FR'])).toBe('fr');
  });

  it('formats in the OS’s regional variant of the chosen language, when it has one', () => {
    expect(formatLocaleFor('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(formatLocaleFor('es', ['en_US', 'es_MX'])).toBe('es-MX');
    expect(formatLocaleFor('fr', ['en-US'])).toBe('fr');
    expect(formatLocaleFor('en', ['en-US.UTF-8 garbage', 'C'])).toBe('en');
  });

  it('writes 14:05 or 2:05 PM as the clock setting asks', () => {
    const at = new Date(2026, 2, 3, 14, 5).getTime();
    const clock = (locale: string, setting: Parameters<typeof hourCycleOptions>[0]) =>
      new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', ...hourCycleOptions(setting) }).format(at);
    expect(clock('en-US', 'system')).toBe('2:05 PM');
    expect(clock('en-US', '24h')).toBe('14:05');
    expect(clock('en-GB', 'system')).toBe('14:05');
    expect(clock('en-GB', '12h')).toMatch(/^2:05\s?pm$/i);
    expect(clock('fr', '12h')).toMatch(/^2:05\s?PM$/);
    // Midnight stays 00:05 in 24-hour mode, never 24:05.
    expect(new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', ...hourCycleOptions('24h') }).format(new Date(2026, 2, 3, 0, 5))).toBe('00:05');
  });
});
