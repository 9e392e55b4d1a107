import type { MessageRecord, ParticipantType } from '../conversations/records';
import { badRequest } from '../util/errors';
import { CONTENT_CODES } from './codes';
import type { ContentButton, MessageContent } from './records';
import { parseContentVariables, renderContent } from './render';
import { CONTENT_SID, type ContentStore } from './store';

/**
 * A message create's `ContentSid` + `ContentVariables` (REST) or `content_sid` +
 * `content_variables` (SDK), checked and rendered before anything is written. Returns null for a
 * plain message. The rendered text becomes the message's body, as Twilio's Messaging API
 * answers a ContentSid send with "the `body` field with the rendered message"
 * (twilio/twilio-node#1081); other body text is ignored ("Adding the content SID converts the
 * message to a rich message. In this case, other fields are ignored": the SDK's setContentTemplate).
 */
export function resolveTemplate(
  content: Pick<ContentStore, 'find'>,
  contentSid: string | null | undefined,
  contentVariables: string | null | undefined,
): { body: string; content: MessageContent } | null {
  const sid = contentSid?.trim() ?? '';
  if (!sid) {
    if (contentVariables !== undefined && contentVariables !== null && contentVariables.trim() !== '') {
      throw badRequest('ContentVariables were given without a ContentSid', CONTENT_CODES.contentSidMissing);
    }
    return null;
  }
  if (!CONTENT_SID.test(sid)) throw badRequest(`ContentSid "${sid.slice(0, 40)}" is not a content SID (HX followed by 32 hex digits)`, CONTENT_CODES.invalidContentSid);
  const given = parseContentVariables(contentVariables);
  const record = content.find(sid);
  if (!record) throw badRequest(`Content ${sid} does not exist in this account (deleted, or a typo)`, CONTENT_CODES.contentNotFound);
  const rendered = renderContent(record, given);
  return { body: rendered.sms.body, content: rendered };
}

/** Whether the message was sent from a content template (carries `content_sid`). */
export const isTemplateMessage = (m: Pick<MessageRecord, 'contentSid'>): boolean => m.contentSid !== null;

/**
 * Whether WhatsApp had approved the message's template when it was sent: such a message may be
 * delivered outside the 24-hour customer service window; any other is freeform there and fails
 * with 63016 (the delivery side decides the window).
 */
export const isApprovedTemplateMessage = (m: Pick<MessageRecord, 'content'>): boolean => m.content?.whatsappStatus === 'approved';

/** What a customer's phone receives for a message: a template's channel rendering, else the body. */
export function outboundOf(
  m: Pick<MessageRecord, 'body' | 'content'>,
  channel: ParticipantType,
): { body: string | null; content?: { sid: string; type: string; buttons: ContentButton[]; mediaUrls: string[] } } {
  if (!m.content) return { body: m.body };
  const v = channel === 'whatsapp' ? m.content.whatsapp : m.content.sms;
  return { body: v.body, content: { sid: m.content.sid, type: v.type, buttons: v.buttons, mediaUrls: v.media } };
}
