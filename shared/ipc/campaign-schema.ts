/**
 * Campaigns (issue 12): one message to every recipient of a segment, sent by main over REST.
 * No electron, node: or DOM imports here.
 */
import { z } from 'zod';
import { accountNumbersSchema } from './customer-schema';
import { segmentSummarySchema } from './segment-schema';

export const campaignIdSchema = z.string().regex(/^cmp_[0-9a-z]{8,40}$/);
export const campaignChannelSchema = z.enum(['sms', 'whatsapp']);
export type CampaignChannel = z.infer<typeof campaignChannelSchema>;

/** Where a template variable's value comes from: a recipient field (name, email, company, a CSV column) or fixed text. */
export const campaignVariableSchema = z.object({
  source: z.enum(['field', 'text']),
  value: z.string().max(1024),
});
export type CampaignVariable = z.infer<typeof campaignVariableSchema>;

export const campaignMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), body: z.string().trim().min(1, 'validation.campaignBodyRequired').max(1600, 'validation.smsBodyTooLong') }),
  z.object({
    kind: z.literal('template'),
    contentSid: z.string().regex(/^HX[0-9a-f]{32}$/, 'validation.campaignTemplateRequired'),
    variables: z.record(z.string().max(16), campaignVariableSchema),
  }),
]);
export type CampaignMessage = z.infer<typeof campaignMessageSchema>;

export const campaignDraftSchema = z.object({
  name: z.string().trim().min(1, 'validation.nameRequired').max(100, 'validation.nameTooLong'),
  segmentId: z.string().min(1, 'validation.campaignSegmentRequired').max(64),
  channel: campaignChannelSchema,
  /** The business number (E.164) or WhatsApp sender (`whatsapp:` + E.164). */
  from: z.string().min(1, 'validation.campaignFromRequired').max(74),
  message: campaignMessageSchema,
  /** Epoch ms to start at; null sends now. */
  sendAt: z.number().int().nonnegative().nullable(),
});
export type CampaignDraft = z.infer<typeof campaignDraftSchema>;

export const campaignStatusSchema = z.enum(['scheduled', 'sending', 'paused', 'cancelled', 'completed']);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

export const campaignSummarySchema = z.object({
  id: campaignIdSchema,
  name: z.string(),
  channel: campaignChannelSchema,
  from: z.string(),
  segmentName: z.string(),
  status: campaignStatusSchema,
  total: z.number().int().nonnegative(),
  /** Twilio accepted the message (delivered and failed-on-receipt ones included). */
  sent: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
  /** Refused over REST or failed on the receipt. */
  failed: z.number().int().nonnegative(),
  /** Recipients with an outcome (sent, failed or skipped). */
  done: z.number().int().nonnegative(),
  /** Not reached because the campaign was cancelled. */
  skipped: z.number().int().nonnegative(),
  createdAt: z.number(),
  sendAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Recipients per second over the last few seconds; null when not sending. */
  rate: z.number().nonnegative().nullable(),
  /** Milliseconds left at the current rate; null when unknown. */
  etaMs: z.number().nonnegative().nullable(),
  /** SMS segments per message (text campaigns), for the cost estimate. */
  segmentsPerMessage: z.number().int().nonnegative(),
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

export const recipientStatusSchema = z.enum(['pending', 'sending', 'sent', 'delivered', 'failed', 'skipped']);
export type RecipientStatus = z.infer<typeof recipientStatusSchema>;

export const campaignResultSchema = z.object({
  address: z.string(),
  name: z.string(),
  status: recipientStatusSchema,
  /** Twilio's error code (REST refusal or failed receipt), else null. */
  errorCode: z.number().int().nullable(),
  /** Twilio's own words for a REST refusal; null otherwise (the window explains known codes). */
  errorMessage: z.string().max(1000).nullable(),
  /** The desk's own reason when it did not send (a template variable with no value for this recipient). */
  reason: z.enum(['emptyVariable']).nullable(),
  conversationSid: z.string().nullable(),
  messageSid: z.string().nullable(),
});
export type CampaignResult = z.infer<typeof campaignResultSchema>;

export const campaignResultsSchema = z.object({ campaign: campaignSummarySchema, results: z.array(campaignResultSchema).max(100_000) });
export type CampaignResults = z.infer<typeof campaignResultsSchema>;

export const campaignTemplateSchema = z.object({
  sid: z.string().regex(/^HX[0-9a-f]{32}$/),
  name: z.string().max(256),
  /** The template's variable keys ("1", "2", …) with their samples. */
  variables: z.record(z.string().max(16), z.string().max(1024)),
  /** The text body (twilio/text or the body of the richer type), for the preview. */
  body: z.string().max(2000),
  /** WhatsApp's approval (`approved`, `pending`, `rejected`, … or `unsubmitted`). */
  whatsapp: z.string().max(40),
});
export type CampaignTemplate = z.infer<typeof campaignTemplateSchema>;

export const campaignOptionsSchema = z.object({
  segments: z.array(segmentSummarySchema).max(10_000),
  numbers: accountNumbersSchema,
  templates: z.array(campaignTemplateSchema).max(2_000),
  /** The SMS price per segment used for the estimate (USD), from the setting. */
  pricePerSegmentUsd: z.number().nonnegative(),
});
export type CampaignOptions = z.infer<typeof campaignOptionsSchema>;

export const campaignControlSchema = z.object({ id: campaignIdSchema, action: z.enum(['pause', 'resume', 'cancel']) });
export type CampaignControl = z.infer<typeof campaignControlSchema>;

/** Default SMS price per segment for the estimate: Twilio's US list price for outbound SMS (carrier fees not included). */
export const DEFAULT_SMS_PRICE_PER_SEGMENT_USD = 0.0083;
