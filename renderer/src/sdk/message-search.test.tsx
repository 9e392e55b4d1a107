import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskBridge } from '../../../shared/ipc/contract';
import type { SearchHit } from '../../../shared/ipc/search-schema';
import { Inbox } from '../components/inbox/Inbox';
import { selectViewSids } from '../store/views';
import type { MessageSnapshot } from '../store/types';
import { fakeDesk, resetAll, seedConversation, signIn, state, store } from '../test/fakes';
import { renderWithLayout } from '../test/render';
import { bindMessageSearch } from './message-search';

const message = (index: number, body: string | null, date = 1_000 + index): MessageSnapshot => ({
  index,
  sid: `IM${index}`,
  author: 'customer',
  body,
  date,
  updated: null,
  media: [],
  participantSid: null,
  delivery: null,
});
const hit = (conversationSid: string, index: number, snippet: string, word: string): SearchHit => {
  const at = snippet.toLowerCase().indexOf(word);
  return { conversationSid, index, date: 1, snippet, ranges: [[at, at + word.length]] };
};

let desk: DeskBridge;
let answer: (query: string) => SearchHit[];
let unbind: () => void;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  resetAll();
  answer = () => [];
  desk = fakeDesk({
    searchMessages: vi.fn(async ({ query }: { query: string }) => ({ ok: true as const, value: { hits: answer(query) } })),
  });
  signIn('alice');
  seedConversation('CH1', { friendlyName: 'Acme order', dateUpdated: 300 });
  seedConversation('CH2', { friendlyName: 'Refund request', dateUpdated: 200 });
  seedConversation('CH3', { friendlyName: 'Team chat', dateUpdated: 100, lastMessage: { index: 9, text: 'see you at the standup', author: 'bob', date: 5 } });
  unbind = bindMessageSearch(store(), 'local', desk, { feedDelayMs: 10, queryDelayMs: 10 });
});
afterEach(() => {
  unbind();
  cleanup();
  vi.useRealTimers();
});

const indexed = () => vi.mocked(desk.indexMessages).mock.calls.map(([r]) => r);
const settle = async (ms = 20) => {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
};

describe('message search (window side)', () => {
  it('hands main the text of loaded messages and previews once each, and the ones deleted since', async () => {
    await settle();
    // The preview the inbox had already.
    expect(indexed().flatMap((r) => r.messages)).toEqual([{ conversationSid: 'CH3', index: 9, body: 'see you at the standup', date: 5 }]);
    act(() => state().threadLoaded('CH1', [message(0, 'my parcel is late'), message(1, null), message(2, 'tracking please')], false, null));
    await settle();
    expect(indexed().at(-1)?.messages.map((m) => m.body)).toEqual(['my parcel is late', 'tracking please']);
    // An unrelated change sends nothing again.
    act(() => state().setSearchQuery(''));
    act(() => state().threadLoaded('CH1', [], false, null));
    await settle();
    expect(indexed()).toHaveLength(2);
    act(() => state().removeMessage('CH1', 0));
    await settle();
    expect(indexed().at(-1)).toEqual({ profileId: 'local', messages: [], removed: [{ conversationSid: 'CH1', index: 0 }] });
  });

  it('joins conversations found by message text to the name matches, in the view’s order, after main answers', async () => {
    answer = (q) => (q.startsWith('parc') ? [hit('CH3', 4, 'where is my parcel?', 'parcel'), hit('CH1', 2, 'the parcel came', 'parcel')] : []);
    renderWithLayout(<Inbox />);
    await settle();
    // Typed into the box (the store holds the box's text).
    act(() => state().setSearchQuery('parc'));
    // Name matches only, in the keystroke's own render: none.
    expect(selectViewSids(state())).toEqual([]);
    await settle();
    expect(selectViewSids(state())).toEqual(['CH1', 'CH3']);
    const row = screen.getByRole('button', { name: /^Team chat, Chat, .*message: where is my parcel\?/ });
    expect(within(row).getByText('parcel').tagName).toBe('MARK');
    // Typing on keeps the rows until the new answer narrows them.
    answer = (q) => (q === 'parcel' ? [hit('CH1', 2, 'the parcel came', 'parcel')] : []);
    act(() => state().setSearchQuery('parcel'));
    expect(selectViewSids(state())).toEqual(['CH1', 'CH3']);
    await settle();
    expect(selectViewSids(state())).toEqual(['CH1']);
    // Cleared: no text matches, no snippets.
    act(() => state().setSearchQuery(''));
    await settle();
    expect(state().textSearch).toBeNull();
    expect(screen.queryAllByRole('mark')).toHaveLength(0);
  });

  it('drops an answer to a query the agent has typed past', async () => {
    let release: (() => void) | null = null;
    vi.mocked(desk.searchMessages).mockImplementationOnce(async () => {
      await new Promise<void>((r) => (release = r));
      return { ok: true as const, value: { hits: [hit('CH2', 1, 'old answer', 'old')] } };
    });
    act(() => state().setSearchQuery('old'));
    await settle();
    act(() => state().setSearchQuery('new'));
    await settle();
    (release as (() => void) | null)?.();
    await settle();
    expect(state().textSearch?.q).toBe('new');
    expect(state().textSearch?.hits.has('CH2')).toBe(false);
  });

  it('names the matching message when a conversation found by text is opened', async () => {
    answer = () => [hit('CH2', 7, 'my refund for the kettle', 'kettle')];
    act(() => state().setSearchQuery('kettle'));
    await settle();
    act(() => state().select('CH2'));
    expect(state().messageHighlight).toEqual({ sid: 'CH2', index: 7, words: ['kettle'] });
    act(() => state().select('CH1'));
    expect(state().messageHighlight).toBeNull();
  });
});
