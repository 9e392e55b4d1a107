/** Derived reads. Keep selectors narrow: components subscribe to exactly what they render. */
import { visiblePending } from './thread-logic';
import type { ConversationSnapshot, ParticipantSnapshot, PendingMessage } from './types';
import type { DeskState } from './store-types';

export function activityTime(c: ConversationSnapshot): number {
  return c.lastMessage?.date ?? c.dateUpdated ?? 0;
}

export function conversationTitle(c: Pick<ConversationSnapshot, 'friendlyName' | 'uniqueName' | 'sid'>): string {
  return c.friendlyName?.trim() || c.uniqueName?.trim() || 'Untitled conversation';
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** Name, participant identity or phone number; phone digits match regardless of formatting. */
export function matchesQuery(
  c: ConversationSnapshot,
  roster: readonly ParticipantSnapshot[],
  query: string,
  userNames: ReadonlyMap<string, string> = new Map(),
): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const names = [c.friendlyName, c.uniqueName, ...roster.flatMap((p) => [p.identity, p.name, p.identity ? userNames.get(p.identity) : null])];
  if (names.some((n) => n?.toLowerCase().includes(q))) return true;
  const digits = digitsOf(q);
  if (digits.length < 3) return false;
  return roster.some((p) => p.address !== null && digitsOf(p.address).includes(digits));
}

/** Inbox order: latest activity first, ties by title so the list doesn't jitter. */
export function selectInboxSids(s: DeskState): string[] {
  return [...s.conversations.values()]
    .filter((c) => matchesQuery(c, s.participants.get(c.sid) ?? [], s.searchQuery, s.userNames))
    .sort((a, b) => activityTime(b) - activityTime(a) || conversationTitle(a).localeCompare(conversationTitle(b)))
    .map((c) => c.sid);
}

/** Unread across the inbox for the window title; muted conversations don't count (as in Slack). */
export function selectTotalUnread(s: DeskState): number {
  let total = 0;
  for (const c of s.conversations.values()) if (c.notificationLevel !== 'muted') total += c.unreadCount;
  return total;
}

const NO_PENDING: PendingMessage[] = [];
export function selectVisiblePending(s: DeskState, sid: string): PendingMessage[] {
  const t = s.threads.get(sid);
  return t ? visiblePending(t) : NO_PENDING;
}

const NO_PARTICIPANTS: ParticipantSnapshot[] = [];
export function selectParticipants(s: DeskState, sid: string | null): ParticipantSnapshot[] {
  return (sid && s.participants.get(sid)) || NO_PARTICIPANTS;
}

export function windowTitle(totalUnread: number): string {
  return totalUnread > 0 ? `(${totalUnread}) Conversations Desk` : 'Conversations Desk';
}
