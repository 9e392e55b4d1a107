/**
 * One ceiling on REST requests in flight, shared by every feature of a profile: Twilio throttles
 * per account, so the queue refresh, the actions and later features must not each think they own
 * the budget. AIMD as TCP does it: halve on a 429, grow by one after a full window of successes.
 * Like TCP it halves once per window, not once per 429: requests already in flight when it halved
 * were sent at the old rate, so their 429s say nothing new; only a 429 of a request granted after
 * the halving halves again.
 * Two priority classes: an agent's click (interactive) always goes before queue paging (background).
 */
export type Priority = 'interactive' | 'background';

export interface GovernorOptions {
  initial?: number;
  min?: number;
  max?: number;
}

/** Gives a slot back; `ticket` orders it among all slots granted (for `throttled`). */
export interface Release {
  (): void;
  readonly ticket: number;
}

export interface Governor {
  /** Resolves with a release function once a slot is free for this priority. */
  acquire(priority: Priority): Promise<Release>;
  /** A 429 for the request holding `ticket`; without one it always halves. */
  throttled(ticket?: number): void;
  succeeded(): void;
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

export function createGovernor({ initial = 4, min = 1, max = 16 }: GovernorOptions = {}): Governor {
  let ceiling = Math.max(min, Math.min(max, initial));
  let active = 0;
  let streak = 0;
  let granted = 0;
  /** Tickets below this were granted before the last halving. */
  let fence = 0;
  const queues: Record<Priority, Fifo<() => void>> = { interactive: new Fifo(), background: new Fifo() };

  const pump = () => {
    while (active < ceiling) {
      const next = queues.interactive.shift() ?? queues.background.shift();
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
    throttled(ticket) {
      if (ticket !== undefined && ticket < fence) return;
      ceiling = Math.max(min, Math.floor(ceiling / 2));
      streak = 0;
      fence = granted;
    },
    succeeded() {
      if (ceiling >= max) return;
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
