/**
 * Window-wide state that belongs to no profile: which screen shows (the accounts screen is where
 * profiles are switched, so it must outlive the session it switches away from) and which desktop
 * overlay is open (settings, the quick switcher). Everything about an account lives in that
 * profile's DeskStore instead, and goes with it.
 */
import { createStore, type StoreApi } from 'zustand';

/** The team tools: full-window screens of the active profile, reached from the inbox's Team tools menu. */
export const TOOL_SCREENS = ['segments', 'campaigns', 'analytics', 'webhooks'] as const;
export type ToolScreen = (typeof TOOL_SCREENS)[number];
export type Screen = 'inbox' | 'accounts' | ToolScreen;

export function isToolScreen(screen: Screen): screen is ToolScreen {
  return (TOOL_SCREENS as readonly string[]).includes(screen);
}
/** Overlays the desktop layer shows: the quick switcher (Ctrl/Cmd+K) and settings. */
export type DesktopPanel = 'switcher' | 'settings' | null;

export interface AppState {
  screen: Screen;
  desktopPanel: DesktopPanel;
  setScreen: (screen: Screen) => void;
  setDesktopPanel: (panel: DesktopPanel) => void;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((set) => ({
    screen: 'inbox',
    desktopPanel: null,
    setScreen: (screen) => set({ screen }),
    setDesktopPanel: (desktopPanel) => set({ desktopPanel }),
  }));
}
