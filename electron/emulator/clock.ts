import type { Collection, Db } from './store/db';

interface ClockRecord {
  offsetMs: number;
}

const KEY = 'clock';

/**
 * The emulator's time: real time plus an offset that only moves forward (`POST /emulator/clock`,
 * for tests; not Twilio's). Every date the emulator stamps on a resource, every conversation timer
 * and the HTTP `Date` header read this clock, so a test that moves it sees timers fire and new
 * dates follow, and a client deriving server time from `Date` agrees with the resources' dates.
 * Token expiry and transport timeouts stay on real time: they guard connections, not data.
 *
 * The offset is stored with the rest of the state, so dates stamped before a restart are never in
 * the restarted emulator's future.
 */
export class EmulatorClock {
  private offsetMs: number;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Collection<ClockRecord> | null = null,
    private readonly realNow: () => number = Date.now,
  ) {
    const saved = store?.get(KEY)?.offsetMs;
    this.offsetMs = typeof saved === 'number' && Number.isFinite(saved) && saved > 0 ? saved : 0;
  }

  /** The persisted clock of an emulator's state. */
  static of(db: Db): EmulatorClock {
    return new EmulatorClock(db.collection<ClockRecord>('emulatorClock'));
  }

  /** Milliseconds since the epoch, on the emulator's time. */
  now(): number {
    return this.realNow() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  /** Moves time forward; listeners (conversation timers) run what fell due, before this returns. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('The clock only moves forward');
    if (seconds === 0) return;
    this.offsetMs += Math.round(seconds * 1000);
    this.store?.put(KEY, { offsetMs: this.offsetMs });
    for (const l of [...this.listeners]) l();
  }

  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
