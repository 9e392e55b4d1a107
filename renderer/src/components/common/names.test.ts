import { beforeEach, describe, expect, it } from 'vitest';
import { person, resetAll, seedConversation, signIn, state } from '../../test/fakes';
import { nameOf } from '../../sdk/snapshots';
import { authorName, conversationLabel, customerName, identityName, personName } from './names';


beforeEach(() => {
  resetAll();
  signIn('agent@desk.local');
});

describe('names', () => {
  it('takes the customer profile’s name over the plain name key', () => {
    expect(nameOf({ name: 'Priya', profile: { name: 'Priya Shah' } })).toBe('Priya Shah');
    expect(nameOf({ name: 'Priya', profile: { name: '' } })).toBe('Priya');
  });

  it('names a conversation called only by a number after its customer, a named one by its own name', () => {
    const sid = `CH${'a'.repeat(32)}`;
    const participants = new Map([[sid, [person('MB1', { type: 'whatsapp', address: 'whatsapp:+14155550142', name: 'Priya Shah' })]]]);
    expect(conversationLabel({ participants }, { sid, friendlyName: '+14155550142', uniqueName: null })).toBe('Priya Shah');
    expect(conversationLabel({ participants }, { sid, friendlyName: null, uniqueName: null })).toBe('Priya Shah');
    expect(conversationLabel({ participants }, { sid, friendlyName: 'Order #2001', uniqueName: null })).toBe('Order #2001');
    expect(conversationLabel({ participants: new Map() }, { sid, friendlyName: '+14155550142', uniqueName: null })).toBe('+14155550142');
  });

  it('prefers the participant attributes name over the phone number', () => {
    const jack = person('MB1', { type: 'whatsapp', address: 'whatsapp:+61491570156', name: 'Jack Wilson' });
    expect(personName(jack, new Map())).toBe('Jack Wilson');
  });

  it('uses a chat user’s friendly name, else the identity', () => {
    const visitor = person('MB1', { identity: 'visitor-e07b3b' });
    expect(personName(visitor, new Map([['visitor-e07b3b', 'Hannah Kim']]))).toBe('Hannah Kim');
    expect(personName(visitor, new Map())).toBe('visitor-e07b3b');
  });

  it('names a lone unnamed customer after the conversation, several customers by number', () => {
    const a = person('MB1', { type: 'sms', address: '+14155550123' });
    const b = person('MB2', { type: 'sms', address: '+14155550124' });
    expect(personName(a, new Map(), [a], { friendlyName: 'Kevin Tran' })).toBe('Kevin Tran');
    expect(personName(a, new Map(), [a, b], { friendlyName: 'Kevin Tran' })).toBe('+1 415 555 0123');
  });

  it('resolves message authors through the roster, and the agent as You', () => {
    seedConversation('CH1', { friendlyName: 'Jack Wilson' }, [
      person('MB1', { type: 'whatsapp', address: 'whatsapp:+61491570156' }),
      person('MB2', { identity: 'lee@desk.local' }),
    ]);
    state().setUserName('lee@desk.local', 'Lee Park');
    expect(authorName(state(), 'CH1', 'whatsapp:+61491570156', null)).toBe('Jack Wilson');
    expect(authorName(state(), 'CH1', 'lee@desk.local', 'MB2')).toBe('Lee Park');
    expect(authorName(state(), 'CH1', 'agent@desk.local', null)).toBe('You');
    expect(authorName(state(), 'CH1', '+14155550199', null)).toBe('+1 415 555 0199');
    expect(identityName(state(), 'CH1', 'lee@desk.local')).toBe('Lee Park');
  });

  it('knows the customer’s own name apart from a ticket-like conversation name', () => {
    seedConversation('CH7', { friendlyName: 'Order #2001 – Ana Lima' }, [
      person('MB1', { identity: 'agent@desk.local' }),
      person('MB2', { type: 'whatsapp', address: 'whatsapp:+14155550177', name: 'Ana Lima' }),
    ]);
    seedConversation('CH8', { friendlyName: 'Order #2002' }, [person('MB3', { type: 'sms', address: '+14155550166' })]);
    expect(customerName(state(), 'CH7')).toBe('Ana Lima');
    expect(customerName(state(), 'CH8')).toBeNull();
    expect(customerName(state(), 'CH404')).toBeNull();
  });
});
