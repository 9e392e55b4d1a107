/**
 * Below this width three panes don't fit (at 1024 px the participants column squeezed the thread
 * to 490 px), so the participants panel becomes a drawer over the thread: closed when the window
 * is or becomes narrow, open again when it widens. The same width is in app.css.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useDeskStore } from '../store';

export const NARROW_QUERY = '(max-width: 1199.98px)';

const query = () => (typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(NARROW_QUERY) : null);

function subscribe(onChange: () => void): () => void {
  const q = query();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}

export function useNarrowWindow(): boolean {
  const narrow = useSyncExternalStore(subscribe, () => query()?.matches ?? false);
  const toggleParticipants = useDeskStore((s) => s.toggleParticipants);
  useEffect(() => toggleParticipants(!narrow), [narrow, toggleParticipants]);
  return narrow;
}
