/**
 * Why a queued message waits, or why the outbox itself failed one: codes, not text. The thread
 * shows them in the agent's language (`outbox.reason.*` in shared/i18n), and the outbox stays
 * free of the UI (node integration tests drive it with the real SDK).
 */
export const OUTBOX_REASON = {
  offline: 'offline',
  busy: 'busy',
  serviceError: 'serviceError',
  renewing: 'renewing',
  conversationGone: 'conversationGone',
} as const;

export type OutboxReason = (typeof OUTBOX_REASON)[keyof typeof OUTBOX_REASON];

/** A pending send's `error` that is one of ours (anything else is the service's own explanation). */
export const isOutboxReason = (error: string | null): error is OutboxReason => error !== null && Object.hasOwn(OUTBOX_REASON, error);
