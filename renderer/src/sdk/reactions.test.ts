import { describe, expect, it } from 'vitest';
import { attributesBytes, readReactions, toggledAttributes } from './reactions';

describe('reactions in message attributes (the demo app’s shape)', () => {
  it('reads the demo’s names and identities, ignoring empty lists and anything malformed', () => {
    expect(readReactions({ reactions: { heart: ['a', 'b', 'a'], sad: [], laugh: 'x', party: ['c'], thumbs_up: [3, 'd', ''] } })).toEqual({
      heart: ['a', 'b'],
      thumbs_up: ['d'],
    });
    expect(readReactions({ reactions: { heart: [] } })).toBeNull();
    expect(readReactions(null)).toBeNull();
    expect(readReactions('text')).toBeNull();
    expect(readReactions({ reactions: ['heart'] })).toBeNull();
  });

  it('toggles one identity in one list and leaves everything else alone', () => {
    const attrs = { deskOutboxKey: 'k', reactions: { heart: ['bob'], party: ['c'] } };
    expect(toggledAttributes(attrs, 'heart', 'alice')).toEqual({ deskOutboxKey: 'k', reactions: { heart: ['bob', 'alice'], party: ['c'] } });
    expect(toggledAttributes(attrs, 'heart', 'bob')).toEqual({ deskOutboxKey: 'k', reactions: { party: ['c'] } });
    expect(toggledAttributes(null, 'sad', 'alice')).toEqual({ reactions: { sad: ['alice'] } });
    expect(attrs.reactions.heart).toEqual(['bob']);
  });

  it('counts attributes in UTF-8 bytes, as Twilio’s 4 KB limit does', () => {
    expect(attributesBytes({ a: 'é' })).toBe(10);
  });
});
