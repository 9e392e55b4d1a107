import { describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { dayBoundaries, dayValue, formatDuration, lastDays, parseDay } from './analytics-format';
import { toCsv } from './ChartCard';

describe('analytics calendar and formats', () => {
  it('gives local midnights from the first day through the day after the last, at most a year', () => {
    const days = dayBoundaries('2026-03-01', '2026-03-03');
    expect(days?.map(dayValue)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    expect(days?.every((t) => new Date(t).getHours() === 0)).toBe(true);
    expect(dayBoundaries('2026-03-03', '2026-03-01')).toBeNull();
    expect(dayBoundaries('2020-01-01', '2026-03-01')).toBeNull();
    expect(parseDay('2026-13-01x')).toBeNull();
    const week = lastDays(7, new Date(2026, 10, 29, 15).getTime());
    expect(week).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('formats durations in the desk language and writes CSV with quoting', () => {
    initI18n('fr');
    expect(formatDuration(90 * 60_000)).toBe('1,5 h');
    expect(formatDuration(null)).toBe('—');
    initI18n('en');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(3 * 86_400_000)).toBe('3 d');
    expect(toCsv({ head: ['Campaign', 'Sent'], rows: [['Delay, "urgent"', 3]] })).toBe('Campaign,Sent\r\n"Delay, ""urgent""",3');
  });
});
