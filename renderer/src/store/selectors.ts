/** Derived reads. Keep selectors narrow: components subscribe to exactly what they render. */
import { i18n } from '../i18n';
import { createSelectorMemo, type SelectorMemo } from './selector-memo';
import { withoutResolving } from './team-slice';
import { visiblePending } from './thread-logic';
import { foldForSearch } from './view-search';
import type { ConversationSnapshot, LastMessagePreview, ParticipantSnapshot, PendingMessage } from './types';
import type { DeskState } from './store-types';

export function activityTime(c: ConversationSnapshot): number {
  return c.lastMessage?.date ?? c.dateUpdated ?? 0;
}

export function conversationTitle(c: Pick<ConversationSnapshot, 'friendlyName' | 'uniqueName' | 'sid'>): string {
  return c.friendlyName?.trim() || c.uniqueName?.trim() || i18n.t('conversation.untitled');
}

/** An inbox row's or notification's preview in the language of the moment: "Photo: x.png", "3 attachments". */
export function previewText(p: Pick<LastMessagePreview, 'text' | 'media'>): string {
  if (p.text !== '' || !p.media) return p.text;
  const { kind, name, count } = p.media;
  if (count > 1) return i18n.t('preview.attachments', { count });
  return i18n.t(kind === 'photo' ? 'preview.photo' : 'preview.file', { name: name ?? i18n.t('preview.attachment') });
}

export const digitsOf = (s: string) => s.replace(/\D/g, '');

/** Name, participant identity or phone number; phone digits match regardless of formatting. */
export function matchesQuery(
  c: ConversationSnapshot,
  roster: readonly ParticipantSnapshot[],
  query: string,
  userNames: ReadonlyMap<string, string> = new Map(),
): boolean {
  const q = foldForSearch(query.trim());
  if (q === '') return true;
  const names = [c.friendlyName, c.uniqueName, ...roster.flatMap((p) => [p.identity, p.name, p.identity ? userNames.get(p.identity) : null])];
  if (names.some((n) => !!n && foldForSearch(n).includes(q))) return true;
  const digits = digitsOf(q);
  if (digits.length < 3) return false;
  return roster.some((p) => p.address !== null && digitsOf(p.address).includes(digits));
}

const byActivity = (a: ConversationSnapshot, b: ConversationSnapshot) =>
  activityTime(b) - activityTime(a) || conversationTitle(a).localeCompare(conversationTitle(b));

/**
 * The inbox order is derived once per change of the conversations Map, and kept (same array)
 * when no conversation's activity time or title changed: a typing indicator, unread count or
 * channel badge doesn't re-sort 10,000 conversations or re-render the list.
 */
export function sortedSids(conversations: ReadonlyMap<string, ConversationSnapshot>, memo: SelectorMemo = createSelectorMemo()): string[] {
  const sorted = memo.sorted;
  if (sorted?.conversations === conversations) return sorted.sids;
  if (sorted && sorted.conversations.size === conversations.size) {
    const before = sorted.conversations;
    let same = true;
    for (const [sid, c] of conversations) {
      const old = before.get(sid);
      if (old === c) continue;
      if (!old || activityTime(old) !== activityTime(c) || conversationTitle(old) !== conversationTitle(c)) {
        same = false;
        break;
      }
    }
    if (same) {
      memo.sorted = { conversations, sids: sorted.sids };
      return sorted.sids;
    }
  }
  const sids = [...conversations.values()].sort(byActivity).map((c) => c.sid);
  memo.sorted = { conversations, sids: sorted && sameItems(sorted.sids, sids) ? sorted.sids : sids };
  return memo.sorted.sids;
}

/**
 * What matchesQuery compares, folded (lower case, no accents; view-search's foldForSearch) once per snapshot (weakly keyed by the immutable
 * snapshot, so these hold nothing of a closed session and need no per-store home): names joined by newlines (a search
 * box can't hold one, so a match never spans two names) and the roster's phone digits.
 */
const nameKeys = new WeakMap<ConversationSnapshot, string>();
const rosterKeys = new WeakMap<readonly ParticipantSnapshot[], { userNames: ReadonlyMap<string, string>; names: string; digits: string }>();
export const NO_ROSTER: readonly ParticipantSnapshot[] = [];

export function conversationKey(c: ConversationSnapshot): string {
  let key = nameKeys.get(c);
  if (key === undefined) {
    key = foldForSearch([c.friendlyName, c.uniqueName].filter((n): n is string => !!n).join('\n'));
    nameKeys.set(c, key);
  }
  return key;
}

export function rosterKey(roster: readonly ParticipantSnapshot[], userNames: ReadonlyMap<string, string>) {
  let key = rosterKeys.get(roster);
  if (!key || key.userNames !== userNames) {
    const names = roster.flatMap((p) => [p.identity, p.name, p.identity ? userNames.get(p.identity) : null]).filter((n): n is string => !!n);
    const digits = roster.flatMap((p) => (p.address !== null ? [digitsOf(p.address)] : []));
    key = { userNames, names: foldForSearch(names.join('\n')), digits: digits.join('\n') };
    rosterKeys.set(roster, key);
  }
  return key;
}

/**
 * Inbox order: latest activity first, ties by title so the list doesn't jitter. Same rules as
 * matchesQuery. The same array while the result is unchanged (subscribe without useShallow).
 */
/** The inbox's order, without conversations a resolve is about to close (see team-slice). */
export function selectInboxSids(s: DeskState): string[] {
  return withoutResolving(s, searchedInboxSids(s));
}

function searchedInboxSids(s: DeskState): string[] {
  const sids = sortedSids(s.conversations, s.memo);
  const q = foldForSearch(s.searchQuery.trim());
  if (q === '') return sids;
  const f = s.memo.filtered;
  if (f && f.sids === sids && f.participants === s.participants && f.userNames === s.userNames && f.q === q && f.conversations === s.conversations) return f.result;
  const digits = digitsOf(q);
  const result = sids.filter((sid) => {
    const c = s.conversations.get(sid) as ConversationSnapshot;
    if (conversationKey(c).includes(q)) return true;
    const roster = rosterKey(s.participants.get(sid) ?? NO_ROSTER, s.userNames);
    if (roster.names.includes(q)) return true;
    return digits.length >= 3 && roster.digits.includes(digits);
  });
  s.memo.filtered = { sids, participants: s.participants, userNames: s.userNames, q, conversations: s.conversations, result: f && sameItems(f.result, result) ? f.result : result };
  return s.memo.filtered.result;
}

/**
 * The inbox subscribes to selectInboxSids by identity, so an unchanged list must be the same
 * array. (zustand's `shallow` would compare two 10,000-element arrays by copying both into Maps,
 * on every store update.)
 */
export function sameItems(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Unread across the inbox for the window title; muted conversations don't count (as in Slack). */
export function selectTotalUnread(s: DeskState): number {
  if (s.memo.unread?.conversations === s.conversations) return s.memo.unread.total;
  let total = 0;
  for (const c of s.conversations.values()) if (c.notificationLevel !== 'muted') total += c.unreadCount;
  s.memo.unread = { conversations: s.conversations, total };
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
  return totalUnread > 0 ? i18n.t('window.titleUnread', { count: totalUnread }) : i18n.t('window.title');
}
