/**
 * The life of a pending send, in one pure reducer:
 *
 *   add ──► sending ──► sent (hidden once its echo is in the thread)
 *              │  ▲
 *              │  └── attempt (automatic for queued, Retry for failed)
 *              ├──► queued  (offline, or a retryable failure: network, 429, 5xx, token expiry)
 *              └──► failed  (Twilio refused it: 4xx, too long, conversation gone; Retry while
 *                            offline queues it)
 *
 * queued and failed can be cancelled; queued can be edited. A send in flight can be neither:
 * its request may already be on its way to Twilio. The messages slice applies this reducer;
 * sdk/outbox.ts decides which action happens when.
 */
import { dropEchoedPending } from './thread-logic';
import type { MessageSnapshot, PendingMessage } from './types';

export type PendingAction =
  /** A new send, or one restored from the outbox after a restart (then 'queued'). */
  | { type: 'add'; pending: PendingMessage }
  /** An attempt starts. */
  | { type: 'attempt'; localId: string }
  | { type: 'queued'; localId: string; reason: string }
  | { type: 'failed'; localId: string; error: string }
  /** Twilio took it; null when the index is unknown (its echo then replaces the row). */
  | { type: 'sent'; localId: string; index: number | null }
  | { type: 'edit'; localId: string; body: string }
  | { type: 'cancel'; localId: string }
  /** The service announced a message: the pending copy of it goes. */
  | { type: 'echo'; message: Pick<MessageSnapshot, 'index' | 'author' | 'body' | 'media'>; me: string | null };

export const canCancel = (p: Pick<PendingMessage, 'status'>): boolean => p.status === 'queued' || p.status === 'failed';
export const canEdit = (p: Pick<PendingMessage, 'status'>): boolean => p.status === 'queued';

/** The pending list after `action`; the same array when nothing changed. */
export function reducePending(pending: PendingMessage[], items: readonly Pick<MessageSnapshot, 'index'>[], action: PendingAction): PendingMessage[] {
  if (action.type === 'add') return pending.some((p) => p.localId === action.pending.localId) ? pending : [...pending, action.pending];
  if (action.type === 'echo') {
    const next = dropEchoedPending(pending, action.message, action.me);
    return next.length === pending.length ? pending : next;
  }
  const at = pending.findIndex((p) => p.localId === action.localId);
  const current = pending[at];
  if (!current) return pending;
  const replace = (next: PendingMessage | null): PendingMessage[] =>
    next ? pending.map((p, i) => (i === at ? next : p)) : pending.filter((_, i) => i !== at);

  switch (action.type) {
    case 'attempt':
      return current.status === 'queued' || current.status === 'failed' ? replace({ ...current, status: 'sending', error: null }) : pending;
    case 'queued':
      // From failed too: Retry pressed while offline waits for the connection like any queued send.
      return current.status === 'sent' || (current.status === 'queued' && current.error === action.reason) ? pending : replace({ ...current, status: 'queued', error: action.reason });
    case 'failed':
      return current.status === 'sending' ? replace({ ...current, status: 'failed', error: action.error }) : pending;
    case 'sent': {
      if (current.status === 'sent') return pending;
      // Without an index the echo can't be matched to this row; the echo itself shows the message.
      // With one, the row goes now if its echo has already arrived, or later when it does.
      if (action.index === null || items.some((m) => m.index === action.index)) return replace(null);
      return replace({ ...current, status: 'sent', error: null, index: action.index });
    }
    case 'edit':
      return canEdit(current) && action.body !== current.body ? replace({ ...current, body: action.body }) : pending;
    case 'cancel':
      return canCancel(current) ? replace(null) : pending;
  }
}
