/**
 * After sleep or a network change: restart the client only when the SDK has given up (error,
 * disconnected). While it is still retrying, a restart would only throw its progress away.
 */
import type { DeskStore } from '../store';

const GAVE_UP = new Set(['error', 'disconnected']);

export function needsRestart(status: string): boolean {
  return GAVE_UP.has(status);
}

/**
 * A restart resets per-account state, pending sends included. Queued and in-flight sends are in
 * the outbox (main's store) and come back with the next session; a send Twilio refused is not,
 * so its text goes back into that conversation's draft, unless a newer draft is already there.
 */
export function preserveUnsent(store: DeskStore): number {
  const { threads, drafts, setDraft } = store.getState();
  let kept = 0;
  for (const [sid, thread] of threads) {
    const unsent = thread.pending.filter((p) => p.status === 'failed' && p.body.trim() !== '').map((p) => p.body);
    if (unsent.length === 0 || (drafts.get(sid) ?? '').trim() !== '') continue;
    setDraft(sid, unsent.join('\n\n'));
    kept += unsent.length;
  }
  return kept;
}

export async function reconnectIfNeeded(store: DeskStore, restart: () => Promise<void>): Promise<boolean> {
  if (!needsRestart(store.getState().connection.status)) return false;
  preserveUnsent(store);
  await restart();
  return true;
}

/** The banner's Retry: restart now, whatever the SDK is doing, keeping refused sends as drafts. */
export async function retryNow(store: DeskStore, restart: () => Promise<void>): Promise<void> {
  preserveUnsent(store);
  await restart();
}
