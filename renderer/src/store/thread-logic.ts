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

/**
 * Inserts or replaces by index, keeping ascending order. Live events may overlap a page load.
 * Searched from the newest end: a live message is almost always the newest.
 */
export function upsertByIndex(items: readonly MessageSnapshot[], message: MessageSnapshot): MessageSnapshot[] {
  let at = items.length;
  while (at > 0 && items[at - 1]!.index >= message.index) at--;
  if (at === items.length) return [...items, message];
  const next = [...items];
  if (items[at]!.index === message.index) next[at] = message;
  else next.splice(at, 0, message);
  return next;
}

/**
 * Prepends an older page, skipping anything already present; returns how many were new. Linear
 * in the thread's length (a page is sorted, then merged): a 20,000-message history scrolled all
 * the way back must not be re-sorted for every page of 30.
 */
export function prependOlder(
  items: readonly MessageSnapshot[],
  older: readonly MessageSnapshot[],
): { items: MessageSnapshot[]; added: number } {
  const fresh = older.filter((m) => !hasIndex(items, m.index)).sort((a, b) => a.index - b.index);
  if (fresh.length === 0) return { items: items as MessageSnapshot[], added: 0 };
  // The usual case: the whole page is older than everything loaded.
  if (items.length === 0 || fresh[fresh.length - 1]!.index < items[0]!.index) return { items: [...fresh, ...items], added: fresh.length };
  const merged: MessageSnapshot[] = [];
  let i = 0;
  let j = 0;
  while (i < fresh.length || j < items.length) {
    if (j >= items.length || (i < fresh.length && fresh[i]!.index < items[j]!.index)) merged.push(fresh[i++]!);
    else merged.push(items[j++]!);
  }
  return { items: merged, added: fresh.length };
}

/** Whether `items` (ascending by index) holds a message with this index: a binary search. */
export function hasIndex(items: readonly MessageSnapshot[], index: number): boolean {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = items[mid]!.index;
    if (at === index) return true;
    if (at < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
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
