/**
 * A conversation opened from a search result opens at the message that matched, in the middle of
 * the list (and marked by MessageRow). A message older than the loaded pages is reached
 * by loading older pages, a bounded number of them.
 */
import { useEffect, useRef, useState } from 'react';
import { useActions, useDeskStore } from '../../store';
import type { MessageSnapshot, ThreadState } from '../../store/types';

/** Pages loaded to reach a match at most (30 messages each): far enough back, not a whole archive. */
const MAX_PAGES = 20;

/** The row (position in `items`, the thread's loaded history) the list should open at for the search's message, once it is loaded; null otherwise. */
export function useSearchHighlight(sid: string, items: readonly MessageSnapshot[], thread: ThreadState | undefined): number | null {
  const { loadOlder } = useActions();
  const target = useDeskStore((s) => (s.messageHighlight?.sid === sid ? s.messageHighlight.index : null));
  const pages = useRef<{ target: number | null; count: number }>({ target: null, count: 0 });
  const loading = thread?.loading ?? 'initial';
  const hasOlder = thread?.hasOlder ?? false;
  const [placed, setPlaced] = useState<{ sid: string; target: number; at: number } | null>(null);
  const isPlaced = placed !== null && placed.sid === sid && placed.target === target;
  // Placed once per target, when its page is in (later pages or messages must not pull the list
  // back). The list is then made again opening at it: scrolling there instead fights react-virtuoso
  // keeping the place of a page it just prepended. Set while rendering, as derived state.
  const at = target === null || isPlaced || loading !== 'idle' ? -1 : items.findIndex((m) => m.index === target);
  if (at >= 0 && target !== null) setPlaced({ sid, target, at });

  // Not loaded yet: older pages, a bounded number per target.
  const oldest = items[0]?.index;
  useEffect(() => {
    if (pages.current.target !== target) pages.current = { target, count: 0 };
    if (target === null || isPlaced || at >= 0 || loading !== 'idle' || !hasOlder || oldest === undefined || oldest <= target) return;
    if (pages.current.count >= MAX_PAGES) return;
    pages.current.count += 1;
    void loadOlder(sid);
  }, [target, isPlaced, at, loading, hasOlder, oldest, sid, loadOlder]);
  return placed !== null && placed.sid === sid && placed.target === target ? placed.at : null;
}
