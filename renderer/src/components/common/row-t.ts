/**
 * `t` for list rows. react-i18next's `useTranslation` copies the i18n instance's own properties
 * into a wrapper on every mount and subscribes to its events; a keystroke over 100,000 queue rows
 * mounts the rows that come on screen, five such calls each, and those copies measured about a
 * sixth of the keystroke's script (docs/benchmarks.md, issue 13). Rows share one subscription
 * instead and render again on the same events (language, clock).
 */
import { useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import { i18n, RERENDER_EVENTS } from '../../i18n';

// i18n.t reads the language when called; a new bound copy per change is what tells memoised rows.
const bound = (): TFunction => i18n.t.bind(i18n) as TFunction;
let current = bound();
const listeners = new Set<() => void>();
const changed = () => {
  current = bound();
  for (const l of listeners) l();
};

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) i18n.on(RERENDER_EVENTS, changed);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) i18n.off(RERENDER_EVENTS, changed);
  };
}

const snapshot = () => current;

/** The translate function; a new one after each language or clock change, so memoised rows render again. */
export function useRowT(): TFunction {
  return useSyncExternalStore(subscribe, snapshot);
}
