import { withEntry, withoutEntry, type SliceCreator } from './store-types';

export interface UiSlice {
  selectedSid: string | null;
  searchQuery: string;
  drafts: Map<string, string>;
  participantsOpen: boolean;
  simulateOpen: boolean;
  newConversationOpen: boolean;
  select: (sid: string | null) => void;
  setSearchQuery: (query: string) => void;
  setDraft: (sid: string, text: string) => void;
  toggleParticipants: (open?: boolean) => void;
  toggleSimulate: (open?: boolean) => void;
  toggleNewConversation: (open?: boolean) => void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  selectedSid: null,
  searchQuery: '',
  // Kept by main (encrypted); sdk/outbox-drafts.ts loads and saves them.
  drafts: new Map(),
  participantsOpen: true,
  simulateOpen: false,
  newConversationOpen: false,
  // Opening one of the agent's conversations closes a read-only one (queue-slice's teamViewSid).
  select: (sid) => set(sid === null ? { selectedSid: null } : { selectedSid: sid, teamViewSid: null, inboxCursor: sid }),
  setSearchQuery: (searchQuery) => set({ searchQuery }),
  setDraft: (sid, text) =>
    set((s) => {
      if ((s.drafts.get(sid) ?? '') === text) return {};
      return { drafts: text === '' ? withoutEntry(s.drafts, sid) : withEntry(s.drafts, sid, text) };
    }),
  toggleParticipants: (open) => set((s) => ({ participantsOpen: open ?? !s.participantsOpen })),
  toggleSimulate: (open) => set((s) => ({ simulateOpen: open ?? !s.simulateOpen })),
  toggleNewConversation: (open) => set((s) => ({ newConversationOpen: open ?? !s.newConversationOpen })),
});
