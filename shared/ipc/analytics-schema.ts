/**
 * The analytics screen's report, computed in main from Twilio's REST data (conversations, their
 * messages and, where a conversation has no customer message, its participants). Every series is
 * per day of the window's own calendar: the renderer sends its local midnights as `days` (so
 * main needs no time-zone rules), and each series has one value per day between two boundaries.
 * Durations are milliseconds; dates epoch milliseconds. What each figure means: README "Analytics".
 */
import { z } from 'zod';

/** At most a year of days (367 boundaries). */
export const MAX_ANALYTICS_DAYS = 366;

export const analyticsRequestSchema = z.object({
  /** Ascending local midnights: day i is [days[i], days[i+1]). */
  days: z
    .array(z.number().int().nonnegative())
    .min(2)
    .max(MAX_ANALYTICS_DAYS + 1)
    .refine((d) => d.every((t, i) => i === 0 || t > (d[i - 1] as number)), 'days must ascend'),
  /** Read what changed in Twilio now, even if the last read is recent. */
  refresh: z.boolean().optional(),
});
export type AnalyticsRequest = z.infer<typeof analyticsRequestSchema>;

export const analyticsChannelSchema = z.enum(['sms', 'whatsapp', 'chat', 'unknown']);
export type AnalyticsChannel = z.infer<typeof analyticsChannelSchema>;
export const ANALYTICS_CHANNELS = analyticsChannelSchema.options;

const counts = z.array(z.number().int().nonnegative()).max(MAX_ANALYTICS_DAYS);
const perChannel = z.object({ sms: counts, whatsapp: counts, chat: counts, unknown: counts });

/** Median and 90th percentile (nearest rank) of `count` durations; null when there are none. */
export const durationStatSchema = z.object({
  /** A channel, an agent's identity, or "" for no agent (unassigned). */
  key: z.string().max(256),
  count: z.number().int().nonnegative(),
  median: z.number().nonnegative().nullable(),
  p90: z.number().nonnegative().nullable(),
});
export type DurationStat = z.infer<typeof durationStatSchema>;

const durationGroups = z.object({
  all: durationStatSchema,
  byChannel: z.array(durationStatSchema).max(8),
  byAgent: z.array(durationStatSchema).max(500),
});
export type DurationGroups = z.infer<typeof durationGroups>;

export const campaignFunnelSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(100),
  sent: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
  replied: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Failed or undelivered sends by Twilio error code (0: Twilio gave none). */
  failures: z.array(z.object({ code: z.number().int().nonnegative(), count: z.number().int().positive() })).max(100),
});
export type CampaignFunnel = z.infer<typeof campaignFunnelSchema>;

export const analyticsStatusSchema = z.object({
  /** Every conversation has been read at least once. */
  complete: z.boolean(),
  /** A read of what changed is under way (analytics:changed says when it ends). */
  refreshing: z.boolean(),
  /** When the last read finished; null before the first. */
  readAt: z.number().nullable(),
  conversations: z.number().int().nonnegative(),
  messages: z.number().int().nonnegative(),
  /** What the last read failed with, in Twilio's words; null when it did not. */
  error: z.string().max(500).nullable(),
});
export type AnalyticsStatus = z.infer<typeof analyticsStatusSchema>;

export const analyticsReportSchema = z.object({
  status: analyticsStatusSchema,
  /** The request's boundaries, echoed. */
  days: z.array(z.number()).max(MAX_ANALYTICS_DAYS + 1),
  /** The identity whose "Mine" the backlog counts. */
  identity: z.string().max(256),
  opened: perChannel,
  resolved: perChannel,
  /** Open conversations at the end of each day (or now, for today), by the view they were in. */
  backlog: z.object({ unassigned: counts, mine: counts, snoozed: counts }),
  firstResponse: durationGroups,
  resolution: durationGroups,
  /** Conversations whose first customer message is in the range and nobody answered yet. */
  unanswered: z.number().int().nonnegative(),
  messages: z.object({ inbound: counts, outbound: counts }),
  campaigns: z.array(campaignFunnelSchema).max(200),
});
export type AnalyticsReport = z.infer<typeof analyticsReportSchema>;

/** Main → renderer: a read finished (or failed); ask for the report again. */
export const analyticsChangedSchema = z.object({ status: analyticsStatusSchema });
