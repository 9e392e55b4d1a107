import { withEntry, withoutEntry, type SliceCreator } from './store-types';

export interface UiSlice {
  selectedSid: string | null;
  searchQuery: string;
  drafts: Map<string, string>;
  participantsOpen: boolean;
  simulateOpen: boolean;
  newConversationOpen: boolean;
  /** The open conversation the agent marked unread: nothing marks it read until they leave it. */
  keptUnread: string | null;
  select: (sid: string | null) => void;
  setSearchQuery: (query: string) => void;
  setDraft: (sid: string, text: string) => void;
  toggleParticipants: (open?: boolean) => void;
  toggleSimulate: (open?: boolean) => void;
  toggleNewConversation: (open?: boolean) => void;
  keepUnread: (sid: string | null) => void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  selectedSid: null,
  searchQuery: '',
  // Kept by main (encrypted); sdk/outbox-drafts.ts loads and saves them.
  drafts: new Map(),
  participantsOpen: true,
  simulateOpen: false,
  newConversationOpen: false,
  keptUnread: null,
  // Opening one of the agent's conversations closes a read-only one (queue-slice's teamViewSid).
  select: (sid) =>
    set((s) =>
      sid === null
        ? { selectedSid: null, keptUnread: null }
        : { selectedSid: sid, teamViewSid: null, inboxCursor: sid, keptUnread: s.keptUnread === sid ? sid : null },
    ),
  setSearchQuery: (searchQuery) => set({ searchQuery }),
  setDraft: (sid, text) =>
    set((s) => {
      if ((s.drafts.get(sid) ?? '') === text) return {};
      return { drafts: text === '' ? withoutEntry(s.drafts, sid) : withEntry(s.drafts, sid, text) };
    }),
  toggleParticipants: (open) => set((s) => ({ participantsOpen: open ?? !s.participantsOpen })),
  toggleSimulate: (open) => set((s) => ({ simulateOpen: open ?? !s.simulateOpen })),
  toggleNewConversation: (open) => set((s) => ({ newConversationOpen: open ?? !s.newConversationOpen })),
  keepUnread: (keptUnread) => set({ keptUnread }),
});
