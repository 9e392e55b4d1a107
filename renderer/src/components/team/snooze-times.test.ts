import { describe, expect, it } from 'vitest';
import { formatWakeUp, parseLocalDateTime, snoozeUntil, toLocalDateTime } from './snooze-times';

/** Local time, as the agent's clock reads it. */
const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi);

describe('snooze presets', () => {
  // Wednesday 2 December 2026, 16:20.
  const wednesday = local(2026, 12, 2, 16, 20);

  it('in 1 hour: an hour from now', () => {
    expect(snoozeUntil('hour', wednesday)).toBe(wednesday.getTime() + 3_600_000);
  });

  it('tomorrow: 9:00 the next day, across a month end too', () => {
    expect(snoozeUntil('tomorrow', wednesday)).toBe(local(2026, 12, 3, 9).getTime());
    expect(snoozeUntil('tomorrow', local(2026, 12, 31, 23, 50))).toBe(local(2027, 1, 1, 9).getTime());
  });

  it('next Monday: 9:00 on the coming Monday; from a Monday, the one a week on; from a Sunday, tomorrow', () => {
    expect(snoozeUntil('monday', wednesday)).toBe(local(2026, 12, 7, 9).getTime());
    expect(snoozeUntil('monday', local(2026, 12, 7, 8, 0))).toBe(local(2026, 12, 14, 9).getTime());
    expect(snoozeUntil('monday', local(2026, 12, 6, 22, 0))).toBe(local(2026, 12, 7, 9).getTime());
  });
});

describe('custom date and time', () => {
  it('reads a datetime-local value in local time and writes one back', () => {
    expect(parseLocalDateTime('2026-12-24T18:30')).toBe(local(2026, 12, 24, 18, 30).getTime());
    expect(toLocalDateTime(local(2026, 3, 5, 7, 4).getTime())).toBe('2026-03-05T07:04');
  });

  it('refuses what is not a date', () => {
    expect(parseLocalDateTime('')).toBeNull();
    expect(parseLocalDateTime('2026-02-31T09:00')).toBeNull();
    expect(parseLocalDateTime('tomorrow')).toBeNull();
  });
});

describe('wake-up times', () => {
  const now = local(2026, 12, 2, 16, 20).getTime();
  it('say today, tomorrow or the day', () => {
    expect(formatWakeUp(local(2026, 12, 2, 17, 20).getTime(), now)).toMatch(/^today at 17:20|^today at 5:20/);
    expect(formatWakeUp(local(2026, 12, 3, 9).getTime(), now)).toMatch(/^tomorrow at 0?9:00/);
    expect(formatWakeUp(local(2026, 12, 7, 9).getTime(), now)).toMatch(/^Mon.*(7.*Dec|Dec.*7) at 0?9:00/);
  });
});
