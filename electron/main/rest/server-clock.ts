/**
 * Twilio's clock as seen through responses' `Date` header. Snooze wake-ups are compared with the
 * server's time, not the desk's (a laptop's clock drifts; the emulator's test clock moves on
 * request), so every action and refresh agrees with the service about what "now" is.
 */
export interface ServerClock {
  /** Notes a response's `Date` header, sent between `sentAt` and `receivedAt` (local ms). */
  observe(dateHeader: unknown, sentAt: number, receivedAt: number): void;
  /** The server's time now (local time while nothing was observed). */
  now(): number;
  /** A local epoch-ms instant in server time. */
  toServer(localMs: number): number;
  /** Server minus local, in ms. */
  offset(): number;
}

export function createServerClock(localNow: () => number = Date.now): ServerClock {
  let skew = 0;
  return {
    observe(dateHeader, sentAt, receivedAt) {
      if (typeof dateHeader !== 'string') return;
      const server = Date.parse(dateHeader);
      if (Number.isNaN(server)) return;
      // The header has one-second resolution: its middle (+500 ms) against the request's middle.
      skew = server + 500 - (sentAt + receivedAt) / 2;
      // Within the header's resolution the local clock is the better one.
      if (Math.abs(skew) <= 1000) skew = 0;
    },
    now: () => localNow() + skew,
    toServer: (localMs) => localMs + skew,
    offset: () => skew,
  };
}
