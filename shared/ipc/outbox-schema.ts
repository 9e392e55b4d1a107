/**
 * The outbox: messages the agent sent that the service has not confirmed yet, and the agent's
 * drafts. Main keeps both per profile, encrypted like the inbox cache, so a queued message and
 * its attachments survive a quit, a crash or a power cut, and a draft is not plain text on disk.
 * No electron, node: or DOM imports here.
 */
import { z } from 'zod';

/**
 * The message attribute that carries a queued message's idempotency key. After a restart the desk
 * looks for it among the conversation's recent messages before sending again, so a send that
 * reached Twilio just before the app died is not sent twice. ~60 bytes of Twilio's 4 KB per message.
 */
export const OUTBOX_KEY_ATTRIBUTE = 'deskOutboxKey';
/** How many of a conversation's newest messages are searched for a key before a resend. */
export const OUTBOX_LOOKBACK_MESSAGES = 50;
/**
 * Attachments a queued message may keep, in total (base64 on the wire and encrypted on disk).
 * Larger sends still work; they just cannot wait for the connection: they fail with Retry.
 */
export const MAX_QUEUED_ATTACHMENT_BYTES = 16 * 1024 * 1024;
/** Twilio caps a Conversations message body at 32 KB (SMS and WhatsApp at 1,600 characters). */
export const MAX_QUEUED_BODY_CHARS = 32 * 1024;
/** Far above any real queue; a bound so a bad call can't fill the disk. */
export const MAX_QUEUED_MESSAGES = 1_000;
export const MAX_DRAFT_CHARS = 32 * 1024;
/** One per conversation at most; the inbox cache's bound. */
export const MAX_DRAFTS = 100_000;

const conversationSid = z.string().regex(/^CH[0-9a-f]{32}$/, 'Not a conversation SID');
/** A random UUID: the entry's id, the pending row's id and the idempotency key at once. */
export const outboxKeySchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'Not an outbox key');

export const queuedAttachmentSchema = z.object({
  name: z.string().min(1).max(255),
  type: z.string().max(255),
  size: z.number().int().min(0),
  /** Base64 bytes. */
  data: z.string().max(Math.ceil((MAX_QUEUED_ATTACHMENT_BYTES * 4) / 3) + 4),
});
export type QueuedAttachment = z.infer<typeof queuedAttachmentSchema>;

export const outboxEntrySchema = z.object({
  key: outboxKeySchema,
  conversationSid,
  body: z.string().max(MAX_QUEUED_BODY_CHARS),
  attachments: z.array(queuedAttachmentSchema).max(20),
  /** Milliseconds since epoch; queued messages go out in this order within a conversation. */
  createdAt: z.number().finite(),
  /** Sends started (for diagnostics): after a restart every entry is looked for before it is sent again. */
  attempts: z.number().int().min(0),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** [conversation SID, text]; an empty text deletes that draft. */
export const draftChangeSchema = z.tuple([conversationSid, z.string().max(MAX_DRAFT_CHARS)]);
export type DraftChange = z.infer<typeof draftChangeSchema>;

export const outboxContentsSchema = z.object({
  entries: z.array(outboxEntrySchema).max(MAX_QUEUED_MESSAGES),
  drafts: z.array(draftChangeSchema).max(MAX_DRAFTS),
});
export type OutboxContents = z.infer<typeof outboxContentsSchema>;
