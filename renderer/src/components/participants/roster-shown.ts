/**
 * The roster as the participants panel shows it. Each participant's read horizon changes twice
 * for every message (the author's, then the reader's), and the panel shows no horizons: while
 * only those change, the hook answers with the roster it answered before, so the panel does not
 * render again. The horizons inside that answer may be behind; "Seen by" reads the store's own.
 */
import { useRef } from 'react';
import { useDeskStore } from '../../store';
import { selectParticipants } from '../../store/selectors';
import type { ParticipantSnapshot } from '../../store/types';

export function sameButReads(a: readonly ParticipantSnapshot[], b: readonly ParticipantSnapshot[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((p, i) => {
    const q = b[i]!;
    if (p === q) return true;
    for (const key of new Set([...Object.keys(p), ...Object.keys(q)]) as Set<keyof ParticipantSnapshot>) {
      if (key !== 'lastReadIndex' && p[key] !== q[key]) return false;
    }
    return true;
  });
}

/** The conversation's participants (`sid`, or the selected conversation's), ignoring read horizons. */
export function useRosterShown(sid: string | null | undefined = undefined): ParticipantSnapshot[] {
  const last = useRef<ParticipantSnapshot[] | null>(null);
  return useDeskStore((s) => {
    const next = selectParticipants(s, sid === undefined ? s.selectedSid : sid);
    if (last.current !== null && sameButReads(last.current, next)) return last.current;
    last.current = next;
    return next;
  });
}
