import { describe, expect, it } from 'vitest';
import { deriveChannel } from '../../../shared/domain/channel';

describe('deriveChannel', () => {
  it('is chat when only chat users are present (or nobody)', () => {
    expect(deriveChannel([])).toBe('chat');
    expect(deriveChannel(['chat', 'chat'])).toBe('chat');
  });

  it('takes the customer channel, ignoring agents', () => {
    expect(deriveChannel(['chat', 'sms', 'chat'])).toBe('sms');
    expect(deriveChannel(['whatsapp', 'chat'])).toBe('whatsapp');
  });

  it('is mixed when customers use different channels', () => {
    expect(deriveChannel(['sms', 'whatsapp'])).toBe('mixed');
  });
});
