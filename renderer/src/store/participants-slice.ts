import { deriveChannel } from '../../../shared/domain/channel';
import type { ParticipantSnapshot } from './types';
import { withEntry, withoutEntry, type DeskState, type SliceCreator } from './store-types';

export interface ParticipantsSlice {
  participants: Map<string, ParticipantSnapshot[]>;
  setParticipants: (sid: string, list: ParticipantSnapshot[]) => void;
  upsertParticipant: (sid: string, participant: ParticipantSnapshot) => void;
  removeParticipant: (sid: string, participantSid: string) => void;
  /** Chat users' friendly names by identity ("lee@desk.local" → "Lee Park"). */
  userNames: Map<string, string>;
  setUserName: (identity: string, name: string | null) => void;
}

/** Writes the roster and re-derives the conversation's channel badge from it in the same update. */
function withRoster(s: DeskState, sid: string, list: ParticipantSnapshot[]): Partial<DeskState> {
  const conv = s.conversations.get(sid);
  const channel = deriveChannel(list.map((p) => p.type));
  return {
    participants: withEntry(s.participants, sid, list),
    ...(conv && conv.channel !== channel ? { conversations: withEntry(s.conversations, sid, { ...conv, channel }) } : {}),
  };
}

export const createParticipantsSlice: SliceCreator<ParticipantsSlice> = (set) => ({
  participants: new Map(),

  setParticipants: (sid, list) => set((s) => withRoster(s, sid, list)),

  upsertParticipant: (sid, participant) =>
    set((s) => {
      const list = s.participants.get(sid) ?? [];
      // The SDK repeats participants unchanged (its updates carry fields the desk does not keep):
      // no new roster, so nothing on screen renders again.
      const before = list.find((p) => p.sid === participant.sid);
      if (before && sameParticipant(before, participant)) return s;
      const exists = before !== undefined;
      const next = exists ? list.map((p) => (p.sid === participant.sid ? participant : p)) : [...list, participant];
      return withRoster(s, sid, next);
    }),

  removeParticipant: (sid, participantSid) =>
    set((s) => withRoster(s, sid, (s.participants.get(sid) ?? []).filter((p) => p.sid !== participantSid))),

  userNames: new Map(),
  setUserName: (identity, name) =>
    set((s) => {
      const clean = name?.trim() || null;
      if ((s.userNames.get(identity) ?? null) === clean) return {};
      return { userNames: clean ? withEntry(s.userNames, identity, clean) : withoutEntry(s.userNames, identity) };
    }),
});

function sameParticipant(a: ParticipantSnapshot, b: ParticipantSnapshot): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ParticipantSnapshot>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
