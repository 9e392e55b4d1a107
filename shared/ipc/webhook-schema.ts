/**
 * The service's webhook settings (Twilio's `/v1/Services/{ChatServiceSid}/Configuration/Webhooks`),
 * a signed test event, and the Local workspace's recent deliveries. No secret travels here: the
 * Auth Token goes renderer → main once, to the vault, and never back.
 */
import { z } from 'zod';

/**
 * Twilio's `Filters` values for a service's webhook configuration (twilio-oai
 * twilio_conversations_v1.json, `service_webhook_configuration`): pre-event (`onXAdd`) and
 * post-event (`onXAdded`) names.
 */
export const WEBHOOK_FILTERS = [
  'onConversationAdd',
  'onConversationAdded',
  'onConversationUpdate',
  'onConversationUpdated',
  'onConversationRemove',
  'onConversationRemoved',
  'onConversationStateUpdated',
  'onParticipantAdd',
  'onParticipantAdded',
  'onParticipantUpdate',
  'onParticipantUpdated',
  'onParticipantRemove',
  'onParticipantRemoved',
  'onMessageAdd',
  'onMessageAdded',
  'onMessageUpdate',
  'onMessageUpdated',
  'onMessageRemove',
  'onMessageRemoved',
  'onDeliveryUpdated',
] as const;
export type WebhookFilter = (typeof WEBHOOK_FILTERS)[number];

/** The post-event ones, which reach the post-event URL this screen edits. */
export const POST_EVENT_FILTERS = [
  'onConversationAdded',
  'onConversationUpdated',
  'onConversationRemoved',
  'onConversationStateUpdated',
  'onParticipantAdded',
  'onParticipantUpdated',
  'onParticipantRemoved',
  'onMessageAdded',
  'onMessageUpdated',
  'onMessageRemoved',
  'onDeliveryUpdated',
] as const satisfies readonly WebhookFilter[];

export const webhookMethodSchema = z.enum(['POST', 'GET']);

/** An absolute http(s) URL; Twilio's own limit on a URL is not published, 2,048 is browsers'. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2048, 'validation.webhookUrl')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'validation.webhookUrl');

export const webhookSettingsSchema = z.object({
  /** Null when no post-event webhook is configured. */
  postWebhookUrl: z.string().max(4096).nullable(),
  /** Shown, not edited: a pre-event webhook can veto actions, which the desk does not manage. */
  preWebhookUrl: z.string().max(4096).nullable(),
  method: webhookMethodSchema,
  /** As Twilio holds them; names the desk does not know are kept when it saves. */
  filters: z.array(z.string().max(64)).max(64),
  /** The workspace can sign a test event: the Local workspace, or a Twilio profile whose Auth Token the vault holds. */
  canSign: z.boolean(),
  /** The Local workspace (whose emulator lists its deliveries). */
  local: z.boolean(),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export const webhookSaveSchema = z
  .object({
    /** Empty: no post-event webhook. */
    postWebhookUrl: z.union([z.literal(''), webhookUrlSchema]),
    method: webhookMethodSchema,
    filters: z.array(z.enum(WEBHOOK_FILTERS)).max(WEBHOOK_FILTERS.length),
  })
  // A URL with no event would receive nothing; and Twilio's API has no way to send an empty list.
  .refine((v) => v.postWebhookUrl === '' || v.filters.length > 0, { message: 'validation.webhookFiltersRequired', path: ['filters'] });
export type WebhookSave = z.infer<typeof webhookSaveSchema>;

export const webhookTestRequestSchema = z.object({ url: webhookUrlSchema, method: webhookMethodSchema });
export type WebhookTestRequest = z.infer<typeof webhookTestRequestSchema>;

/** What the URL did with a signed sample `onMessageAdded`: the renderer words each outcome. */
export const webhookTestResultSchema = z.object({
  outcome: z.enum(['answered', 'timeout', 'refused', 'unreachable']),
  /** The answer's HTTP status (`answered` only). */
  status: z.number().int().min(100).max(599).nullable(),
  /** From sending to the answer's last byte (or to giving up). */
  durationMs: z.number().min(0),
  /** The network's reason for `unreachable` (e.g. ENOTFOUND), to show as is. */
  detail: z.string().max(300).nullable(),
  eventType: z.literal('onMessageAdded'),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;

/** Twilio Auth Tokens are 32 hexadecimal characters. */
export const webhookAuthTokenSchema = z.object({
  authToken: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{32}$/, 'validation.authToken'),
});

export const webhookDeliverySchema = z.object({
  id: z.string().max(64),
  eventType: z.string().max(64),
  url: z.string().max(4096),
  method: webhookMethodSchema,
  state: z.enum(['pending', 'retrying', 'delivered', 'failed']),
  status: z.number().int().nullable(),
  error: z.string().max(500).nullable(),
  attempts: z.number().int().min(0),
  dateCreated: z.string().max(40),
  dateUpdated: z.string().max(40),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** `available: false` for a Twilio profile: Twilio shows its deliveries in the Console, not over an API. */
export const webhookDeliveriesSchema = z.object({
  available: z.boolean(),
  deliveries: z.array(webhookDeliverySchema).max(50),
});
export type WebhookDeliveries = z.infer<typeof webhookDeliveriesSchema>;
