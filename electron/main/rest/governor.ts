/**
 * One ceiling on REST requests in flight, shared by every feature of a profile: Twilio throttles
 * per account, so the queue refresh, the actions and later features must not each think they own
 * the budget. AIMD as TCP does it: halve on a 429, grow by one after a full window of successes.
 * Two priority classes: an agent's click (interactive) always goes before queue paging (background).
 */
export type Priority = 'interactive' | 'background';

export interface GovernorOptions {
  initial?: number;
  min?: number;
  max?: number;
}

export interface Governor {
  /** Resolves with a release function once a slot is free for this priority. */
  acquire(priority: Priority): Promise<() => void>;
  throttled(): void;
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
  const queues: Record<Priority, Fifo<() => void>> = { interactive: new Fifo(), background: new Fifo() };

  const pump = () => {
    while (active < ceiling) {
      const next = queues.interactive.shift() ?? queues.background.shift();
      if (!next) return;
      active++;
      next();
    }
  };

  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      pump();
    };
  };

  return {
    acquire(priority) {
      return new Promise((resolve) => {
        queues[priority].push(() => resolve(releaser()));
        pump();
      });
    },
    throttled() {
      ceiling = Math.max(min, Math.floor(ceiling / 2));
      streak = 0;
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
