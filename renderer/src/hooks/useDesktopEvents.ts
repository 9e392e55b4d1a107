import { useEffect } from 'react';
import { reconnectIfNeeded } from '../desktop/reconnect';
import { getDesk, hasDesk } from '../platform/desk';
import { useAppStoreApi, useDeskStoreApi, type DeskStore } from '../store';
import { useWindowScope } from '../session/context';
import type { AppStore } from '../store/app-store';

/**
 * Opens a conversation asked for by a notification click or a deep link. At startup the inbox
 * may not have loaded it yet: the request waits until the conversation appears, until the inbox
 * is complete without it (the agent has no such conversation), or until another request
 * replaces it. `done` runs when it was shown or given up on, not when it was replaced.
 */
export function openConversation(store: DeskStore, app: AppStore, sid: string, done: (sid: string) => void = () => {}): () => void {
  const ready = (s: ReturnType<DeskStore['getState']>) => s.conversations.has(sid) || s.inboxSource === 'live';
  const settle = () => {
    const s = store.getState();
    if (s.conversations.has(sid)) {
      app.getState().setScreen('inbox');
      s.select(sid);
    }
    done(sid);
  };
  if (ready(store.getState())) {
    settle();
    return () => {};
  }
  const unsubscribe = store.subscribe((s) => {
    if (!ready(s)) return;
    unsubscribe();
    settle();
  });
  return unsubscribe;
}

/**
 * Deep links, notification clicks and wake-from-sleep, from main. Main keeps a link until it is
 * acknowledged here, so a reload (or a profile switch) while waiting asks for it again.
 */
export function useDesktopEvents(): void {
  const store = useDeskStoreApi();
  const app = useAppStoreApi();
  const { restart } = useWindowScope();
  useEffect(() => {
    if (!hasDesk()) return;
    const desk = getDesk();
    const acknowledge = (conversationSid: string) => {
      desk.acknowledgeLink({ conversationSid }).catch(() => undefined);
    };
    let cancelWaiting = () => {};
    const open = (sid: string) => {
      cancelWaiting();
      cancelWaiting = openConversation(store, app, sid, acknowledge);
    };
    const offOpen = desk.onOpenConversation(({ conversationSid }) => open(conversationSid));
    // Subscribed first, then ask for a link not acknowledged yet (cold start, reload).
    desk
      .takePendingLink()
      .then((r) => {
        if (r.ok && r.value.conversationSid) open(r.value.conversationSid);
      })
      .catch(() => undefined);
    const reconnect = () => void reconnectIfNeeded(store, restart);
    const offResumed = desk.onResumed(reconnect);
    window.addEventListener('online', reconnect);
    return () => {
      cancelWaiting();
      offOpen();
      offResumed();
      window.removeEventListener('online', reconnect);
    };
  }, [store, app, restart]);
}
