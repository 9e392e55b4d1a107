/**
 * The inbox list's keyboard commands, for the list's own keys (arrows, j/k, Enter, Escape) and for
 * the window's shortcut map (assign to me, resolve, snooze, next unread act on
 * `conversationInFocus`). Plain functions over the session's store, so they work the same from a
 * key in the browser harness, an Electron menu accelerator or a test.
 */
import { adjacentConversation } from '../desktop/navigation';
import type { DeskStore } from '../store';
import type { DeskState } from '../store/store-types';
import { selectViewSids } from '../store/views';

/** What the mounted inbox list offers: bring a row on screen (and focus it). One list per window. */
export interface InboxListHandle {
  reveal(sid: string, focus: boolean): void;
  focusList(): void;
}

let list: InboxListHandle | null = null;

/** The inbox registers its list while mounted; returns the unregister. */
export function registerInboxList(handle: InboxListHandle): () => void {
  list = handle;
  return () => {
    if (list === handle) list = null;
  };
}

/**
 * The conversation a shortcut acts on: the row the keyboard is on, else the one open (the
 * agent's own or a read-only one from the queue). Null when there is none.
 */
export function conversationInFocus(s: DeskState): string | null {
  return s.inboxCursor ?? s.selectedSid ?? s.teamViewSid;
}

/**
 * Moves the list's cursor `step` rows (arrows, j/k) in the view on screen, focusing that row, from
 * `from` (the row the keyboard focus is on) or else the conversation in focus. Returns it.
 */
export function moveInboxCursor(store: DeskStore, step: 1 | -1, from?: string): string | null {
  const s = store.getState();
  const next = adjacentConversation(selectViewSids(s), from ?? conversationInFocus(s), step);
  if (next === null) return null;
  s.setInboxCursor(next);
  list?.reveal(next, true);
  return next;
}

/** Opens a row of the view: the agent's own conversation in the thread, any other read-only. */
export function openInboxRow(store: DeskStore, sid: string): void {
  const s = store.getState();
  if (s.conversations.has(sid)) s.select(sid);
  else s.openTeamConversation(sid);
}

/** The composer of the open thread; it mounts a frame or two after opening, so this waits for it. */
export function focusComposer(frames = 10): void {
  // The composer's textarea is the thread's only one that sends on Enter.
  const composer = document.querySelector<HTMLTextAreaElement>('main.thread textarea[aria-keyshortcuts="Enter"]');
  if (composer) composer.focus();
  else if (frames > 0) requestAnimationFrame(() => focusComposer(frames - 1));
}

/** Enter on the list: open the cursor's row and put the caret in its composer (read-only views have none). */
export function openInboxCursor(store: DeskStore): string | null {
  const sid = conversationInFocus(store.getState());
  if (sid === null) return null;
  openInboxRow(store, sid);
  if (store.getState().selectedSid === sid) focusComposer();
  return sid;
}

/** Escape from the thread: focus back on the list, on the cursor's row when it is on screen. */
export function focusInboxList(store: DeskStore): void {
  const sid = conversationInFocus(store.getState());
  if (sid !== null && selectViewSids(store.getState()).includes(sid)) list?.reveal(sid, true);
  else list?.focusList();
}

/** The next row of the view (after the one in focus, wrapping) with unread messages; opens it. Null when none. */
export function openNextUnread(store: DeskStore): string | null {
  const s = store.getState();
  const order = selectViewSids(s);
  const from = conversationInFocus(s);
  const start = from === null ? -1 : order.indexOf(from);
  for (let i = 1; i <= order.length; i++) {
    const sid = order[(start + i + order.length) % order.length] as string;
    if ((s.conversations.get(sid)?.unreadCount ?? 0) > 0) {
      openInboxRow(store, sid);
      list?.reveal(sid, false);
      return sid;
    }
  }
  return null;
}
