/**
 * How a campaign marks what it sends, in Twilio itself (so every desk, the analytics and a resumed
 * campaign read the same thing back):
 * - each message a campaign sends carries `{ "campaign": { id, name, recipient } }` in its
 *   attributes (4 KB per message): after a crash the campaign reads its conversations' messages
 *   back and finds who already got one before sending again;
 * - the conversation it sent in carries `desk.campaign: { id, name }` (see team-schema's
 *   deskAttributesSchema), so the customer's reply lands in the inbox tagged with the campaign.
 * No electron, node: or DOM imports here.
 */
import { z } from 'zod';
import { attributesRecord } from './json-attributes';

export const CAMPAIGN_ATTRIBUTE = 'campaign';

export const campaignTagSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(100),
});
export type CampaignTag = z.infer<typeof campaignTagSchema>;

export const campaignMessageAttributeSchema = campaignTagSchema.extend({
  /** The recipient's address as the campaign addressed them (E.164 or `whatsapp:` + E.164). */
  recipient: z.string().min(1).max(256),
});
export type CampaignMessageAttribute = z.infer<typeof campaignMessageAttributeSchema>;

/** The campaign mark in a message's attributes (a JSON string over REST, an object in the SDK), or null. */
export function campaignOfMessage(attributes: unknown): CampaignMessageAttribute | null {
  const record = attributesRecord(attributes);
  const parsed = campaignMessageAttributeSchema.safeParse(record?.[CAMPAIGN_ATTRIBUTE]);
  return parsed.success ? parsed.data : null;
}
