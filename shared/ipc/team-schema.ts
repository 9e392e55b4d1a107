/**
 * The agent inbox's part of the IPC contract: the team queue main reads service-wide over REST,
 * the REST-only actions on it (assign, resolve, snooze, reopen), the service's agents, the shared
 * REST client's health, and the profile's canned responses.
 *
 * Where the data lives in Twilio: the assignee and the snooze wake-up time are kept in the
 * conversation's attributes under the `desk` key (see `deskAttributesSchema`), so every agent and
 * every desk sees the same; resolved is Twilio's `closed` state, snoozed is `inactive` plus a wake-up time.
 */
import { z } from 'zod';
import { attributesRecord } from '../domain/json-attributes';
import { campaignTagSchema } from '../domain/campaign-attributes';

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-f]{32}$`));
const conversationSid = sid('CH');

export const conversationStateSchema = z.enum(['active', 'inactive', 'closed']);
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** `unknown` until main has read the conversation's participants. */
export const queueChannelSchema = z.enum(['sms', 'whatsapp', 'chat', 'mixed', 'unknown']);
export type QueueChannel = z.infer<typeof queueChannelSchema>;

/** The desk's own keys inside a conversation's attributes (`attributes.desk`). Other keys are left alone. */
export const deskAttributesSchema = z.object({
  /** Identity of the agent who owns the conversation; absent or null when unassigned. */
  assignee: z.string().max(256).nullable().optional(),
  /** ISO 8601, when it was assigned. */
  assignedAt: z.string().max(40).optional(),
  /** ISO 8601 wake-up time of a snoozed (inactive) conversation. */
  snoozedUntil: z.string().max(40).nullable().optional(),
  /** Earlier conversations with the same customer (newest first), for "resolved then wrote again". */
  previous: z.array(conversationSid).max(20).optional(),
  /** The campaign that last messaged the customer here (see shared/domain/campaign-attributes.ts). */
  campaign: campaignTagSchema.optional(),
});
export type DeskAttributes = z.infer<typeof deskAttributesSchema>;

/** One conversation of the service as the team queue shows it. Dates are epoch milliseconds. */
export const queueRowSchema = z.object({
  sid: conversationSid,
  friendlyName: z.string().max(512).nullable(),
  uniqueName: z.string().max(512).nullable(),
  state: conversationStateSchema,
  dateCreated: z.number(),
  dateUpdated: z.number(),
  assignee: z.string().max(256).nullable(),
  snoozedUntil: z.number().nullable(),
  channel: queueChannelSchema,
  /** The customer's address (e.g. "whatsapp:+1415…", "+1415…") or, failing that, a non-agent identity. */
  customer: z.string().max(256).nullable(),
  previous: z.array(conversationSid).max(20),
  /** The campaign that last messaged the customer here (`desk.campaign.name`), shown as a tag. */
  campaign: z.string().max(100).nullable().optional(),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

/** The whole queue as main holds it; `complete` is false while the first read is still paging. */
export const queueSnapshotSchema = z.object({
  rows: z.array(queueRowSchema).max(200_000),
  version: z.number().int().min(0),
  complete: z.boolean(),
  /** When the last full or incremental read finished (epoch ms); null before the first. */
  refreshedAt: z.number().nullable(),
});
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>;

/** What changed since `version - 1`; a renderer that missed a version asks for a snapshot again. */
export const queueChangesSchema = z.object({
  version: z.number().int().min(0),
  upserts: z.array(queueRowSchema).max(200_000),
  removed: z.array(conversationSid).max(200_000),
  complete: z.boolean(),
});
export type QueueChanges = z.infer<typeof queueChangesSchema>;

export const assignRequestSchema = z.object({
  conversationSid,
  /** The new assignee; null unassigns. */
  assignee: z.string().trim().min(1).max(256).nullable(),
  /**
   * Who the agent saw as assignee when they acted (null: unassigned). If someone else got there
   * first the call answers `taken` instead of overwriting them. Omit to force (a lead's transfer).
   */
  expected: z.string().max(256).nullable().optional(),
});
export type AssignRequest = z.infer<typeof assignRequestSchema>;

export const assignResultSchema = z.object({
  outcome: z.enum(['assigned', 'unassigned', 'taken']),
  /** The assignee now, as Twilio holds it (for `taken`: who has it). */
  assignee: z.string().max(256).nullable(),
  row: queueRowSchema,
});
export type AssignResult = z.infer<typeof assignResultSchema>;

export const stateRequestSchema = z.discriminatedUnion('action', [
  z.object({ conversationSid, action: z.literal('resolve') }),
  /** `until`: epoch ms, in the future. */
  z.object({ conversationSid, action: z.literal('snooze'), until: z.number().int().positive() }),
  z.object({ conversationSid, action: z.literal('reopen') }),
]);
export type StateRequest = z.infer<typeof stateRequestSchema>;

export const agentsSchema = z.object({ identities: z.array(z.string().max(256)).max(10_000) });

/** The shared REST client's view of Twilio, for Settings' "API health" line. */
export const apiHealthSchema = z.object({
  requestsPerMinute: z.number().min(0),
  throttledLastHour: z.number().int().min(0),
  medianDurationMs: z.number().min(0).nullable(),
  /** Last `Twilio-Concurrent-Requests` seen; null when Twilio did not send it. */
  concurrentRequests: z.number().int().min(0).nullable(),
  /** The governor's current ceiling on requests in flight. */
  concurrencyLimit: z.number().int().min(1),
  lastError: z.string().max(500).nullable(),
});
export type ApiHealth = z.infer<typeof apiHealthSchema>;

export const CANNED_NAME_MAX = 60;
export const CANNED_BODY_MAX = 1600;
export const CANNED_MAX_ITEMS = 500;

export const cannedResponseSchema = z.object({
  id: z.string().min(1).max(64),
  name: z
    .string()
    .trim()
    .min(1, 'validation.cannedNameRequired')
    .max(CANNED_NAME_MAX, 'validation.cannedNameTooLong')
    .regex(/^[\p{L}\p{N}_-]+$/u, 'validation.cannedNameChars'),
  body: z.string().min(1, 'validation.cannedBodyRequired').max(CANNED_BODY_MAX, 'validation.cannedBodyTooLong'),
});
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

export const cannedListSchema = z.object({ items: z.array(cannedResponseSchema).max(CANNED_MAX_ITEMS) });

/** Import report: what was added, replaced (same name) and refused, with the reason per entry. */
export const cannedImportResultSchema = z.object({
  items: z.array(cannedResponseSchema).max(CANNED_MAX_ITEMS),
  added: z.number().int().min(0),
  replaced: z.number().int().min(0),
  refused: z.array(z.object({ index: z.number().int().min(0), reason: z.string().max(300) })).max(CANNED_MAX_ITEMS),
});

/** A page of a conversation's messages read over REST, for the read-only thread of a row the agent is not in. */
export const teamMessagesRequestSchema = z.object({
  conversationSid,
  /** From the previous answer's `olderPageToken`; omitted for the newest page. */
  pageToken: z.string().min(1).max(512).optional(),
});
export type TeamMessagesRequest = z.infer<typeof teamMessagesRequestSchema>;

export const teamMessageSchema = z.object({
  sid: sid('IM'),
  index: z.number().int().min(0),
  author: z.string().max(256).nullable(),
  body: z.string().max(10_000).nullable(),
  /** Epoch ms. */
  dateCreated: z.number(),
  /** How many media files the message carries (their content is not fetched here). */
  media: z.number().int().min(0),
});
export type TeamMessage = z.infer<typeof teamMessageSchema>;

export const teamMessagesSchema = z.object({
  /** Oldest first within the page. */
  messages: z.array(teamMessageSchema).max(100),
  /** The page before this one (older messages); null at the start of the conversation. */
  olderPageToken: z.string().max(512).nullable(),
});
export type TeamMessages = z.infer<typeof teamMessagesSchema>;

/**
 * The team feed: one chat conversation per service (this unique name) that every agent's desk is
 * a participant of. After each desk action main posts a small message there over REST, so every
 * other desk's SDK hears of it live (Twilio pushes nothing service-wide to a desktop client).
 * The desk never shows this conversation: it is plumbing, not an inbox row.
 */
export const TEAM_FEED_UNIQUE_NAME = 'desk-team-feed';

/**
 * A closed conversation is final in Twilio (updates fail with 50377, so its unique name cannot be
 * freed): when the feed is closed (an inactive/closed timer, an admin) desks make the next one,
 * `desk-team-feed-2`, `-3`, …. Every one of them is the feed, never an inbox row.
 */
export const teamFeedUniqueName = (generation: number): string =>
  generation <= 1 ? TEAM_FEED_UNIQUE_NAME : `${TEAM_FEED_UNIQUE_NAME}-${generation}`;

export const isTeamFeedUniqueName = (name: string | null | undefined): boolean =>
  typeof name === 'string' && (name === TEAM_FEED_UNIQUE_NAME || /^desk-team-feed-\d+$/.test(name));

/**
 * `claimed`: a desk's claim was written and is still settling against rivals (see team-actions);
 * other desks re-read the conversation at once, and the winner's `assigned` follows.
 */
export const feedKindSchema = z.enum(['claimed', 'assigned', 'unassigned', 'resolved', 'snoozed', 'reopened', 'woke']);
export type FeedKind = z.infer<typeof feedKindSchema>;

/** A feed message's attributes (`{"deskFeed": …}`), well within Twilio's 4 KB per message. */
export const feedEventSchema = z.object({
  v: z.literal(1),
  conversationSid,
  kind: feedKindSchema,
  assignee: z.string().max(256).nullable(),
  state: conversationStateSchema,
});
export type FeedEvent = z.infer<typeof feedEventSchema>;

/** A feed message's event from its attributes (a JSON string over REST, an object in the SDK); null for anything else. */
export function feedEventOf(attributes: unknown): FeedEvent | null {
  const record = attributesRecord(attributes);
  const parsed = feedEventSchema.safeParse(record?.['deskFeed']);
  return parsed.success ? parsed.data : null;
}

/** A conversation another desk just changed (heard on the team feed): main reads it again now. */
export const teamTouchRequestSchema = z.object({
  conversationSid,
  /** What the other desk said it wrote: shown at once, until main's own read answers. */
  heard: z.object({ assignee: z.string().max(256).nullable(), state: conversationStateSchema }).optional(),
});
export type TeamTouchRequest = z.infer<typeof teamTouchRequestSchema>;
