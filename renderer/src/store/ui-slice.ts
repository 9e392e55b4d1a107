import { withEntry, withoutEntry, type SliceCreator } from './store-types';

export type Screen = 'inbox' | 'accounts';
/** Overlays the desktop layer shows: the quick switcher (Ctrl/Cmd+K) and settings. */
export type DesktopPanel = 'switcher' | 'settings' | null;

export interface UiSlice {
  selectedSid: string | null;
  searchQuery: string;
  drafts: Map<string, string>;
  screen: Screen;
  participantsOpen: boolean;
  simulateOpen: boolean;
  newConversationOpen: boolean;
  desktopPanel: DesktopPanel;
  select: (sid: string | null) => void;
  setSearchQuery: (query: string) => void;
  setDraft: (sid: string, text: string) => void;
  setScreen: (screen: Screen) => void;
  toggleParticipants: (open?: boolean) => void;
  toggleSimulate: (open?: boolean) => void;
  toggleNewConversation: (open?: boolean) => void;
  setDesktopPanel: (panel: DesktopPanel) => void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  selectedSid: null,
  searchQuery: '',
  // Kept by main (encrypted); sdk/outbox-drafts.ts loads and saves them.
  drafts: new Map(),
  screen: 'inbox',
  participantsOpen: true,
  simulateOpen: false,
  newConversationOpen: false,
  desktopPanel: null,
  setDesktopPanel: (desktopPanel) => set({ desktopPanel }),
  select: (sid) => set({ selectedSid: sid }),
  setSearchQuery: (searchQuery) => set({ searchQuery }),
  setDraft: (sid, text) =>
    set((s) => {
      if ((s.drafts.get(sid) ?? '') === text) return {};
      return { drafts: text === '' ? withoutEntry(s.drafts, sid) : withEntry(s.drafts, sid, text) };
    }),
  setScreen: (screen) => set({ screen }),
  toggleParticipants: (open) => set((s) => ({ participantsOpen: open ?? !s.participantsOpen })),
  toggleSimulate: (open) => set((s) => ({ simulateOpen: open ?? !s.simulateOpen })),
  toggleNewConversation: (open) => set((s) => ({ newConversationOpen: open ?? !s.newConversationOpen })),
});
