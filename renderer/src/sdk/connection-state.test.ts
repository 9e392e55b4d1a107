import { describe, expect, it } from 'vitest';
import { isStuck, messageFor } from './connection-state';

const STARTING = 'starting-local-marker';

describe('messageFor', () => {
  it('keeps the last retried error while the SDK is still trying', () => {
    expect(messageFor('reconnecting', 'getaddrinfo ENOTFOUND tsock.us1.twilio.com')).toBe('getaddrinfo ENOTFOUND tsock.us1.twilio.com');
    expect(messageFor('connecting', 'connect ECONNREFUSED 127.0.0.1:4010')).toBe('connect ECONNREFUSED 127.0.0.1:4010');
    expect(messageFor('reconnecting', null)).toBeNull();
    // All a browser's WebSocket tells twilsock: not worth a line on the banner.
    expect(messageFor('reconnecting', 'Socket error: undefined')).toBeNull();
  });

  it('uses the stock sentence once the SDK has given up or connected', () => {
    expect(messageFor('disconnected', 'ECONNREFUSED')).toBe('Disconnected from the service.');
    expect(messageFor('connected', 'ECONNREFUSED')).toBeNull();
  });
});

describe('isStuck', () => {
  it('lets the agent act when the SDK gave up or keeps retrying', () => {
    for (const status of ['denied', 'error', 'disconnected', 'reconnecting'] as const) expect(isStuck(status, null, STARTING)).toBe(true);
  });

  it('lets a first connection that already failed be retried, but not one simply starting', () => {
    expect(isStuck('connecting', null, STARTING)).toBe(false);
    expect(isStuck('connecting', STARTING, STARTING)).toBe(false);
    expect(isStuck('connecting', 'getaddrinfo ENOTFOUND x', STARTING)).toBe(true);
    expect(isStuck('refreshing-token', 'Renewing', STARTING)).toBe(false);
    expect(isStuck('connected', null, STARTING)).toBe(false);
  });
});
