import type { Conversation, Message } from '@twilio/conversations';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import { sdkMessage } from '../../test/fake-client';
import { fakeDesk, registry, resetAll, seedConversation, session, signIn, state } from '../../test/fakes';
import { KEPT_THREADS } from '../registry';
import { setMuted } from './conversation-actions';
import { openConversation } from './thread-actions';

beforeEach(() => {
  resetAll();
  fakeDesk();
  signIn('alice');
});

describe('setMuted', () => {
  it('fails for a conversation that is gone instead of reporting success', async () => {
    registry().markListed();
    expect(await setMuted(session(), 'CHgone', true)).toEqual({ ok: false, message: 'This conversation is no longer available' });
  });

  it('says so in the language of the moment', async () => {
    registry().markListed();
    await i18n.changeLanguage('fr');
    try {
      expect(await setMuted(session(), 'CHgone', true)).toEqual({ ok: false, message: 'Cette conversation n’est plus disponible' });
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('mutes a conversation that exists', async () => {
    const conv = Object.assign(seedConversation('CH1'), { setUserNotificationLevel: vi.fn(async () => undefined) });
    registry().conversations.set('CH1', conv as unknown as Conversation);
    expect(await setMuted(session(), 'CH1', true)).toEqual({ ok: true });
    expect(conv.setUserNotificationLevel).toHaveBeenCalledWith('muted');
  });
});

describe('SDK messages in the registry', () => {
  const seedWithPage = (sid: string) => {
    const conv = seedConversation(sid);
    const page = { items: [sdkMessage(conv, 0, `first in ${sid}`), sdkMessage(conv, 1, `second in ${sid}`)], hasPrevPage: false };
    conv.getMessages = vi.fn(async () => ({ ...page, hasNextPage: false, prevPage: vi.fn(), nextPage: vi.fn() })) as never;
    return conv;
  };

  it(`keeps them for the last ${KEPT_THREADS} threads opened, and closes older threads`, async () => {
    const sids = Array.from({ length: KEPT_THREADS + 3 }, (_, i) => `CH${i}`);
    sids.forEach(seedWithPage);
    for (const sid of sids) await openConversation(session(), sid);
    expect(registry().messages.size).toBe(KEPT_THREADS);
    expect(registry().pages.size).toBe(KEPT_THREADS);
    expect(registry().messages.has('CH0')).toBe(false);
    expect(state().threads.has('CH0')).toBe(false);
    expect(registry().messages.get(sids.at(-1)!)?.size).toBe(2);

    // Opened again: loaded again, and its messages are back.
    await openConversation(session(), 'CH0');
    expect(state().threads.get('CH0')?.items.map((m) => m.body)).toEqual(['first in CH0', 'second in CH0']);
    expect((registry().messages.get('CH0')?.get(1) as Message | undefined)?.body).toBe('second in CH0');
    expect(registry().messages.size).toBe(KEPT_THREADS);
  });

  it('forgets them when the conversation goes', async () => {
    seedWithPage('CH1');
    await openConversation(session(), 'CH1');
    expect(registry().messages.get('CH1')?.size).toBe(2);
    registry().forgetConversation('CH1');
    expect(registry().messages.has('CH1')).toBe(false);
    expect(registry().pages.has('CH1')).toBe(false);
  });
});
