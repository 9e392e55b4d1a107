/**
 * Words made outside components follow the language of the moment: the preview of a message
 * without text is stored as a kind (also in the encrypted inbox cache) and worded when shown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inboxCacheSchema } from '../../../shared/ipc/inbox-cache-schema';
import { i18n } from '../i18n';
import { previewOf } from '../sdk/snapshots';
import { snapshot } from '../test/fakes';
import { toInboxCache } from './inbox-slice';
import { conversationTitle, previewText, windowTitle } from './selectors';
import type { MessageSnapshot } from './types';

const photoOnly: MessageSnapshot = {
  sid: 'IM1',
  index: 4,
  body: '',
  author: '+14155550123',
  date: 1,
  updated: null,
  media: [{ sid: 'ME1', filename: 'receipt.png', contentType: 'image/png', size: 10 }],
  participantSid: null,
  delivery: null,
} as unknown as MessageSnapshot;

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('previews and titles in the language of the moment', () => {
  it('keeps a photo-only message as a kind and words it in each language', async () => {
    const preview = previewOf(photoOnly);
    expect(preview).toMatchObject({ text: '', media: { kind: 'photo', name: 'receipt.png', count: 1 } });
    expect(previewText(preview)).toBe('Photo: receipt.png');
    await i18n.changeLanguage('es');
    expect(previewText(preview)).toBe('Foto: receipt.png');
    await i18n.changeLanguage('fr');
    expect(previewText({ text: '', media: { kind: 'file', name: null, count: 3 } })).toBe('3 pièces jointes');
    expect(previewText({ text: 'Bonjour', media: null })).toBe('Bonjour');
  });

  it('caches the kind, not the words, and the cache still validates', async () => {
    const c = snapshot('CH1', { lastMessage: previewOf(photoOnly) });
    const cache = toInboxCache({ conversations: new Map([['CH1', c]]), participants: new Map(), userNames: new Map() });
    expect(cache.conversations[0]?.lastMessage).toMatchObject({ text: '', media: { kind: 'photo', name: 'receipt.png' } });
    expect(inboxCacheSchema.safeParse(cache).success).toBe(true);
    await i18n.changeLanguage('fr');
    expect(previewText(cache.conversations[0]!.lastMessage!)).toBe('Photo\u00a0: receipt.png');
  });

  it('names untitled conversations and the window in the current language', async () => {
    await i18n.changeLanguage('es');
    expect(conversationTitle({ sid: 'CH1', friendlyName: ' ', uniqueName: null })).toBe('Conversación sin título');
    expect(windowTitle(1234)).toBe('(1234) Conversations Desk'.replace('1234', (1234).toLocaleString('es')));
    await i18n.changeLanguage('en');
    expect(conversationTitle({ sid: 'CH1', friendlyName: null, uniqueName: null })).toBe('Untitled conversation');
    expect(windowTitle(0)).toBe('Conversations Desk');
  });
});
