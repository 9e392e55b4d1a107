/**
 * Reads what analytics needs from Twilio's REST API, always at background priority through the
 * profile's governed client (an agent's click goes first; 429s back off as everywhere else).
 * Twilio has no service-wide message list, so messages are read per conversation; a refresh
 * reads only conversations whose dateUpdated moved (a new message or a state/attribute change
 * moves it), and of those only the messages after the last index read, newest page first.
 */
import type { RestClient } from '../rest/rest-client';
import { audienceOf, type ParticipantLike } from '../team/queue-rows';
import type { AnalyticsChannel } from '../../../shared/ipc/analytics-schema';
import type { RestConversation, RestMessage } from './conversation-facts';

const CONVERSATION_PAGE = 1000;
const FIRST_READ_PAGE = 100;
const NEWEST_PAGE = 50;

export interface AnalyticsReader {
  conversations(): Promise<RestConversation[]>;
  /** Messages with index > `after` (all when -1); with `from`, also every message from that index on (delivery updates). */
  messages(sid: string, after: number, from?: number): Promise<RestMessage[]>;
  /** The channel of a conversation without customer messages, from its participants' bindings. */
  channel(sid: string, isAgent: (identity: string) => boolean): Promise<AnalyticsChannel>;
  /** Twilio's error code of a failed message (its receipts'), 0 when none is given. */
  failureCode(conversationSid: string, messageSid: string): Promise<number>;
  agentIdentities(): Promise<{ identity: string; attributes?: string | null }[]>;
}

export function createAnalyticsReader(rest: RestClient): AnalyticsReader {
  const service = () => rest.twilio.conversations.v1.services(rest.serviceSid);
  const background = <T>(task: () => Promise<T>) => rest.withPriority('background', task);

  return {
    conversations: () => background(() => service().conversations.list({ pageSize: CONVERSATION_PAGE })) as Promise<RestConversation[]>,

    async messages(sid, after, from) {
      const list = service().conversations(sid).messages;
      if (after < 0) return (await background(() => list.list({ pageSize: FIRST_READ_PAGE }))) as RestMessage[];
      const stop = Math.min(after, from ?? after);
      const out: RestMessage[] = [];
      type Paged = { instances: unknown[]; nextPageUrl?: string; nextPage(): Promise<Paged> | undefined };
      let page: Paged = await background(() => list.page({ pageSize: NEWEST_PAGE, order: 'desc' }));
      for (;;) {
        const items = page.instances as RestMessage[];
        out.push(...items);
        const lowest = items.length ? Math.min(...items.map((m) => m.index)) : -1;
        if (items.length === 0 || lowest <= stop + 1 || !page.nextPageUrl) break;
        const current = page;
        const older: Paged | undefined = await background(async () => current.nextPage());
        if (!older) break;
        page = older;
      }
      return out;
    },

    async channel(sid, isAgent) {
      const participants = await background(() => service().conversations(sid).participants.list({ pageSize: 100, limit: 100 }));
      const { channel } = audienceOf(participants as unknown as ParticipantLike[], isAgent);
      return channel === 'mixed' ? 'unknown' : channel;
    },

    async failureCode(conversationSid, messageSid) {
      const receipts = await background(() =>
        service().conversations(conversationSid).messages(messageSid).deliveryReceipts.list({ pageSize: 50, limit: 50 }),
      );
      const failed = receipts.find((r) => (r.status === 'failed' || r.status === 'undelivered') && r.errorCode);
      return failed?.errorCode ?? 0;
    },

    agentIdentities: () => background(() => service().users.list({ pageSize: 1000, limit: 10_000 })) as Promise<{ identity: string; attributes?: string | null }[]>,
  };
}
