import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Message } from '@twilio/conversations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageSnapshot } from '../../store/types';
import { fakeDesk, person, registry, resetAll, seedConversation, signIn, startTestOutbox, state } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { MessageRow } from '../thread/MessageRow';

beforeEach(() => {
  resetAll();
  const desk = fakeDesk();
  signIn('alice');
  startTestOutbox(desk);
  seedConversation('CH1', { channel: 'chat' }, [person('MB1', { identity: 'alice' }), person('MB2', { identity: 'bob', name: 'Bob Stone' })]);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const bobs = (patch: Partial<MessageSnapshot> = {}): MessageSnapshot => ({
  index: 4,
  sid: 'IM4',
  author: 'bob',
  body: 'Can someone take the refund for order 2001?',
  date: Date.UTC(2026, 0, 5, 10, 0),
  updated: null,
  media: [],
  participantSid: 'MB2',
  delivery: null,
  ...patch,
});

/** Bob's message 4 as the SDK holds it, with these attributes. */
function sdkMessage(attributes: unknown, updateAttributes = vi.fn(async () => ({}))) {
  registry().messages.set('CH1', new Map([[4, { index: 4, body: bobs().body, attributes, attachedMedia: [], updateAttributes } as unknown as Message]]));
  return updateAttributes;
}

const row = (m: MessageSnapshot) => renderInSession(<MessageRow sid="CH1" message={m} prev={null} isLastOwn={false} readHorizon={null} />);
/** The message's actions are there once the pointer is on it (or the focus in it). */
const pointAtMessage = () => userEvent.hover(screen.getByRole('article'));

describe('reactions on a message', () => {
  it('shows each reaction with its count, who reacted in its name, and whether it is yours', () => {
    sdkMessage({});
    row(bobs({ reactions: { heart: ['bob', 'alice'], thumbs_up: ['bob'] } }));
    const chips = within(screen.getByRole('group', { name: 'Reactions' }));
    const heart = chips.getByRole('button', { name: 'Heart: You and Bob Stone' });
    expect(heart.textContent).toContain('2');
    expect(heart.getAttribute('aria-pressed')).toBe('true');
    const thumbs = chips.getByRole('button', { name: 'Thumbs up: Bob Stone' });
    expect(thumbs.getAttribute('aria-pressed')).toBe('false');
    expect(thumbs.title).toBe('Thumbs up: Bob Stone');
  });

  it('adds your reaction from the picker in the demo app’s shape, keeping every other attribute', async () => {
    const update = sdkMessage({ deskOutboxKey: 'k1', reactions: { heart: ['bob'], party: ['carol'] } });
    row(bobs({ reactions: { heart: ['bob'] } }));
    await pointAtMessage();
    await userEvent.click(screen.getByRole('button', { name: 'Add reaction' }));
    const picker = within(screen.getByRole('dialog', { name: 'Pick a reaction' }));
    await userEvent.click(picker.getByRole('button', { name: 'Thumbs up' }));
    await waitFor(() =>
      expect(update).toHaveBeenCalledWith({ deskOutboxKey: 'k1', reactions: { heart: ['bob'], party: ['carol'], thumbs_up: ['alice'] } }),
    );
    expect(screen.queryByRole('dialog', { name: 'Pick a reaction' })).toBeNull();
  });

  it('takes your reaction back when you press its chip, dropping a list left empty', async () => {
    const update = sdkMessage({ reactions: { laugh: ['alice'], heart: ['bob'] } });
    row(bobs({ reactions: { laugh: ['alice'], heart: ['bob'] } }));
    await userEvent.click(screen.getByRole('button', { name: 'Laughing: You' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith({ reactions: { heart: ['bob'] } }));
  });

  it('moves through the picker with the arrow keys and closes on Escape, back on its button', async () => {
    sdkMessage({});
    row(bobs());
    await pointAtMessage();
    const open = screen.getByRole('button', { name: 'Add reaction' });
    await userEvent.click(open);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Heart');
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Thumbs up');
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Thumbs down');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it('works from the keyboard alone: Tab to the message and its button, arrows in the picker, Escape back', async () => {
    sdkMessage({});
    row(bobs());
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('article'));
    await userEvent.tab();
    const open = screen.getByRole('button', { name: 'Add reaction' });
    expect(document.activeElement).toBe(open);
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Heart');
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Thumbs up');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it('says why when Twilio refuses, and the reactions on screen stay as they were', async () => {
    sdkMessage({ reactions: { heart: ['bob'] } }, vi.fn(async () => Promise.reject(Object.assign(new Error('Only the author can edit a message'), { code: 50107 }))));
    row(bobs({ reactions: { heart: ['bob'] } }));
    await userEvent.click(screen.getByRole('button', { name: 'Heart: Bob Stone' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not save the reaction: /);
    expect(screen.getByRole('button', { name: 'Heart: Bob Stone' }).textContent).toContain('1');
  });

  it('refuses a reaction that would take the attributes past Twilio’s 4 KB per message', async () => {
    const update = sdkMessage({ note: 'x'.repeat(4080) });
    row(bobs());
    await pointAtMessage();
    await userEvent.click(screen.getByRole('button', { name: 'Add reaction' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sad' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Twilio keeps at most 4 KB of attributes per message');
    expect(update).not.toHaveBeenCalled();
  });
});

describe('Copy on a message', () => {
  it('puts the text on the clipboard and says so', async () => {
    sdkMessage({});
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    row(bobs());
    // From the keyboard: Tab to the message, then to its actions (Add reaction, Copy text).
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('article'));
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Copy text' }));
    await userEvent.keyboard('{Enter}');
    expect(writeText).toHaveBeenCalledWith('Can someone take the refund for order 2001?');
    await waitFor(() => expect(state().teamToasts.map((t) => ('text' in t ? t.text : ''))).toEqual(['Message text copied.']));
  });

  it('is offered on someone else’s message, with no Edit or Delete there', async () => {
    sdkMessage({});
    row(bobs());
    await pointAtMessage();
    const bar = within(screen.getByRole('toolbar', { name: /Actions for the message by Bob Stone/ }));
    expect(bar.getByRole('button', { name: 'Copy text' })).toBeTruthy();
    expect(bar.queryByRole('button', { name: 'Edit message' })).toBeNull();
    expect(bar.queryByRole('button', { name: 'Delete message' })).toBeNull();
  });

  it('says plainly when there is no clipboard', async () => {
    sdkMessage({});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) } });
    document.execCommand = vi.fn(() => false);
    row(bobs());
    await pointAtMessage();
    await userEvent.click(screen.getByRole('button', { name: 'Copy text' }));
    await waitFor(() => expect(state().teamToasts.map((t) => t.kind)).toEqual(['error']));
  });
});

describe('two reactions in quick succession', () => {
  it('builds the second on the first even before the SDK message has caught up', async () => {
    const update = sdkMessage({ reactions: { heart: ['bob'] } });
    row(bobs({ reactions: { heart: ['bob'] } }));
    await userEvent.click(screen.getByRole('button', { name: 'Heart: Bob Stone' }));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    // The SDK object still has the old attributes (its update event has not arrived).
    await pointAtMessage();
    await userEvent.click(screen.getByRole('button', { name: 'Add reaction' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sad' }));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(2));
    expect(update).toHaveBeenLastCalledWith({ reactions: { heart: ['bob', 'alice'], sad: ['alice'] } });
  });
});
