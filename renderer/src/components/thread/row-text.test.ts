import { afterEach, describe, expect, it } from 'vitest';
import { i18n, initI18n, localeState, setLocale } from '../../i18n';
import { formatClock, sameDay } from '../common/format';
import { nearTop, PREFETCH_ROWS } from './MessageList';
import { clockText, fixedText, localeKey, sameLocalDay, valueText } from './row-text';

afterEach(() => initI18n('en', 'en'));

describe('row texts', () => {
  it('follow the language: a text looked up in English is looked up again in French', () => {
    initI18n('en', 'en');
    const before = localeKey();
    expect(fixedText('common.edited')).toBe('(edited)');
    initI18n('fr', 'fr');
    expect(localeKey()).not.toBe(before);
    expect(fixedText('common.edited')).toBe('(modifié)');
  });

  it('format a time as formatClock does, and again after the clock setting changes', () => {
    initI18n('en', 'en');
    const t = Date.UTC(2026, 0, 5, 15, 7, 30);
    setLocale({ ...localeState(), clock: '24h' });
    expect(clockText(t)).toBe(formatClock(t));
    setLocale({ ...localeState(), clock: '12h' });
    expect(clockText(t)).toBe(formatClock(t));
    expect(clockText(null)).toBe('');
  });

  it('fill in values as i18next does, per language, and never mix up two values', () => {
    initI18n('en', 'en');
    const a = valueText('thread.messageBy', { author: 'Ana', time: '14:05' });
    expect(a).toBe(i18n.t('thread.messageBy', { author: 'Ana', time: '14:05' }));
    expect(valueText('thread.messageBy', { author: 'Bo', time: '14:05' })).toBe(i18n.t('thread.messageBy', { author: 'Bo', time: '14:05' }));
    expect(valueText('thread.messageBy', { author: 'Ana', time: '14:05' })).toBe(a);
    initI18n('fr', 'fr');
    expect(valueText('thread.messageBy', { author: 'Ana', time: '14:05' })).toBe(i18n.t('thread.messageBy', { author: 'Ana', time: '14:05' }));
    expect(valueText('thread.messageBy', { author: 'Ana', time: '14:05' })).not.toBe(a);
  });

  it('tell same local days apart as sameDay does, around midnight too', () => {
    const midnight = new Date(2026, 2, 14, 0, 0, 0, 0).getTime();
    const times = [midnight - 60_000, midnight - 1, midnight, midnight + 1, midnight + 14 * 60_000, midnight + 86_400_000 - 1, midnight + 86_400_000];
    for (const a of times) for (const b of times) expect(sameLocalDay(a, b)).toBe(sameDay(a, b));
    expect(sameLocalDay(null, midnight)).toBe(false);
  });
});

describe('prefetching older history', () => {
  it('asks for the next page while the top of the screen is less than a page from the oldest loaded message', () => {
    const first = 1_000_000 - 60;
    expect(nearTop(first, first)).toBe(true);
    expect(nearTop(first + PREFETCH_ROWS - 1, first)).toBe(true);
    expect(nearTop(first + PREFETCH_ROWS, first)).toBe(false);
  });
});
