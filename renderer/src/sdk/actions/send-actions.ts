/**
 * Sending is optimistic: a pending entry appears at once, turns into the real message when the
 * service echoes it, and on failure stays visible with Retry. Nothing is dropped silently.
 */
import { channelsReached, checkAttachments, type AttachmentChannel } from '../../../../shared/domain/attachments';
import type { SessionScope } from '../../session/scope';
import { errorText, fail, OK, type ActionResult } from './result';

let localCounter = 0;
const nextLocalId = () => `local-${Date.now().toString(36)}-${(localCounter++).toString(36)}`;

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

/** Validates, then queues; resolves as soon as the pending entry is visible. */
export function sendMessage(s: SessionScope, sid: string, body: string, files: readonly File[] = []): ActionResult {
  const text = body.trim();
  if (text === '' && files.length === 0) return fail('Type a message or attach a file');
  if (files.length > 0) {
    const errors = checkFiles(s, sid, files);
    if (errors.length > 0) return fail(errors.join('\n'), 'attachments');
  }
  const localId = nextLocalId();
  s.registry.pendingPayloads.set(localId, { body: text, files: [...files] });
  s.store.getState().addPending(sid, {
    localId,
    body: text,
    attachments: files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
    status: 'sending',
    error: null,
    index: null,
    createdAt: Date.now(),
  });
  void deliver(s, sid, localId);
  return OK;
}

async function deliver(s: SessionScope, sid: string, localId: string): Promise<void> {
  const payload = s.registry.pendingPayloads.get(localId);
  const conv = await s.registry.awaitConversation(sid);
  const store = s.store.getState();
  if (!payload) return;
  if (!conv) {
    store.updatePending(sid, localId, { status: 'failed', error: 'This conversation is no longer available' });
    return;
  }
  try {
    let index: number | null;
    if (payload.files.length === 0) {
      index = await conv.sendMessage(payload.body);
    } else {
      let builder = conv.prepareMessage();
      if (payload.body) builder = builder.setBody(payload.body);
      for (const f of payload.files) builder = builder.addMedia({ contentType: f.type, filename: f.name, media: f });
      index = await builder.build().send();
    }
    s.registry.pendingPayloads.delete(localId);
    // Without an index we can't match the echo; the echo itself (messageAdded) shows the message.
    if (index === null) s.store.getState().discardPending(sid, localId);
    else s.store.getState().updatePending(sid, localId, { status: 'sent', index });
  } catch (e) {
    s.store.getState().updatePending(sid, localId, { status: 'failed', error: errorText(e) });
  }
}

export function retrySend(s: SessionScope, sid: string, localId: string): void {
  if (!s.registry.pendingPayloads.has(localId)) return;
  s.store.getState().updatePending(sid, localId, { status: 'sending', error: null });
  void deliver(s, sid, localId);
}

export function discardFailed(s: SessionScope, sid: string, localId: string): void {
  s.registry.pendingPayloads.delete(localId);
  s.store.getState().discardPending(sid, localId);
}

export async function editMessage(s: SessionScope, sid: string, index: number, body: string): Promise<ActionResult> {
  const message = s.registry.messages.get(sid)?.get(index);
  if (!message) return fail('This message is no longer available');
  if (body.trim() === '') return fail('A message can’t be empty; delete it instead', 'body');
  try {
    await message.updateBody(body.trim());
    return OK;
  } catch (e) {
    return fail(`Couldn’t edit the message: ${errorText(e)}`);
  }
}

export async function deleteMessage(s: SessionScope, sid: string, index: number): Promise<ActionResult> {
  const message = s.registry.messages.get(sid)?.get(index);
  if (!message) return fail('This message is no longer available');
  try {
    await message.remove();
    return OK;
  } catch (e) {
    return fail(`Couldn’t delete the message: ${errorText(e)}`);
  }
}

/** The SDK throttles to one request per typing timeout, so calling on every keystroke is fine. */
export function notifyTyping(s: SessionScope, sid: string): void {
  s.registry.conversations
    .get(sid)
    ?.typing()
    .catch(() => undefined);
}
