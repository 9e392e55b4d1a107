/** Persisted Content API entities (content.twilio.com/v1/Content), kept as Twilio shapes them. */

/** WhatsApp's template review states as Twilio reports them (`whatsapp.status`). */
export type WhatsAppApprovalStatus = 'received' | 'pending' | 'approved' | 'rejected' | 'paused' | 'disabled';

/** What `POST /v1/Content/{HX}/ApprovalRequests/whatsapp` asked for and what came of it. */
export interface WhatsAppApproval {
  name: string;
  category: string;
  contentType: string;
  status: WhatsAppApprovalStatus;
  rejectionReason: string;
  allowCategoryChange: boolean;
}

export interface ContentRecord {
  sid: string;
  /** Creation order: list pages are keyed on it (newest first, as Twilio lists them). */
  seq: number;
  friendlyName: string | null;
  language: string;
  /** Default values of the `{{1}}`-style placeholders. */
  variables: Record<string, string>;
  /** Content type (`twilio/text`, …) → its data, as given (snake_case JSON). */
  types: Record<string, unknown>;
  whatsapp: WhatsAppApproval | null;
  dateCreated: string;
  dateUpdated: string;
}

/** A button a phone shows under a rich message (Twilio's action shape). */
export interface ContentButton {
  type: string;
  title: string;
  id?: string;
  url?: string;
  phone?: string;
}

/** What one channel's phone receives for a template message: its variables already filled in. */
export interface RenderedVariant {
  /** The content type chosen for the channel, e.g. `twilio/quick-reply`. */
  type: string;
  body: string;
  buttons: ContentButton[];
  /** Media URLs of `twilio/media` and `twilio/card` (external URLs, not MCS media). */
  media: string[];
}

/**
 * The template a message was sent from, rendered when it was sent (a template deleted or
 * re-reviewed later does not change what was sent), kept on the message record.
 */
export interface MessageContent {
  sid: string;
  /** The template's WhatsApp review state when the message was sent (null: never submitted). */
  whatsappStatus: WhatsAppApprovalStatus | null;
  /** What a WhatsApp phone shows: the richest type the template has. */
  whatsapp: RenderedVariant;
  /** What an SMS phone shows: `twilio/text` (or `twilio/media`) when the template has it. */
  sms: RenderedVariant;
}
