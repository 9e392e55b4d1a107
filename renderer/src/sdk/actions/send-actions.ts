/**
 * Sending is optimistic: a pending entry appears at once, turns into the real message when the
 * service echoes it, waits as "Queued" in the session's outbox when it can't go now
 * (sdk/outbox.ts), and on a refusal stays visible with Retry. Nothing is dropped silently.
 */
import { channelsReached, checkAttachments, type AttachmentChannel } from '../../../../shared/domain/attachments';
import type { SessionScope } from '../../session/scope';
import { i18n } from '../../i18n';
import { errorText, fail, OK, type ActionResult } from './result';

/** Whom the attachments reach: customer channels if any, otherwise only chat users. */
export function attachmentChannels(s: SessionScope, sid: string): AttachmentChannel[] {
  return channelsReached((s.store.getState().participants.get(sid) ?? []).map((p) => p.type));
}

export function checkFiles(s: SessionScope, sid: string, files: readonly File[]): string[] {
  return checkAttachments(
    attachmentChannels(s, sid),
    files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
  );
}

/** Validates, then hands the message to the session's outbox; resolves as soon as the pending entry is visible. */
export function sendMessage(s: SessionScope, sid: string, body: string, files: readonly File[] = []): ActionResult {
  const text = body.trim();
  if (text === '' && files.length === 0) return fail(i18n.t('errors.emptyMessage'));
  if (files.length > 0) {
    const errors = checkFiles(s, sid, files);
    if (errors.length > 0) return fail(errors.join('\n'), 'attachments');
  }
  const outbox = s.outbox();
  if (!outbox) return fail(i18n.t('outbox.notReady'));
  outbox.send(
    sid,
    text,
    files.map((f) => ({ name: f.name, type: f.type, size: f.size, blob: f })),
  );
  return OK;
}

/** A failed send, again (Twilio refused it; the agent may have fixed the cause). */
export function retrySend(s: SessionScope, sid: string, localId: string): void {
  s.outbox()?.retry(sid, localId);
}

/** Removes a failed or queued send; one already on its way can't be called back. */
export function cancelSend(s: SessionScope, sid: string, localId: string): void {
  s.outbox()?.cancel(sid, localId);
}

/** Changes the text of a queued send before it goes. */
export function editQueued(s: SessionScope, sid: string, localId: string, body: string): void {
  s.outbox()?.edit(sid, localId, body);
}

export async function editMessage(s: SessionScope, sid: string, index: number, body: string): Promise<ActionResult> {
  const message = s.registry.messages.get(sid)?.get(index);
  if (!message) return fail(i18n.t('errors.messageGone'));
  if (body.trim() === '') return fail(i18n.t('errors.emptyEdit'), 'body');
  try {
    await message.updateBody(body.trim());
    return OK;
  } catch (e) {
    return fail(i18n.t('errors.editFailed', { reason: errorText(e) }));
  }
}

export async function deleteMessage(s: SessionScope, sid: string, index: number): Promise<ActionResult> {
  const message = s.registry.messages.get(sid)?.get(index);
  if (!message) return fail(i18n.t('errors.messageGone'));
  try {
    await message.remove();
    return OK;
  } catch (e) {
    return fail(i18n.t('errors.deleteFailed', { reason: errorText(e) }));
  }
}

/** The SDK throttles to one request per typing timeout, so calling on every keystroke is fine. */
export function notifyTyping(s: SessionScope, sid: string): void {
  s.registry.conversations
    .get(sid)
    ?.typing()
    .catch(() => undefined);
}
