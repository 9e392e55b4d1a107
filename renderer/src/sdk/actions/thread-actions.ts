/** Opening a thread, paging history, read horizon. */
import { useDeskStore } from '../../store';
import { registry } from '../registry';
import { messageSnapshot } from '../snapshots';
import { errorText } from './result';

export const PAGE_SIZE = 30;

/** An inbox row is on screen: load its last-message preview if it isn't yet (previews are lazy). */
export function showingConversation(sid: string): void {
  registry.wantPreview(sid);
}

/**
 * Selects and loads the newest page (once), fixes the "New messages" line at the read horizon as
 * it was before opening, then marks everything read.
 */
export function openConversation(sid: string): Promise<void> {
  useDeskStore.getState().select(sid);
  // The row's click and the thread pane both ask; one load serves both.
  const running = opening.get(sid);
  if (running) return running;
  const load = openSelected(sid).finally(() => opening.delete(sid));
  opening.set(sid, load);
  return load;
}

const opening = new Map<string, Promise<void>>();

async function openSelected(sid: string): Promise<void> {
  let store = useDeskStore.getState();
  if (!store.conversations.has(sid)) return;
  let conv = registry.conversations.get(sid);
  if (!conv) {
    // A row from the cached inbox the SDK hasn't announced yet: show the thread loading meanwhile.
    if (!store.threads.has(sid)) store.threadLoading(sid, 'initial');
    conv = await registry.awaitConversation(sid);
    store = useDeskStore.getState();
    if (store.selectedSid !== sid) return;
    if (!conv) {
      store.threadFailed(sid, 'This conversation is no longer available.');
      return;
    }
  }
  const snapshot = store.conversations.get(sid);
  if (!snapshot) return;
  const horizon = snapshot.unreadCount > 0 ? snapshot.lastReadIndex : null;
  const thread = store.threads.get(sid);
  if (!thread || thread.error || !registry.pages.has(sid)) {
    store.threadLoading(sid, 'initial');
    try {
      const page = await conv.getMessages(PAGE_SIZE);
      registry.pages.set(sid, page);
      page.items.forEach((m) => registry.rememberMessage(m));
      useDeskStore.getState().threadLoaded(sid, page.items.map(messageSnapshot), page.hasPrevPage, horizon ?? null);
    } catch (e) {
      useDeskStore.getState().threadFailed(sid, `Couldn’t load messages: ${errorText(e)}`);
      return;
    }
  } else {
    store.setReadHorizon(sid, horizon ?? null);
  }
  if (snapshot.unreadCount > 0) await markAllRead(sid);
}

export async function markAllRead(sid: string): Promise<void> {
  try {
    await registry.conversations.get(sid)?.setAllMessagesRead();
  } catch (e) {
    console.warn('[actions] mark read failed', e);
  }
}

/** Older history for the top of the thread; no-op while loading or at the beginning. */
export async function loadOlder(sid: string): Promise<void> {
  const thread = useDeskStore.getState().threads.get(sid);
  const page = registry.pages.get(sid);
  if (!thread || !page || thread.loading !== 'idle' || !page.hasPrevPage) return;
  useDeskStore.getState().threadLoading(sid, 'older');
  try {
    const older = await page.prevPage();
    registry.pages.set(sid, older);
    older.items.forEach((m) => registry.rememberMessage(m));
    useDeskStore.getState().olderLoaded(sid, older.items.map(messageSnapshot), older.hasPrevPage);
  } catch (e) {
    useDeskStore.getState().threadFailed(sid, `Couldn’t load older messages: ${errorText(e)}`);
  }
}
