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

type Row = { kind: 'message'; message: MessageSnapshot } | { kind: 'pending' };

/** The row (position in `rows`) the list should open at for the search's message, once it is loaded; null otherwise. */
export function useSearchHighlight(sid: string, rows: readonly Row[], thread: ThreadState | undefined): number | null {
  const { loadOlder } = useActions();
  const target = useDeskStore((s) => (s.messageHighlight?.sid === sid ? s.messageHighlight.index : null));
  // Per target: done once placed (later messages must not pull the list back), and pages asked for.
  const state = useRef<{ target: number | null; done: boolean; pages: number }>({ target: null, done: false, pages: 0 });
  const loading = thread?.loading ?? 'initial';
  const hasOlder = thread?.hasOlder ?? false;
  const [placed, setPlaced] = useState<{ sid: string; target: number; at: number } | null>(null);

  useEffect(() => {
    if (state.current.target !== target) state.current = { target, done: false, pages: 0 };
    const st = state.current;
    if (target === null || st.done || loading !== 'idle') return;
    const at = rows.findIndex((r) => r.kind === 'message' && r.message.index === target);
    if (at >= 0) {
      st.done = true;
      // The list is made again opening at it: scrolling the list there fights react-virtuoso
      // keeping the place of a page it just prepended.
      setPlaced({ sid, target, at });
      return;
    }
    const oldest = rows.find((r): r is Extract<Row, { kind: 'message' }> => r.kind === 'message')?.message.index;
    if (hasOlder && oldest !== undefined && oldest > target && st.pages < MAX_PAGES) {
      st.pages += 1;
      void loadOlder(sid);
    } else st.done = true;
  }, [target, rows, loading, hasOlder, sid, loadOlder]);
  return placed !== null && placed.sid === sid && placed.target === target ? placed.at : null;
}
