/**
 * How components reach the session on screen: React context, fed by the SessionHost. Hooks keep
 * the shapes components always used (`useDeskStore(selector)`), so a profile switch re-renders
 * against the new session's store without any component knowing there was another.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SessionHost } from '../sdk/session';
import type { DeskActions } from '../sdk/actions';
import type { DeskState, DeskStore } from '../store';
import type { AppState, AppStore } from '../store/app-store';
import type { DeskSession } from './desk-session';

/** What is window-wide: the app store and starting sessions over (Retry, switching profiles). */
export type WindowScope = Pick<SessionHost, 'app' | 'restart' | 'switchTo'>;

const WindowContext = createContext<WindowScope | null>(null);
const SessionContext = createContext<DeskSession | null>(null);

/** The app root: follows the host's current session. */
export function DeskProvider({ host, children }: { host: SessionHost; children: ReactNode }) {
  const session = useSyncExternalStore(host.subscribe, host.current);
  return (
    <WindowContext.Provider value={host}>
      <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
    </WindowContext.Provider>
  );
}

export function useSession(): DeskSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside DeskProvider');
  return session;
}

export function useWindowScope(): WindowScope {
  const scope = useContext(WindowContext);
  if (!scope) throw new Error('useWindowScope outside DeskProvider');
  return scope;
}

/** A slice of the current session's store; the component re-renders when it changes. */
export function useDeskStore<T>(selector: (s: DeskState) => T): T {
  return useStore(useSession().store, selector);
}

/** The current session's store itself, for reading state in event handlers and effects. */
export function useDeskStoreApi(): DeskStore {
  return useSession().store;
}

/** The current session's actions (open, send, rename, …). */
export function useActions(): DeskActions {
  return useSession().actions;
}

/** A slice of the window-wide store (screen, desktop overlay). */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useWindowScope().app, selector);
}

export function useAppStoreApi(): AppStore {
  return useWindowScope().app;
}
