/**
 * Customer profiles (issue 11): who a customer is, kept in Twilio in the attributes of the
 * customer's participants (key `profile`, plus the top-level `name` Flex and Studio read), in step
 * across every open conversation of every address linked to the same person.
 * No electron, node: or DOM imports here.
 */
import { z } from 'zod';

/** Twilio's limit on a participant's attributes (https://www.twilio.com/docs/conversations/attributes). */
export const PARTICIPANT_ATTRIBUTES_BYTES = 4096;
/** Linked addresses per person: an SMS number and a WhatsApp number, and a few more. */
export const MAX_LINKED_ADDRESSES = 6;
export const MAX_TAGS = 20;

const conversationSid = z.string().regex(/^CH[0-9a-f]{32}$/, 'validation.conversationSid');

/** A customer's SMS number (E.164) or WhatsApp address (`whatsapp:` + E.164), as Twilio stores them. */
export const customerAddressSchema = z
  .string()
  .trim()
  .regex(/^(whatsapp:)?\+[1-9]\d{6,14}$/, 'validation.customerAddress');

// Deliberately plain: one @, something on each side, a dot in the domain, no spaces. Stricter
// checks refuse real addresses; this one catches the typos an agent makes.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

/**
 * What the agent edits. Notes are bounded by the 4 KB of the participant's attributes, checked as
 * a whole in main (in bytes, with the other keys); the bound here only keeps requests sane.
 */
export const customerFieldsSchema = z.object({
  name: z.string().trim().max(200, 'validation.profileNameTooLong'),
  email: z
    .string()
    .trim()
    .max(254, 'validation.profileEmail')
    .refine((v) => v === '' || EMAIL.test(v), 'validation.profileEmail'),
  company: z.string().trim().max(200, 'validation.profileCompanyTooLong'),
  tags: z.array(z.string().trim().min(1).max(40, 'validation.profileTagTooLong')).max(MAX_TAGS, 'validation.profileTooManyTags'),
  notes: z.string().max(4 * PARTICIPANT_ATTRIBUTES_BYTES, 'validation.profileTooLarge'),
});
export type CustomerFields = z.infer<typeof customerFieldsSchema>;

export const EMPTY_FIELDS: CustomerFields = { name: '', email: '', company: '', tags: [], notes: '' };

/** The profile as stored under `profile` in each of the customer's participants' attributes. */
export const storedProfileSchema = customerFieldsSchema.extend({
  v: z.literal(1),
  /** Every address of this person, this one included (one entry when nothing is linked). */
  addresses: z.array(customerAddressSchema).max(MAX_LINKED_ADDRESSES),
  /** ISO 8601; the newest copy wins when a write reached only some participants. */
  updatedAt: z.string().max(40),
  updatedBy: z.string().max(256).nullable(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

export const customerChannelSchema = z.enum(['sms', 'whatsapp']);
export type CustomerChannel = z.infer<typeof customerChannelSchema>;

/** One conversation the customer takes part in (Participant Conversations by address). */
export const customerConversationSchema = z.object({
  sid: conversationSid,
  friendlyName: z.string().max(512).nullable(),
  state: z.enum(['active', 'inactive', 'closed']),
  channel: customerChannelSchema,
  /** The customer's address in it. */
  address: z.string().max(256),
  /** The business number or WhatsApp sender it talks to. */
  proxyAddress: z.string().max(256).nullable(),
  participantSid: z.string().max(64),
  /** Epoch ms. */
  dateCreated: z.number(),
  dateUpdated: z.number(),
});
export type CustomerConversation = z.infer<typeof customerConversationSchema>;

export const customerProfileSchema = z.object({
  /** The address asked about. */
  address: z.string().max(256),
  fields: customerFieldsSchema,
  /** This person's addresses, the asked one first. */
  addresses: z.array(z.string().max(256)).max(MAX_LINKED_ADDRESSES),
  /** Every conversation of every address, newest activity first. */
  conversations: z.array(customerConversationSchema).max(2000),
  updatedAt: z.string().max(40).nullable(),
  updatedBy: z.string().max(256).nullable(),
});
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

export const customerRequestSchema = z.object({ address: customerAddressSchema });

export const customerSaveSchema = z.object({
  address: customerAddressSchema,
  fields: customerFieldsSchema,
  /** The conversation on screen: its participant is written first, at interactive priority. */
  conversationSid: conversationSid.optional(),
});
export type CustomerSave = z.infer<typeof customerSaveSchema>;

export const customerLinkSchema = z.object({
  address: customerAddressSchema,
  /** The other address of the same person (e.g. their WhatsApp when `address` is their SMS number). */
  other: customerAddressSchema,
  conversationSid: conversationSid.optional(),
});
export type CustomerLink = z.infer<typeof customerLinkSchema>;

export const startConversationSchema = z.object({
  /** The customer's address on the new channel (`whatsapp:+…` or `+…`). */
  address: customerAddressSchema,
  /** The business number (SMS) or WhatsApp sender (`whatsapp:+…`) to talk from. */
  proxyAddress: customerAddressSchema,
  /** The address whose profile the new conversation's participant carries (the one on screen). */
  profileAddress: customerAddressSchema.optional(),
});
export type StartConversation = z.infer<typeof startConversationSchema>;

export const startConversationResultSchema = z.object({
  conversationSid: conversationSid,
  /** The customer already had an open conversation with that business number: that one, not a new one. */
  existing: z.boolean(),
});
export type StartConversationResult = z.infer<typeof startConversationResultSchema>;

/** The account's numbers the desk can talk from. */
export const accountNumbersSchema = z.object({
  sms: z.array(z.object({ number: z.string().max(64), friendlyName: z.string().max(128).nullable() })).max(1000),
  whatsapp: z.array(z.object({ number: z.string().max(74), friendlyName: z.string().max(128).nullable() })).max(1000),
});
export type AccountNumbers = z.infer<typeof accountNumbersSchema>;

/** The channel of a customer address. */
export const channelOfAddress = (address: string): CustomerChannel => (address.startsWith('whatsapp:') ? 'whatsapp' : 'sms');

/** "+14155550177" of either form. */
export const bareNumber = (address: string): string => (address.startsWith('whatsapp:') ? address.slice('whatsapp:'.length) : address);

/** The participant attributes with this profile written in (other keys kept), as Twilio stores them. */
export function attributesWithProfile(attributes: Record<string, unknown>, profile: StoredProfile): Record<string, unknown> {
  const next: Record<string, unknown> = { ...attributes, profile };
  // The top-level name is what Flex, Studio and the desk's rows read: it follows the profile.
  if (profile.name) next['name'] = profile.name;
  else delete next['name'];
  return next;
}

/** Size in bytes of attributes as JSON text, as Twilio counts them. */
export const attributesBytes = (attributes: unknown): number => new TextEncoder().encode(JSON.stringify(attributes)).length;
