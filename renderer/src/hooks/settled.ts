/**
 * Follows a value derived from the store outside React, applying it once it has held still for a
 * moment. For reports that nobody watches frame by frame (the window title, the taskbar badge):
 * a message arriving in the open thread raises the unread total and marking it read lowers it
 * again a few milliseconds later; reporting each step cost two IPC requests and two title writes
 * inside the commit that shows the message (profiled on a second agent's screen, send → seen).
 */
import type { StoreApi } from 'zustand';

/** How long a changed value must hold before it is applied. */
export const SETTLE_MS = 250;

/** Applies `select(state)` now, then each later value once it has held for `ms`; returns a stop. */
export function followSettled<S, T>(store: Pick<StoreApi<S>, 'getState' | 'subscribe'>, select: (s: S) => T, apply: (value: T) => void, ms = SETTLE_MS): () => void {
  let applied = select(store.getState());
  apply(applied);
  let latest = applied;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const settle = () => {
    timer = null;
    applied = latest;
    apply(latest);
  };
  const unsubscribe = store.subscribe((s) => {
    const now = select(s);
    // Other parts of the store changed: the wait goes on.
    if (Object.is(now, latest)) return;
    latest = now;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    // Back where it was: nothing to report. Otherwise each change restarts the wait.
    if (!Object.is(now, applied)) timer = setTimeout(settle, ms);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
