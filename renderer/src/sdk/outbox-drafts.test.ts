import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftChange } from '../../../shared/ipc/outbox-schema';
import { legacyDrafts } from '../store/drafts-storage';
import { resetAll, snapshot, state, store } from '../test/fakes';
import { createDraftSync } from './outbox-drafts';

const CH = (c: string) => `CH${c.repeat(32)}`;
const LEGACY_KEY = 'conversations-desk:drafts:v1';

/** Main's drafts as the bridge sees them; each call resolves when the test says so. */
function draftsBridge(options: { saved?: boolean } = {}) {
  const kept = new Map<string, string>();
  const calls: DraftChange[][] = [];
  return {
    kept,
    calls,
    saveDrafts: vi.fn(async ({ drafts }: { profileId: string; drafts: DraftChange[] }) => {
      calls.push(drafts);
      if (options.saved === false) return { ok: true as const, value: { saved: false } };
      for (const [sid, text] of drafts) {
        if (text === '') kept.delete(sid);
        else kept.set(sid, text);
      }
      return { ok: true as const, value: { saved: true } };
    }),
  };
}

beforeEach(() => resetAll());

describe('drafts in main’s store', () => {
  it('loads main’s drafts without overwriting what the agent already typed, and writes changes back, coalesced', async () => {
    const bridge = draftsBridge();
    const sync = createDraftSync({ profileId: 'local', store: store(), bridge, legacy: legacyDrafts });
    state().setDraft(CH('1'), 'typed before main answered');
    sync.start([
      [CH('1'), 'older copy'],
      [CH('2'), 'kept from last time'],
    ]);
    expect(state().drafts.get(CH('1'))).toBe('typed before main answered');
    expect(state().drafts.get(CH('2'))).toBe('kept from last time');
    for (const text of ['H', 'He', 'Hel', 'Hello']) state().setDraft(CH('3'), text);
    await sync.flushed();
    expect(bridge.kept.get(CH('1'))).toBe('typed before main answered');
    expect(bridge.kept.get(CH('3'))).toBe('Hello');
    // One write in flight at a time: the keystrokes typed meanwhile went in one more call.
    expect(bridge.calls.length).toBeLessThanOrEqual(2);
    state().setDraft(CH('3'), '');
    await sync.flushed();
    expect(bridge.kept.has(CH('3'))).toBe(false);
  });

  it('keeps what was typed just before the session stops (a reload or a profile switch right after a key)', async () => {
    const bridge = draftsBridge();
    const sync = createDraftSync({ profileId: 'local', store: store(), bridge, legacy: legacyDrafts });
    sync.start([]);
    await sync.flushed();
    // The first change's write is in flight when the second is typed and the session stops.
    state().setDraft(CH('5'), 'first');
    await vi.waitFor(() => expect(bridge.calls.length).toBe(1));
    state().setDraft(CH('5'), 'first and the last word');
    sync.stop();
    await sync.flushed();
    expect(bridge.kept.get(CH('5'))).toBe('first and the last word');
    // Nothing typed after the stop is written.
    state().setDraft(CH('5'), 'after the stop');
    await sync.flushed();
    expect(bridge.kept.get(CH('5'))).toBe('first and the last word');
  });

  it('writes a change waiting for its own task at once when the session stops', async () => {
    const bridge = draftsBridge();
    const sync = createDraftSync({ profileId: 'local', store: store(), bridge, legacy: legacyDrafts });
    sync.start([]);
    await sync.flushed();
    vi.useFakeTimers();
    try {
      state().setDraft(CH('6'), 'typed, then the window closed');
      sync.stop();
      expect(bridge.calls.at(-1)).toEqual([[CH('6'), 'typed, then the window closed']]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('moves localStorage drafts into main once, then removes them', async () => {
    localStorage.setItem(LEGACY_KEY, JSON.stringify({ [CH('4')]: 'from the old version' }));
    const bridge = draftsBridge();
    const sync = createDraftSync({ profileId: 'local', store: store(), bridge, legacy: legacyDrafts });
    sync.start([]);
    await sync.flushed();
    expect(bridge.kept.get(CH('4'))).toBe('from the old version');
    expect(state().drafts.get(CH('4'))).toBe('from the old version');
    expect(localStorage.getItem(LEGACY_KEY)).toBeNull();
  });

  it('leaves localStorage drafts in place when main could not keep them (no secure storage)', async () => {
    localStorage.setItem(LEGACY_KEY, JSON.stringify({ [CH('4')]: 'from the old version' }));
    const sync = createDraftSync({ profileId: 'p1', store: store(), bridge: draftsBridge({ saved: false }), legacy: legacyDrafts, log: () => undefined });
    sync.start([]);
    await sync.flushed();
    expect(localStorage.getItem(LEGACY_KEY)).not.toBeNull();
  });

  it('deletes drafts of conversations that are gone once the inbox is settled, not before', async () => {
    const bridge = draftsBridge();
    const sync = createDraftSync({ profileId: 'local', store: store(), bridge });
    store().setState({ conversations: new Map([[CH('5'), snapshot(CH('5'))]]) });
    const inMain: DraftChange[] = [
      [CH('5'), 'still here'],
      [CH('6'), 'conversation deleted meanwhile'],
    ];
    inMain.forEach(([sid, text]) => bridge.kept.set(sid, text));
    sync.start(inMain);
    await sync.flushed();
    expect(state().drafts.has(CH('6'))).toBe(true);
    state().settleInbox((sid) => sid === CH('5'));
    await sync.flushed();
    expect(state().drafts.has(CH('6'))).toBe(false);
    expect(bridge.kept.has(CH('6'))).toBe(false);
    expect(bridge.kept.get(CH('5'))).toBe('still here');
    // …and a conversation removed later takes its draft with it.
    state().removeConversation(CH('5'));
    await sync.flushed();
    expect(bridge.kept.size).toBe(0);
  });
});
