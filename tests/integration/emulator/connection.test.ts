import { describe, expect, it } from 'vitest';
import { Client, type Conversation, type Message } from '@twilio/conversations';
import AccessToken from 'twilio/lib/jwt/AccessToken';
import { harnessPerTest, waitForEvent, waitForMatch } from '../../helpers/emulator';

describe('connection lifecycle against the emulator', () => {
  const h = harnessPerTest();

  it('catches up on messages sent while a client was disconnected', async () => {
    const alice = await h.client('alice');
    const bob = await h.client('bob');
    const conv = await alice.createConversation({ friendlyName: 'Flaky network' });
    await conv.join();
    const joined = waitForEvent<Conversation>(bob, 'conversationJoined');
    await conv.add('bob');
    const bobConv = await joined;
    await bobConv.getParticipants();
    const before = waitForMatch<Message>(bobConv as never, 'messageAdded', (m) => m.body === 'before the drop');
    await conv.sendMessage('before the drop');
    await before;

    const bobReceived: string[] = [];
    bobConv.on('messageAdded', (m: Message) => bobReceived.push(m.body ?? ''));
    const bobDown = waitForMatch<string>(bob as never, 'connectionStateChanged', (s) => s === 'connecting');
    // Drop only bob: alice keeps sending while bob is away.
    const bobBack = waitForMatch<string>(bob as never, 'connectionStateChanged', (s) => s === 'connected', 10_000);
    h.emulator.dropConnections('bob');
    await bobDown;
    for (const text of ['while away 1', 'while away 2', 'while away 3']) await conv.sendMessage(text);
    await bobBack;
    if (!bobReceived.includes('while away 3')) await waitForMatch<Message>(bobConv as never, 'messageAdded', (m) => m.body === 'while away 3', 10_000);
    expect(bobReceived).toEqual(['while away 1', 'while away 2', 'while away 3']);
    expect((await bobConv.getMessages()).items.map((m) => m.body)).toEqual(['before the drop', 'while away 1', 'while away 2', 'while away 3']);
  }, 30_000);

  it('warns before the token expires, accepts an update, and survives expiry with a new token', async () => {
    const alice = await h.client('alice', { ttlSeconds: 6 });
    await waitForEvent(alice, 'tokenAboutToExpire', 8000);
    await alice.updateToken(h.emulator.mintToken('alice', 6));
    const disconnected = waitForMatch<string>(alice as never, 'connectionStateChanged', (s) => s === 'disconnected', 12_000);
    await waitForEvent(alice, 'tokenExpired', 10_000);
    // After expiry the SDK stays disconnected until the app hands it a fresh token; it only
    // accepts one once the old socket is gone.
    await disconnected;
    const reconnected = waitForMatch<string>(alice as never, 'connectionStateChanged', (s) => s === 'connected', 10_000);
    await alice.updateToken(h.emulator.mintToken('alice', 3600));
    await reconnected;
    const conv = await alice.createConversation({ friendlyName: 'After refresh' });
    expect(conv.sid).toMatch(/^CH/);
  }, 30_000);

  it('refuses a token signed with the wrong secret or for another identity on update', async () => {
    const { accountSid, apiKeySid, serviceSid } = h.emulator.info;
    const forged = new AccessToken(accountSid, apiKeySid, 'not-the-secret', { identity: 'eve' });
    forged.addGrant(new AccessToken.ChatGrant({ serviceSid }));
    const eve = new Client(forged.toJwt(), { ...h.emulator.info.clientOptions, logLevel: 'error' } as never);
    const failed = await waitForEvent<{ error?: { terminal: boolean; message: string } }>(eve, 'initFailed', 10_000);
    expect(failed.error?.terminal).toBe(true);
    expect(eve.connectionState).toBe('denied');
    await eve.shutdown();

    const alice = await h.client('alice');
    await expect(alice.updateToken(h.emulator.mintToken('bob'))).rejects.toBeDefined();
  });

  it('refuses an expired token with the token-expired code', async () => {
    const { accountSid, apiKeySid, apiKeySecret, serviceSid } = h.emulator.info;
    const old = new AccessToken(accountSid, apiKeySid, apiKeySecret, { identity: 'alice', ttl: 60, nbf: Math.floor(Date.now() / 1000) - 600 });
    old.addGrant(new AccessToken.ChatGrant({ serviceSid }));
    // Twilio's helper stamps iat now; forge an already-expired token by hand instead.
    const jwt = (await import('jsonwebtoken')).default;
    const payload = jwt.decode(old.toJwt()) as Record<string, unknown>;
    const expiredToken = jwt.sign({ ...payload, iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 300 }, apiKeySecret, {
      header: { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' } as never,
    });
    const client = new Client(expiredToken, { ...h.emulator.info.clientOptions, logLevel: 'error' } as never);
    const states: string[] = [];
    client.on('connectionStateChanged', (state: string) => states.push(state));
    // `tokenExpired` alone proved nothing: an emulator that accepted the token would close the
    // session at once with 410 (its expiry timer), and the SDK fires `tokenExpired` for that too.
    // The init reply itself must refuse it: 401 with Twilio's token-expired code.
    const refused = waitForEvent<{ terminal: boolean; httpStatusCode: number; errorCode: number | null }>(client, 'connectionError', 10_000);
    const expired = waitForEvent(client, 'tokenExpired', 10_000);
    expect(await refused).toMatchObject({ terminal: true, httpStatusCode: 401, errorCode: 20104 });
    await expired;
    expect(states).not.toContain('connected');
    await client.shutdown();
  });
});
