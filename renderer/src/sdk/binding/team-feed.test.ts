import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEAM_FEED_UNIQUE_NAME } from '../../../../shared/ipc/team-schema';
import { FakeClient, sdkConversation, sdkMessage } from '../../test/fake-client';
import { resetAll, session, signIn, state } from '../../test/fakes';
import { bindClient } from './index';

const CH = `CH${'1'.repeat(32)}`;

beforeEach(() => {
  resetAll();
  signIn('alice');
});
const bound: Array<() => void> = [];
afterEach(() => bound.splice(0).forEach((teardown) => teardown()));

describe('the team feed in the binding', () => {
  it('is never an inbox conversation, and its messages become touches, not threads, previews or notifications', async () => {
    const client = new FakeClient();
    const onLiveMessage = vi.fn();
    const onTeamFeed = vi.fn();
    bound.push(bindClient(client.asClient(), session(), { refreshToken: async () => 't', isViewing: () => true, onLiveMessage, onTeamFeed }));
    const feed = sdkConversation('CHfeed', { uniqueName: TEAM_FEED_UNIQUE_NAME, friendlyName: 'Conversations Desk team feed', lastMessage: { index: 0 } });
    const customer = sdkConversation('CHcustomer');
    client.emit('conversationJoined', feed);
    client.emit('conversationAdded', feed);
    client.emit('conversationAdded', customer);
    client.emit('conversationUpdated', { conversation: feed, updateReasons: ['lastMessage'] });
    await waitFor(() => expect(state().conversations.has('CHcustomer')).toBe(true));
    expect(state().conversations.has('CHfeed')).toBe(false);
    expect(feed.getParticipants).not.toHaveBeenCalled();
    expect(feed.getMessages).not.toHaveBeenCalled();

    const event = { v: 1, conversationSid: CH, kind: 'assigned', assignee: 'bob', state: 'active' };
    client.emit('messageAdded', { ...sdkMessage(feed, 1, `assigned ${CH}`, 'bob'), attributes: { deskFeed: event } });
    // Something else someone wrote in the feed: ignored.
    client.emit('messageAdded', { ...sdkMessage(feed, 2, 'hello', 'bob'), attributes: {} });
    client.emit('messageAdded', { ...sdkMessage(customer, 0, 'Where is my order?'), attributes: {} });
    expect(onTeamFeed).toHaveBeenCalledTimes(1);
    expect(onTeamFeed).toHaveBeenCalledWith(event);
    expect(onLiveMessage.mock.calls.map((c) => c[0])).toEqual(['CHcustomer']);
    expect(state().conversations.has('CHfeed')).toBe(false);
    expect(state().threads.has('CHfeed')).toBe(false);
  });
});
