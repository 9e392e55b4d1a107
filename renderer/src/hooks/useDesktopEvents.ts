import { useEffect } from 'react';
import { reconnectIfNeeded } from '../desktop/reconnect';
import { getDesk, hasDesk } from '../platform/desk';
import { restartSession } from '../sdk/session';
import { useDeskStore, type DeskStore } from '../store';

/**
 * Opens a conversation asked for by a notification click or a deep link. At startup the inbox
 * may not have loaded it yet: the request waits until the conversation appears (or another
 * request replaces it).
 */
export function openConversation(store: DeskStore, sid: string): () => void {
  const show = () => {
    store.getState().setScreen('inbox');
    store.getState().select(sid);
  };
  if (store.getState().conversations.has(sid)) {
    show();
    return () => {};
  }
  const unsubscribe = store.subscribe((s) => {
    if (!s.conversations.has(sid)) return;
    unsubscribe();
    show();
  });
  return unsubscribe;
}

/** Deep links, notification clicks and wake-from-sleep, from main. */
export function useDesktopEvents(store: DeskStore = useDeskStore): void {
  useEffect(() => {
    if (!hasDesk()) return;
    const desk = getDesk();
    let cancelWaiting = () => {};
    const open = (sid: string) => {
      cancelWaiting();
      cancelWaiting = openConversation(store, sid);
    };
    const offOpen = desk.onOpenConversation(({ conversationSid }) => open(conversationSid));
    // Subscribed first, then ask for a link that arrived before we listened (cold start).
    desk
      .takePendingLink()
      .then((r) => {
        if (r.ok && r.value.conversationSid) open(r.value.conversationSid);
      })
      .catch(() => undefined);
    const reconnect = () => void reconnectIfNeeded(store, () => restartSession(store));
    const offResumed = desk.onResumed(reconnect);
    window.addEventListener('online', reconnect);
    return () => {
      cancelWaiting();
      offOpen();
      offResumed();
      window.removeEventListener('online', reconnect);
    };
  }, [store]);
}
