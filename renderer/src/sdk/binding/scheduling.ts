/**
 * When SDK results reach the store, and when background reads run. Conversations, rosters and
 * previews arrive by the thousand at startup: they are collected and applied in one store update
 * per frame, and the reads behind them (rosters, previews) run a few at a time. Both give way to
 * the agent's input.
 */
import { batchSize, emptyBatch, type StoreBatch } from '../../store/batch-slice';
import type { LastMessagePreview } from '../../store/types';
import { WorkQueue } from '../work-queue';

/** Roster and preview reads in flight at once (each opens a Sync object over the one socket). */
export const BACKGROUND_CONCURRENCY = 6;
/**
 * While the SDK is still announcing conversations (thousands at startup, each opening its Sync
 * objects), background reads wait: they would compete with it for the socket and the CPU.
 */
export const BURST_QUIET_MS = 300;
/**
 * After a key press, click or scroll, background reads pause this long, and so do batched store updates
 * (thousands of conversations or rosters copied at once): the agent's keystroke or thread open
 * should not queue behind them. Messages, typing and removals still apply at once.
 */
const INPUT_QUIET_MS = 400;
/** Longest batched store updates wait for input to pause. */
const MAX_INPUT_HOLD_MS = 1_000;
/** A batched store update that took t ms is followed by at least 4·t ms without one. */
const FLUSH_BUDGET_FACTOR = 4;
/** Longest a batched store update waits when frames don't come (hidden window). */
const FLUSH_FALLBACK_MS = 50;

export interface StoreBatcher {
  /** What is collected for the next update; add to it, then call schedule(). */
  readonly batch: StoreBatch;
  schedule(): void;
  /** Applies what is collected now (before an event that must keep its order with it). */
  flush(): void;
  /** A handler that flushes first, so events that apply at once keep their order. */
  now<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  queuePreview(sid: string, preview: LastMessagePreview | null): void;
  /** A chat user's friendly name (null: none), applied with the next batched update. */
  queueUserName(identity: string, name: string | null): void;
  /** The preview as the store will have it after the collected batch. */
  shownPreview(sid: string, stored: LastMessagePreview | null | undefined): LastMessagePreview | null | undefined;
  /** The agent pressed a key, clicked or scrolled: hold batched updates for a moment. */
  holdForInput(): void;
}

// An update costs more as the inbox grows (new Maps, order, list): scheduled flushes keep to
// at most a fifth of the time, so a 10,000-conversation startup leaves the SDK the CPU.
export function createStoreBatcher(apply: (batch: StoreBatch) => void, live: () => boolean): StoreBatcher {
  let batch = emptyBatch();
  let flushScheduled = false;
  let nextFlushAt = 0;
  let inputQuietUntil = 0;
  /** When the oldest update still waiting in `batch` was collected. */
  let pendingSince: number | null = null;
  let flushToken = 0;

  const flush = () => {
    flushScheduled = false;
    pendingSince = null;
    if (!live() || batchSize(batch) === 0) return;
    const b = batch;
    batch = emptyBatch();
    const started = performance.now();
    apply(b);
    const took = performance.now() - started;
    nextFlushAt = performance.now() + FLUSH_BUDGET_FACTOR * took;
  };
  const schedule = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    pendingSince ??= performance.now();
    const token = ++flushToken;
    const run = () => {
      if (!flushScheduled || token !== flushToken) return;
      // A key press or click since this was scheduled: wait out its quiet period (but someone
      // typing a long reply still sees the inbox move at least once a second).
      if (performance.now() < inputQuietUntil && performance.now() - (pendingSince ?? 0) < MAX_INPUT_HOLD_MS) {
        flushScheduled = false;
        schedule();
        return;
      }
      flush();
    };
    const visible = typeof document !== 'undefined' && document.visibilityState === 'visible';
    const wait = Math.max(0, nextFlushAt - performance.now(), inputQuietUntil - performance.now());
    if (visible && typeof requestAnimationFrame === 'function' && wait === 0) requestAnimationFrame(run);
    setTimeout(run, visible ? Math.max(wait, FLUSH_FALLBACK_MS) : wait);
  };
  return {
    get batch() {
      return batch;
    },
    schedule,
    flush,
    now: (fn) => (...args) => {
      flush();
      fn(...args);
    },
    queuePreview(sid, preview) {
      batch.previews.push([sid, preview]);
      schedule();
    },
    queueUserName(identity, name) {
      batch.userNames.set(identity, name);
      schedule();
    },
    shownPreview(sid, stored) {
      for (let i = batch.previews.length - 1; i >= 0; i--) if (batch.previews[i]![0] === sid) return batch.previews[i]![1];
      return stored;
    },
    holdForInput() {
      inputQuietUntil = performance.now() + INPUT_QUIET_MS;
    },
  };
}

/** Background reads, a few at a time; both they and batched updates yield to input. Returns a stop. */
export function createBackgroundReads(batcher: StoreBatcher): { queue: WorkQueue; stop: () => void } {
  const queue = new WorkQueue(BACKGROUND_CONCURRENCY);
  const offs: Array<() => void> = [];
  if (typeof window !== 'undefined') {
    const yieldToInput = () => {
      queue.holdFor(INPUT_QUIET_MS);
      batcher.holdForInput();
    };
    for (const type of ['keydown', 'pointerdown', 'wheel'] as const) {
      window.addEventListener(type, yieldToInput, { capture: true, passive: true });
      offs.push(() => window.removeEventListener(type, yieldToInput, { capture: true }));
    }
  }
  return {
    queue,
    stop: () => {
      queue.stop();
      offs.forEach((off) => off());
    },
  };
}
