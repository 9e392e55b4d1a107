import type { ApiHealth } from '../../../shared/ipc/team-schema';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Durations kept for the median: enough to be stable, bounded whatever the traffic. */
const DURATION_SAMPLES = 200;

/** What the shared REST client has seen, for Settings' "API health" line. Memory is bounded. */
export interface ApiHealthRecorder {
  request(at: number, durationMs: number, status: number, headers: Record<string, unknown>): void;
  error(message: string): void;
  snapshot(now: number, concurrencyLimit: number): ApiHealth;
}

export function createApiHealthRecorder(): ApiHealthRecorder {
  let starts: number[] = [];
  let throttles: number[] = [];
  const durations: number[] = [];
  let concurrent: number | null = null;
  let lastError: string | null = null;

  const prune = (list: number[], since: number) => {
    let i = 0;
    while (i < list.length && (list[i] as number) < since) i++;
    return i === 0 ? list : list.slice(i);
  };

  return {
    request(at, durationMs, status, headers) {
      starts.push(at);
      if (starts.length > 4096) starts = prune(starts, at - MINUTE);
      if (status === 429) {
        throttles.push(at);
        if (throttles.length > 4096) throttles = prune(throttles, at - HOUR);
      }
      // Twilio's own figure (seconds) is the server's time; without it, the round trip.
      const twilioSeconds = Number(headers['twilio-request-duration']);
      durations.push(Number.isFinite(twilioSeconds) && headers['twilio-request-duration'] !== undefined ? twilioSeconds * 1000 : durationMs);
      if (durations.length > DURATION_SAMPLES) durations.shift();
      const header = headers['twilio-concurrent-requests'];
      if (header !== undefined && header !== null && /^\d+$/.test(String(header))) concurrent = Number(header);
    },
    error(message) {
      lastError = message.slice(0, 500);
    },
    snapshot(now, concurrencyLimit) {
      starts = prune(starts, now - MINUTE);
      throttles = prune(throttles, now - HOUR);
      const sorted = [...durations].sort((a, b) => a - b);
      const median = sorted.length === 0 ? null : sorted.length % 2 ? (sorted[(sorted.length - 1) / 2] as number) : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;
      return {
        requestsPerMinute: starts.length,
        throttledLastHour: throttles.length,
        medianDurationMs: median === null ? null : Math.round(median * 10) / 10,
        concurrentRequests: concurrent,
        concurrencyLimit,
        lastError,
      };
    },
  };
}
