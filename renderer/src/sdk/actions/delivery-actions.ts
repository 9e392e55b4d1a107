/**
 * A message Twilio could not deliver to a customer's phone: why (the error code on its detailed
 * delivery receipts), and sending it again. A sent SMS can't be re-sent in place, so Retry is a
 * new message with the same text and attachments, through the outbox like any other send.
 */
import type { SessionScope } from '../../session/scope';
import { i18n } from '../../i18n';
import { errorText, fail, OK, type ActionResult } from './result';

const FAILED = new Set(['failed', 'undelivered']);

/** Twilio's error codes for the recipients it could not reach, without repeats; empty if none is known. */
export async function deliveryErrors(s: SessionScope, sid: string, index: number): Promise<string[]> {
  const message = s.registry.messages.get(sid)?.get(index);
  if (!message) return [];
  try {
    const receipts = await message.getDetailedDeliveryReceipts();
    const codes = receipts.filter((r) => FAILED.has(r.status)).map((r) => String(r.errorCode ?? 0));
    return [...new Set(codes.filter((c) => c !== '0' && c !== ''))];
  } catch {
    return [];
  }
}

/** The same body and attachments as a new message (the failed one stays, as a record). */
export async function resendMessage(s: SessionScope, sid: string, index: number): Promise<ActionResult> {
  const message = s.registry.messages.get(sid)?.get(index);
  if (!message) return fail(i18n.t('errors.messageGone'));
  const outbox = s.outbox();
  if (!outbox) return fail(i18n.t('outbox.notReady'));
  try {
    const files = await Promise.all(
      (message.attachedMedia ?? []).map(async (m) => {
        const url = await m.getContentTemporaryUrl();
        if (!url) throw new Error(i18n.t('thread.resendMedia'));
        const response = await fetch(url);
        if (!response.ok) throw new Error(i18n.t('thread.resendMedia'));
        const blob = await response.blob();
        return { name: m.filename ?? i18n.t('thread.attachment'), type: m.contentType, size: blob.size, blob };
      }),
    );
    outbox.send(sid, message.body ?? '', files);
    return OK;
  } catch (e) {
    return fail(i18n.t('thread.resendFailed', { reason: errorText(e) }));
  }
}
