/**
 * Holds background store updates (the team queue's deltas) while the agent types or clicks: a
 * delta re-derives the views over up to 100,000 rows and their search index, which must not land
 * on the frame after a key. Work runs at once when input has been quiet for `quietMs`; otherwise it
 * waits, in order, until it is (but never longer than `maxHoldMs`, so a long reply being typed
 * still sees the queue move).
 */
export interface InputHold {
  run(work: () => void): void;
  dispose(): void;
}

export function createInputHold(target: Pick<Window, 'addEventListener' | 'removeEventListener'> | null, quietMs = 400, maxHoldMs = 1_000): InputHold {
  let lastInput = -Infinity;
  const held: (() => void)[] = [];
  let heldSince = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onInput = () => {
    lastInput = performance.now();
  };
  const events = ['keydown', 'pointerdown', 'wheel'] as const;
  for (const e of events) target?.addEventListener(e, onInput, { capture: true, passive: true });
  const drain = () => {
    timer = null;
    const now = performance.now();
    const wait = Math.min(lastInput + quietMs, heldSince + maxHoldMs) - now;
    if (wait > 0) {
      timer = setTimeout(drain, wait);
      return;
    }
    for (const work of held.splice(0)) work();
  };
  return {
    run(work) {
      if (held.length === 0 && performance.now() - lastInput >= quietMs) return work();
      if (held.length === 0) heldSince = performance.now();
      held.push(work);
      timer ??= setTimeout(drain, 0);
    },
    dispose() {
      for (const e of events) target?.removeEventListener(e, onInput, { capture: true });
      if (timer !== null) clearTimeout(timer);
      held.length = 0;
    },
  };
}
