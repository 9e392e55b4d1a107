/** Pure helpers for one conversation's thread; the messages slice applies them to a new Map. */
import type { MessageSnapshot, PendingMessage, ThreadState } from './types';

/** Large start so firstItemIndex stays positive however many older pages are prepended. */
export const FIRST_ITEM_INDEX_START = 1_000_000;

export function emptyThread(): ThreadState {
  return {
    items: [],
    pending: [],
    hasOlder: false,
    loading: 'idle',
    error: null,
    firstItemIndex: FIRST_ITEM_INDEX_START,
    readHorizon: null,
  };
}

/** Inserts or replaces by index, keeping ascending order. Live events may overlap a page load. */
export function upsertByIndex(items: readonly MessageSnapshot[], message: MessageSnapshot): MessageSnapshot[] {
  const at = items.findIndex((m) => m.index >= message.index);
  if (at === -1) return [...items, message];
  const next = [...items];
  if (items[at]!.index === message.index) next[at] = message;
  else next.splice(at, 0, message);
  return next;
}

/** Prepends an older page, skipping anything already present; returns how many were new. */
export function prependOlder(
  items: readonly MessageSnapshot[],
  older: readonly MessageSnapshot[],
): { items: MessageSnapshot[]; added: number } {
  const known = new Set(items.map((m) => m.index));
  const fresh = older.filter((m) => !known.has(m.index));
  return { items: [...fresh, ...items].sort((a, b) => a.index - b.index), added: fresh.length };
}

/** Pending sends the thread still has to show: everything not yet echoed back by the service. */
export function visiblePending(thread: ThreadState): PendingMessage[] {
  if (thread.pending.length === 0) return thread.pending;
  const present = new Set(thread.items.map((m) => m.index));
  return thread.pending.filter((p) => p.index === null || !present.has(p.index));
}

/**
 * Hides the pending copy of a message that has arrived. The service may announce a message
 * before the send call returns its index, so an own message still "sending" with the same body
 * and number of attachments counts as its echo too (the first such copy, one per message).
 */
export function dropEchoedPending(pending: readonly PendingMessage[], message: Pick<MessageSnapshot, 'index' | 'author' | 'body' | 'media'>, me: string | null): PendingMessage[] {
  const byIndex = pending.filter((p) => p.index !== message.index);
  if (byIndex.length !== pending.length || me === null || message.author !== me) return byIndex;
  const twin = pending.findIndex((p) => p.status === 'sending' && p.index === null && p.body === (message.body ?? '') && p.attachments.length === message.media.length);
  return twin < 0 ? byIndex : pending.filter((_, i) => i !== twin);
}
