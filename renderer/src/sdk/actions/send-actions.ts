/**
 * Sending is optimistic: a pending entry appears at once, turns into the real message when the
 * service echoes it, and on failure stays visible with Retry. Nothing is dropped silently.
 */
import { checkAttachments, type AttachmentChannel } from '../../../../shared/domain/attachments';
import { useDeskStore } from '../../store';
import { registry } from '../registry';
import { errorText, fail, OK, type ActionResult } from './result';

let localCounter = 0;
const nextLocalId = () => `local-${Date.now().toString(36)}-${(localCounter++).toString(36)}`;

/** Whom the attachments reach: customer channels if any, otherwise only chat users. */
export function attachmentChannels(sid: string): AttachmentChannel[] {
  const roster = useDeskStore.getState().participants.get(sid) ?? [];
  const external = roster
    .map((p) => p.type)
    .filter((t): t is 'sms' | 'whatsapp' => t === 'sms' || t === 'whatsapp');
  return external.length > 0 ? [...new Set(external)] : ['chat'];
}

export function checkFiles(sid: string, files: readonly File[]): string[] {
  return checkAttachments(
    attachmentChannels(sid),
    files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
  );
}

/** Validates, then queues; resolves as soon as the pending entry is visible. */
export function sendMessage(sid: string, body: string, files: readonly File[] = []): ActionResult {
  const text = body.trim();
  if (text === '' && files.length === 0) return fail('Type a message or attach a file');
  if (files.length > 0) {
    const errors = checkFiles(sid, files);
    if (errors.length > 0) return fail(errors.join('\n'), 'attachments');
  }
  const localId = nextLocalId();
  registry.pendingPayloads.set(localId, { body: text, files: [...files] });
  useDeskStore.getState().addPending(sid, {
    localId,
    body: text,
    attachments: files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
    status: 'sending',
    error: null,
    index: null,
    createdAt: Date.now(),
  });
  void deliver(sid, localId);
  return OK;
}

async function deliver(sid: string, localId: string): Promise<void> {
  const payload = registry.pendingPayloads.get(localId);
  const conv = await registry.awaitConversation(sid);
  const store = useDeskStore.getState();
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
    registry.pendingPayloads.delete(localId);
    // Without an index we can't match the echo; the echo itself (messageAdded) shows the message.
    if (index === null) useDeskStore.getState().discardPending(sid, localId);
    else useDeskStore.getState().updatePending(sid, localId, { status: 'sent', index });
  } catch (e) {
    useDeskStore.getState().updatePending(sid, localId, { status: 'failed', error: errorText(e) });
  }
}

export function retrySend(sid: string, localId: string): void {
  if (!registry.pendingPayloads.has(localId)) return;
  useDeskStore.getState().updatePending(sid, localId, { status: 'sending', error: null });
  void deliver(sid, localId);
}

export function discardFailed(sid: string, localId: string): void {
  registry.pendingPayloads.delete(localId);
  useDeskStore.getState().discardPending(sid, localId);
}

export async function editMessage(sid: string, index: number, body: string): Promise<ActionResult> {
  const message = registry.messages.get(sid)?.get(index);
  if (!message) return fail('This message is no longer available');
  if (body.trim() === '') return fail('A message can’t be empty; delete it instead', 'body');
  try {
    await message.updateBody(body.trim());
    return OK;
  } catch (e) {
    return fail(`Couldn’t edit the message: ${errorText(e)}`);
  }
}

export async function deleteMessage(sid: string, index: number): Promise<ActionResult> {
  const message = registry.messages.get(sid)?.get(index);
  if (!message) return fail('This message is no longer available');
  try {
    await message.remove();
    return OK;
  } catch (e) {
    return fail(`Couldn’t delete the message: ${errorText(e)}`);
  }
}

/** The SDK throttles to one request per typing timeout, so calling on every keystroke is fine. */
export function notifyTyping(sid: string): void {
  registry.conversations
    .get(sid)
    ?.typing()
    .catch(() => undefined);
}
