/**
 * Background SDK reads with a cap on how many are in flight. Each read opens Sync objects over
 * the one twilsock connection; thousands at once (one per conversation at startup) queue ahead
 * of whatever the agent is waiting for, such as the thread they just opened. Keys are unique;
 * `bump` moves a queued key to the front (a row just scrolled into view).
 */
export class WorkQueue {
  private readonly queued = new Map<string, () => Promise<unknown>>();
  private readonly urgent = new Set<string>();
  private running = 0;
  private stopped = false;
  private heldUntil = 0;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly concurrency: number) {}

  add(key: string, task: () => Promise<unknown>, front = false): void {
    if (this.stopped) return;
    this.queued.set(key, task);
    if (front) this.urgent.add(key);
    this.pump();
  }

  has(key: string): boolean {
    return this.queued.has(key);
  }

  bump(key: string): void {
    if (this.queued.has(key)) this.urgent.add(key);
    this.pump();
  }

  /** Runs only urgent (bumped or front) tasks for the next `ms`: the rest waits for a lull. */
  holdFor(ms: number): void {
    this.heldUntil = Date.now() + ms;
    clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => this.pump(), ms);
  }

  delete(key: string): void {
    this.queued.delete(key);
    this.urgent.delete(key);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.holdTimer);
    this.queued.clear();
    this.urgent.clear();
  }

  private next(): [string, () => Promise<unknown>] | undefined {
    for (const key of this.urgent) {
      this.urgent.delete(key);
      const task = this.queued.get(key);
      if (task) return [key, task];
    }
    const heldFor = this.heldUntil - Date.now();
    if (heldFor > 0) {
      // The hold's timer can fire a millisecond before Date.now() reaches heldUntil: without
      // re-arming it, the queue would then wait for the next add or bump, maybe forever.
      clearTimeout(this.holdTimer);
      this.holdTimer = setTimeout(() => this.pump(), heldFor);
      return undefined;
    }
    const first = this.queued.entries().next();
    return first.done ? undefined : first.value;
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency) {
      const item = this.next();
      if (!item) return;
      const [key, task] = item;
      this.queued.delete(key);
      this.running++;
      void task()
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}
