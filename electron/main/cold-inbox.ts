/**
 * A cold start's inbox from REST (no copy kept yet: first launch of an account, or its copy was
 * deleted). The SDK announces a conversation only after opening its Sync document, messages list
 * and roster; Twilio's User Conversation resource lists the same conversations with their unread
 * counts in one request, so main reads it while the SDK connects and the window paints the rows
 * as it paints a kept copy (shared/ipc/inbox-cache-schema). The SDK then replaces them row by row.
 */
import { CACHED_TEXT_CHARS, INBOX_CACHE_VERSION, type CachedConversation, type InboxCache } from '../../shared/ipc/inbox-cache-schema';
import { COLD_INBOX_PAGE_SIZE } from '../../shared/ipc/cold-inbox-schema';
import { isTeamFeedUniqueName } from '../../shared/ipc/team-schema';
import type { RestClient } from './rest/rest-client';

/** The fields of a User Conversation the first screen reads (twilio's UserConversationInstance). */
export interface UserConversationFields {
  conversationSid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  /** Null until the user has a read horizon. */
  unreadMessagesCount: number | null;
  lastReadMessageIndex: number | null;
  dateUpdated: Date | null;
  notificationLevel: string | null;
}

export interface ColdInboxPort {
  /**
   * This profile's conversations as a first screen, newest first; null when not available, or when
   * the REST client main has is another profile's (the active one changed before the read).
   */
  firstPage(profileId: string): Promise<InboxCache | null>;
}

export const inertColdInbox: ColdInboxPort = { firstPage: async () => null };

export interface ColdInboxDeps {
  /** The active profile's governed REST client, with the profile it serves and its identity (shared with the team service: one budget per account). */
  client(): Promise<{ rest: RestClient; identity: string; profileId: string }>;
  log?: (line: string) => void;
  now?: () => number;
}

export function createColdInbox({ client, log = () => {}, now = Date.now }: ColdInboxDeps): ColdInboxPort {
  return {
    async firstPage(profileId) {
      try {
        const { rest, identity, profileId: served } = await client();
        // The client and identity are read together, so a page read with them is that profile's,
        // whatever switches happen while it travels; a client for another profile reads nothing.
        if (served !== profileId) {
          log(`cold-inbox: not read: the REST client serves another profile`);
          return null;
        }
        // Interactive: an agent is waiting for this screen, ahead of the team queue's background reads.
        const page = await rest.withPriority('interactive', () =>
          rest.twilio.conversations.v1.services(rest.serviceSid).users(identity).userConversations.page({ pageSize: COLD_INBOX_PAGE_SIZE }),
        );
        return inboxFromUserConversations(page.instances, now());
      } catch (error) {
        // Only a head start: whatever went wrong, the SDK still lists the inbox.
        log(`cold-inbox: no first page over REST: ${(error as Error).message}`);
        return null;
      }
    },
  };
}

const clipped = (text: string | null | undefined): string | null => (text == null ? null : text.length > CACHED_TEXT_CHARS ? `${text.slice(0, CACHED_TEXT_CHARS - 1)}…` : text);

/**
 * Twilio gives no unread count without a read horizon, so the last message's index is not known:
 * -1 (the SDK's own "none yet") shows no count and no "No messages" line until the SDK's row.
 */
const UNKNOWN_INDEX = -1;

/**
 * User Conversations as an inbox copy, newest first. The resource has no last message, so the
 * message index is the one that gives its unread count (what the SDK's row computes from the same
 * two indexes). No preview, roster or channel either: the SDK's rows bring them.
 */
export function inboxFromUserConversations(list: readonly UserConversationFields[], savedAt: number): InboxCache {
  // The team feed is a conversation the agent is in, but never an inbox row (the SDK's binding skips
  // it too): listed here it would sit on top, the newest of all, until the SDK settled the inbox.
  const conversations = list.filter((u) => !isTeamFeedUniqueName(u.uniqueName)).map((u): CachedConversation => {
    const read = u.lastReadMessageIndex ?? null;
    const unread = u.unreadMessagesCount ?? null;
    return {
      sid: u.conversationSid,
      friendlyName: clipped(u.friendlyName),
      uniqueName: clipped(u.uniqueName),
      dateUpdated: u.dateUpdated ? u.dateUpdated.getTime() : null,
      lastMessage: null,
      lastMessageIndex: read !== null && unread !== null ? read + unread : UNKNOWN_INDEX,
      lastReadIndex: read,
      channel: 'chat',
      notificationLevel: u.notificationLevel === 'muted' ? 'muted' : 'default',
    };
  });
  // The inbox's order (activity, then title); the renderer sorts again, this just keeps the copy's "newest first" promise.
  conversations.sort((a, b) => (b.dateUpdated ?? 0) - (a.dateUpdated ?? 0));
  return { version: INBOX_CACHE_VERSION, savedAt, conversations, rosters: [], userNames: [] };
}
