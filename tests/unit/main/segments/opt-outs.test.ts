import { describe, expect, it } from 'vitest';
import { OPT_IN_KEYWORDS as EMULATOR_IN, OPT_OUT_KEYWORDS as EMULATOR_OUT } from '../../../../electron/emulator/conversations/opt-out';
import { eventsOf, OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, optedOutAddresses, optOutKeyword, someFailed, type MessageLike } from '../../../../electron/main/segments/opt-outs';

const PRIYA = '+14155550142';
const msg = (index: number, author: string | null, body: string, minute: number, extra: Partial<MessageLike> = {}): MessageLike => ({
  sid: `IM${index}`,
  index,
  author,
  body,
  dateCreated: new Date(Date.UTC(2026, 0, 1, 0, minute)),
  ...extra,
});

describe('opt-out derivation', () => {
  it('knows the keywords the emulator (and Twilio) act on', () => {
    expect([...OPT_OUT_KEYWORDS]).toEqual([...EMULATOR_OUT]);
    expect([...OPT_IN_KEYWORDS]).toEqual([...EMULATOR_IN]);
  });

  it('reads a whole body as a keyword, in any case, and nothing else', () => {
    expect(optOutKeyword(' stop ')).toBe(true);
    expect(optOutKeyword('Unsubscribe')).toBe(true);
    expect(optOutKeyword('START')).toBe(false);
    expect(optOutKeyword('STOP PLEASE')).toBeNull();
    expect(optOutKeyword('HELP')).toBeNull();
    expect(optOutKeyword(null)).toBeNull();
  });

  it('takes keywords from the customer only, and the newest one wins', () => {
    const customers = new Set([PRIYA]);
    const out = eventsOf([msg(0, PRIYA, 'STOP', 1), msg(1, 'agent@desk.local', 'stop', 2)], customers, new Map());
    expect(out).toHaveLength(1);
    expect(optedOutAddresses(out)).toEqual(new Set([PRIYA]));
    const back = eventsOf([msg(0, PRIYA, 'STOP', 1), msg(1, PRIYA, 'yes', 3)], customers, new Map());
    expect(optedOutAddresses(back)).toEqual(new Set());
    // Across conversations, by time: a STOP in one after a START in another.
    const across = [...eventsOf([msg(5, PRIYA, 'START', 2)], customers, new Map()), ...eventsOf([msg(0, PRIYA, 'QUIT', 4)], customers, new Map())];
    expect(optedOutAddresses(across)).toEqual(new Set([PRIYA]));
  });

  it('counts a receipt failed with 21610 as opted out, and other failures not', () => {
    const customers = new Set([PRIYA]);
    const failed = msg(2, 'agent@desk.local', 'Your order shipped', 5, { delivery: { failed: 'all', undelivered: 'none' } });
    expect(someFailed(failed)).toBe(true);
    expect(someFailed(msg(3, 'agent@desk.local', 'x', 6, { delivery: { failed: 'none', undelivered: 'none' } }))).toBe(false);
    expect(optedOutAddresses(eventsOf([failed], customers, new Map([['IM2', [21610]]])))).toEqual(new Set([PRIYA]));
    expect(optedOutAddresses(eventsOf([failed], customers, new Map([['IM2', [30003]]])))).toEqual(new Set());
    // A START after the failure opts back in.
    const later = eventsOf([failed, msg(4, PRIYA, 'start', 9)], customers, new Map([['IM2', [21610]]]));
    expect(optedOutAddresses(later)).toEqual(new Set());
  });
});
