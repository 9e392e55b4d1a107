/** Opening a thread, paging history, read horizon. Every action acts on the session it is given. */
import { i18n } from '../../i18n';
import type { SessionScope } from '../../session/scope';
import { messageSnapshot } from '../snapshots';
import { errorText } from './result';

export const PAGE_SIZE = 30;

/** An inbox row is on screen: load its last-message preview if it isn't yet (previews are lazy). */
export function showingConversation(s: SessionScope, sid: string): void {
  s.registry.wantPreview(sid);
}

/**
 * Selects and loads the newest page (once), fixes the "New messages" line at the read horizon as
 * it was before opening, then marks everything read.
 */
export function openConversation(s: SessionScope, sid: string): Promise<void> {
  s.store.getState().select(sid);
  // The row's click and the thread pane both ask; one load serves both.
  const running = s.registry.opening.get(sid);
  if (running) return running;
  const load = openSelected(s, sid).finally(() => s.registry.opening.delete(sid));
  s.registry.opening.set(sid, load);
  return load;
}

async function openSelected(s: SessionScope, sid: string): Promise<void> {
  let store = s.store.getState();
  if (!store.conversations.has(sid)) return;
  let conv = s.registry.conversations.get(sid);
  if (!conv) {
    // A row from the cached inbox the SDK hasn't announced yet: show the thread loading meanwhile.
    if (!store.threads.has(sid)) store.threadLoading(sid, 'initial');
    conv = await s.registry.awaitConversation(sid);
    store = s.store.getState();
    if (store.selectedSid !== sid) return;
    if (!conv) {
      store.threadFailed(sid, i18n.t('errors.conversationGone'));
      return;
    }
  }
  const snapshot = store.conversations.get(sid);
  if (!snapshot) return;
  const horizon = snapshot.unreadCount > 0 ? snapshot.lastReadIndex : null;
  const thread = store.threads.get(sid);
  // Threads opened longer ago than the registry keeps give up their SDK messages (and leave the store).
  const loaded = s.registry.isThreadOpen(sid) && s.registry.pages.has(sid);
  for (const evicted of s.registry.openThread(sid)) store.closeThread(evicted);
  if (!thread || thread.error || !loaded) {
    store.threadLoading(sid, 'initial');
    try {
      const page = await conv.getMessages(PAGE_SIZE);
      s.registry.rememberPage(sid, page);
      s.store.getState().threadLoaded(sid, page.items.map(messageSnapshot), page.hasPrevPage, horizon ?? null);
    } catch (e) {
      s.store.getState().threadFailed(sid, i18n.t('errors.loadFailed', { reason: errorText(e) }));
      return;
    }
  } else {
    store.setReadHorizon(sid, horizon ?? null);
  }
  // Marked unread while open (clicking its row again): it stays unread until the agent leaves it.
  if (snapshot.unreadCount > 0 && s.isLive() && s.store.getState().keptUnread !== sid) await markAllRead(s, sid);
}

export async function markAllRead(s: SessionScope, sid: string): Promise<void> {
  try {
    await s.registry.conversations.get(sid)?.setAllMessagesRead();
  } catch (e) {
    console.warn('[actions] mark read failed', e);
  }
}

/** Older history for the top of the thread; no-op while loading or at the beginning. */
export async function loadOlder(s: SessionScope, sid: string): Promise<void> {
  const thread = s.store.getState().threads.get(sid);
  const page = s.registry.pages.get(sid);
  if (!thread || !page || thread.loading !== 'idle' || !page.hasPrevPage) return;
  s.store.getState().threadLoading(sid, 'older');
  try {
    const older = await page.prevPage();
    s.registry.rememberPage(sid, older);
    s.store.getState().olderLoaded(sid, older.items.map(messageSnapshot), older.hasPrevPage);
  } catch (e) {
    s.store.getState().threadFailed(sid, i18n.t('errors.loadOlderFailed', { reason: errorText(e) }));
  }
}
