/**
 * One ceiling on REST requests in flight, shared by every feature of a profile: Twilio throttles
 * per account, so the queue refresh, the actions and later features must not each think they own
 * the budget. AIMD as TCP does it: halve on a 429, grow by one after a full window of successes.
 * Like TCP it halves once per window, not once per 429: requests already in flight when it halved
 * were sent at the old rate, so their 429s say nothing new; only a 429 of a request granted after
 * the halving halves again.
 * Two priority classes: an agent's click (interactive) always goes before queue paging (background),
 * and background work never takes the last free slot (when there are two or more): a click finds
 * one free at once instead of waiting for a campaign's or the queue's request to end.
 */
export type Priority = 'interactive' | 'background';

export interface GovernorOptions {
  initial?: number;
  min?: number;
  max?: number;
  /** How long a refusal's level (Twilio-Concurrent-Requests on a 429) caps growth (default 60 s). */
  refusalMemoryMs?: number;
  now?: () => number;
}

/** Gives a slot back; `ticket` orders it among all slots granted (for `throttled`). */
export interface Release {
  (): void;
  readonly ticket: number;
}

export interface Governor {
  /** Resolves with a release function once a slot is free for this priority. */
  acquire(priority: Priority): Promise<Release>;
  /**
   * A 429 for the request holding `ticket`; without one it always halves. With `concurrent` (the
   * 429's Twilio-Concurrent-Requests) Twilio has said where its limit is: just under that level,
   * so the ceiling steps down by one instead of halving, and does not grow back to the refused
   * level while the refusal is recent.
   */
  throttled(ticket?: number, concurrent?: number): void;
  /** A success; `concurrent` is its Twilio-Concurrent-Requests (the whole account's, other desks included). */
  succeeded(concurrent?: number): void;
  limit(): number;
  inFlight(): number;
  waiting(priority: Priority): number;
}

/** A FIFO with O(1) shift (an array's shift is O(n) for the long background queue). */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export function createGovernor({ initial = 4, min = 1, max = 16, refusalMemoryMs = 60_000, now = Date.now }: GovernorOptions = {}): Governor {
  let ceiling = Math.max(min, Math.min(max, initial));
  /** The account's concurrency Twilio last refused (429) at, and when. */
  let refusedAt = Infinity;
  let refusedTime = -Infinity;
  const refusalLevel = () => (now() - refusedTime < refusalMemoryMs ? refusedAt : Infinity);
  let active = 0;
  let streak = 0;
  let granted = 0;
  /** Tickets below this were granted before the last halving. */
  let fence = 0;
  const queues: Record<Priority, Fifo<() => void>> = { interactive: new Fifo(), background: new Fifo() };

  /** Slots background work may fill: all but one kept for a click, unless there is only one. */
  const backgroundCeiling = () => (ceiling > 1 ? ceiling - 1 : ceiling);
  const pump = () => {
    while (active < ceiling) {
      const next = queues.interactive.shift() ?? (active < backgroundCeiling() ? queues.background.shift() : undefined);
      if (!next) return;
      active++;
      next();
    }
  };

  const releaser = (): Release => {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      active--;
      pump();
    };
    return Object.assign(release, { ticket: granted++ });
  };

  return {
    acquire(priority) {
      return new Promise((resolve) => {
        queues[priority].push(() => resolve(releaser()));
        pump();
      });
    },
    throttled(ticket, concurrent) {
      if (concurrent !== undefined && Number.isFinite(concurrent) && concurrent > 0) {
        refusedAt = Math.min(concurrent, refusalLevel());
        refusedTime = now();
      }
      if (ticket !== undefined && ticket < fence) return;
      const known = concurrent !== undefined && Number.isFinite(concurrent) && concurrent > 0;
      ceiling = Math.max(min, known ? ceiling - 1 : Math.floor(ceiling / 2));
      streak = 0;
      fence = granted;
    },
    succeeded(concurrent) {
      const level = refusalLevel();
      // Twilio counts the whole account (other desks too): at the level it refused before, step
      // back before it refuses again; just under it, hold (no growth into a known 429).
      if (concurrent !== undefined && concurrent >= level) {
        if (streak >= 0 && ceiling > min) {
          ceiling--;
          streak = -ceiling;
        }
        return;
      }
      if (ceiling >= max) return;
      if (concurrent !== undefined && concurrent >= level - 1) return;
      if (ceiling + 1 >= level) return;
      if (++streak >= ceiling) {
        ceiling++;
        streak = 0;
        pump();
      }
    },
    limit: () => ceiling,
    inFlight: () => active,
    waiting: (priority) => queues[priority].size,
  };
}
