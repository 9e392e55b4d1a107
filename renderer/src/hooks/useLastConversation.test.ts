import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import type { ConversationSnapshot } from '../store/types';
import { lastConversationKey, trackLastConversation } from './useLastConversation';

type S = {
  selectedSid: string | null;
  conversations: Map<string, ConversationSnapshot>;
  inboxSource: 'none' | 'cache' | 'live';
  select: (sid: string | null) => void;
};

const desk = () =>
  createStore<S>()((set) => ({ selectedSid: null, conversations: new Map(), inboxSource: 'none', select: (selectedSid) => set({ selectedSid }) }));
const withConversation = (s: S, sid: string) => ({ conversations: new Map(s.conversations).set(sid, { sid } as ConversationSnapshot) });

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

describe('trackLastConversation', () => {
  it('remembers the open conversation per profile and reopens it once the inbox has it', () => {
    const storage = memory();
    const first = desk();
    const stop = trackLastConversation(first, 'profile-a', storage);
    first.setState((s) => withConversation(s, 'CH1'));
    first.getState().select('CH1');
    stop();
    expect(storage.data.get(lastConversationKey('profile-a'))).toBe('CH1');
    expect(storage.data.has(lastConversationKey('profile-b'))).toBe(false);

    const next = desk();
    trackLastConversation(next, 'profile-a', storage);
    expect(next.getState().selectedSid).toBeNull();
    next.setState((s) => withConversation(s, 'CH1'));
    expect(next.getState().selectedSid).toBe('CH1');
  });

  it('does not reopen a conversation that no longer exists, and forgets it', () => {
    const storage = memory({ [lastConversationKey('p')]: 'CHgone' });
    const store = desk();
    trackLastConversation(store, 'p', storage);
    store.setState((s) => ({ ...withConversation(s, 'CH2'), inboxSource: 'live' }));
    expect(store.getState().selectedSid).toBeNull();
    expect(storage.data.has(lastConversationKey('p'))).toBe(false);
  });

  it('never overrides a conversation chosen meanwhile (a click, a deep link)', () => {
    const storage = memory({ [lastConversationKey('p')]: 'CH1' });
    const store = desk();
    trackLastConversation(store, 'p', storage);
    store.setState((s) => withConversation(s, 'CH9'));
    store.getState().select('CH9');
    store.setState((s) => withConversation(s, 'CH1'));
    expect(store.getState().selectedSid).toBe('CH9');
    expect(storage.data.get(lastConversationKey('p'))).toBe('CH9');
  });
});
