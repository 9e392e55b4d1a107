import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiHealth } from '../../../../shared/ipc/team-schema';
import { fakeDesk, resetAll } from '../../test/fakes';
import { ApiHealthLine, HEALTH_POLL_MS } from './ApiHealthLine';

const NONE: ApiHealth = { requestsPerMinute: 0, throttledLastHour: 0, medianDurationMs: null, concurrentRequests: null, concurrencyLimit: 4, lastError: null };
const ok = <T,>(value: T) => ({ ok: true as const, value });

beforeEach(() => {
  resetAll();
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const line = () => document.querySelector('.api-health-line')?.textContent;

describe('API health in Settings', () => {
  it('says so in plain words before any request, then shows the figures as they come, polling while open', async () => {
    const apiHealth = vi
      .fn()
      .mockResolvedValueOnce(ok(NONE))
      .mockResolvedValue(ok({ ...NONE, requestsPerMinute: 12, throttledLastHour: 1, medianDurationMs: 182.4, concurrentRequests: 2, concurrencyLimit: 8 }));
    fakeDesk({ apiHealth });
    const view = render(<ApiHealthLine />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(line()).toBe('No requests to Twilio yet (up to 4 at a time).');
    await act(() => vi.advanceTimersByTimeAsync(HEALTH_POLL_MS));
    expect(line()).toBe('12 requests a minute · 1 slowed down (429) in the last hour · median 182 ms · up to 8 at a time (Twilio counts 2)');
    view.unmount();
    const asked = apiHealth.mock.calls.length;
    await vi.advanceTimersByTimeAsync(HEALTH_POLL_MS * 3);
    expect(apiHealth.mock.calls.length).toBe(asked);
  });

  it('shows the last problem and a failure to ask in words', async () => {
    fakeDesk({ apiHealth: vi.fn().mockResolvedValueOnce(ok({ ...NONE, requestsPerMinute: 1, medianDurationMs: 90, lastError: 'Twilio answered 503' })).mockResolvedValue({ ok: false, error: { code: 'unavailable', message: 'No account is active.' } }) });
    render(<ApiHealthLine />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(line()).toBe('1 request a minute · 0 slowed down (429) in the last hour · median 90 ms · up to 4 at a time');
    expect(screen.getByText('Last problem: Twilio answered 503')).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(HEALTH_POLL_MS));
    expect(line()).toBe('Not available: No account is active.');
  });
});
