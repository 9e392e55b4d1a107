/**
 * Unread count from the two indexes the SDK keeps current, so the inbox needs no extra request.
 * No read horizon yet means nothing was ever read: every message counts (indexes start at 0).
 * Deleted messages leave gaps in indexes, so this can over-count slightly; Twilio's own
 * getUnreadMessagesCount() has the same semantics.
 */
export function computeUnread(lastMessageIndex: number | null, lastReadIndex: number | null): number {
  if (lastMessageIndex === null) return 0;
  if (lastReadIndex === null) return lastMessageIndex + 1;
  return Math.max(0, lastMessageIndex - lastReadIndex);
}
