import { describe, expect, it } from 'vitest';
import { createColdInbox, inboxFromUserConversations, type UserConversationFields } from '../../../electron/main/cold-inbox';
import { createRestClient } from '../../../electron/main/rest/rest-client';
import { inboxCacheSchema } from '../../../shared/ipc/inbox-cache-schema';

const hex = (c: string) => c.repeat(32);
/** The window's count from the two indexes (renderer/src/store/unread.ts; the renderer is another TS project). */
const computeUnread = (last: number | null, read: number | null) => (last === null ? 0 : read === null ? last + 1 : Math.max(0, last - read));
const access = { accountSid: `AC${hex('1')}`, apiKeySid: `SK${hex('2')}`, apiKeySecret: 'secret', serviceSid: `IS${hex('3')}`, restBaseUrl: 'http://127.0.0.1:9' };

const row = (sid: string, over: Partial<UserConversationFields> = {}): UserConversationFields => ({
  conversationSid: sid,
  friendlyName: `Name ${sid}`,
  uniqueName: null,
  unreadMessagesCount: 0,
  lastReadMessageIndex: 4,
  dateUpdated: new Date('2026-11-28T10:00:00Z'),
  notificationLevel: 'default',
  ...over,
});

/** A User Conversation as twilio_conversations_v1.json shapes it (conversations.v1.user.user_conversation). */
const resource = (sid: string, over: Record<string, unknown> = {}) => ({
  account_sid: access.accountSid,
  chat_service_sid: access.serviceSid,
  conversation_sid: sid,
  unread_messages_count: 2,
  last_read_message_index: 5,
  participant_sid: `MB${hex('4')}`,
  user_sid: `US${hex('5')}`,
  friendly_name: 'Jack Wilson',
  conversation_state: 'active',
  timers: {},
  attributes: '{}',
  date_created: '2026-11-28T09:00:00Z',
  date_updated: '2026-11-28T10:00:00Z',
  created_by: 'system',
  notification_level: 'default',
  unique_name: null,
  url: '',
  links: {},
  ...over,
});

describe('a cold start’s inbox from User Conversations', () => {
  it('gives each row the unread count Twilio reported, as the window computes it', () => {
    const cache = inboxFromUserConversations(
      [row('CHa', { unreadMessagesCount: 3, lastReadMessageIndex: 7 }), row('CHb', { unreadMessagesCount: 0, lastReadMessageIndex: 2 }), row('CHc', { unreadMessagesCount: 1, lastReadMessageIndex: 0 })],
      1,
    );
    const unread = Object.fromEntries(cache.conversations.map((c) => [c.sid, computeUnread(c.lastMessageIndex, c.lastReadIndex)]));
    expect(unread).toEqual({ CHa: 3, CHb: 0, CHc: 1 });
  });

  it('shows no count where Twilio gives none (no read horizon yet), rather than a guess, nor "No messages"', () => {
    const [c] = inboxFromUserConversations([row('CHa', { unreadMessagesCount: null, lastReadMessageIndex: null })], 1).conversations;
    // A message index (the SDK's -1, "none known"): the row says neither a count nor "No messages".
    expect(c).toMatchObject({ lastReadIndex: null, lastMessageIndex: -1 });
    expect(computeUnread(c!.lastMessageIndex, c!.lastReadIndex)).toBe(0);
  });

  it('leaves out the team feed, which is never an inbox row', () => {
    const cache = inboxFromUserConversations(
      [row('CHfeed', { uniqueName: 'desk-team-feed', dateUpdated: new Date('2026-11-29T00:00:00Z') }), row('CHfeed2', { uniqueName: 'desk-team-feed-2' }), row('CHa')],
      1,
    );
    expect(cache.conversations.map((c) => c.sid)).toEqual(['CHa']);
  });

  it('is a valid copy, newest first, with long names clipped and muted kept', () => {
    const long = 'x'.repeat(400);
    const cache = inboxFromUserConversations(
      [
        row('CHold', { dateUpdated: new Date('2026-11-01T00:00:00Z') }),
        row('CHnew', { dateUpdated: new Date('2026-11-28T00:00:00Z'), friendlyName: long, notificationLevel: 'muted' }),
        row('CHnone', { dateUpdated: null }),
      ],
      42,
    );
    expect(inboxCacheSchema.safeParse(cache).success).toBe(true);
    expect(cache.savedAt).toBe(42);
    expect(cache.conversations.map((c) => c.sid)).toEqual(['CHnew', 'CHold', 'CHnone']);
    expect(cache.conversations[0]?.friendlyName?.length).toBe(256);
    expect(cache.conversations[0]?.notificationLevel).toBe('muted');
    expect(cache.conversations.every((c) => c.lastMessage === null && c.channel === 'chat')).toBe(true);
  });

  it('reads one page of 1,000 of the agent’s User Conversations, at the interactive priority', async () => {
    const sent: string[] = [];
    const params: unknown[] = [];
    const rest = createRestClient(access, {
      governor: { initial: 1 },
      send: async (opts) => {
        sent.push(opts.uri);
        params.push(opts.params);
        return {
          statusCode: 200,
          body: { conversations: [resource(`CH${hex('a')}`), resource(`CH${hex('b')}`, { date_updated: '2026-11-28T11:00:00Z', unread_messages_count: 0 })], meta: { page: 0, page_size: 1000, next_page_url: null } },
          headers: {},
        };
      },
    });
    // Queued background work must not hold the first screen back.
    let priority: string | undefined;
    const spy = { ...rest, withPriority: <T>(p: 'interactive' | 'background', task: () => Promise<T>) => ((priority = p), rest.withPriority(p, task)) };
    const cold = createColdInbox({ client: async () => ({ rest: spy, identity: 'agent@desk.local', profileId: 'local' }), now: () => 7 });
    const cache = await cold.firstPage('local');
    expect(priority).toBe('interactive');
    expect(sent).toHaveLength(1);
    const url = new URL(sent[0]!);
    expect(decodeURIComponent(url.pathname)).toBe(`/v1/Services/${access.serviceSid}/Users/agent@desk.local/Conversations`);
    expect(params[0]).toMatchObject({ PageSize: 1000 });
    expect(cache?.conversations.map((c) => [c.sid, computeUnread(c.lastMessageIndex, c.lastReadIndex)])).toEqual([
      [`CH${hex('b')}`, 0],
      [`CH${hex('a')}`, 2],
    ]);
    rest.close();
  });

  it('answers null when the read fails: the SDK lists the inbox anyway', async () => {
    const lines: string[] = [];
    const rest = createRestClient(access, { maxRetries: 0, send: async () => ({ statusCode: 403, body: { code: 20003, message: 'Authenticate', status: 403 }, headers: {} }) });
    const cold = createColdInbox({ client: async () => ({ rest, identity: 'agent@desk.local', profileId: 'local' }), log: (l) => lines.push(l) });
    expect(await cold.firstPage('local')).toBeNull();
    expect(lines.join('\n')).toMatch(/cold-inbox: no first page/);
    expect(await createColdInbox({ client: async () => Promise.reject(new Error('no profile')) }).firstPage('local')).toBeNull();
    rest.close();
  });

  it("reads nothing with another profile's client: a switch before the read cannot list one account's inbox as another's", async () => {
    const sent: string[] = [];
    const rest = createRestClient(access, { maxRetries: 0, send: async (opts) => (sent.push(opts.uri), { statusCode: 200, body: { conversations: [], meta: { page: 0, page_size: 1000, next_page_url: null } }, headers: {} }) });
    const lines: string[] = [];
    const cold = createColdInbox({ client: async () => ({ rest, identity: 'other@desk.local', profileId: 'other' }), log: (l) => lines.push(l) });
    expect(await cold.firstPage('local')).toBeNull();
    expect(sent).toEqual([]);
    expect(lines.join('\n')).toMatch(/another profile/);
    expect(await cold.firstPage('other')).not.toBeNull();
    expect(sent).toHaveLength(1);
    rest.close();
  });
});
