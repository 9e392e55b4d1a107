import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../electron/emulator';
import { restClient } from '../../helpers/twilio-rest';
import { webhookFixturePerTest } from '../../helpers/webhook-fixture';

describe('post-event webhooks', () => {
  const t = webhookFixturePerTest();

  it('sends SDK activity signed as Twilio signs, with Twilio’s parameters, in order', async () => {
    const configured = await t.serviceHooks().update({
      postWebhookUrl: t.receiver.url('/hooks/conversations?tenant=a'),
      filters: ['onConversationAdded', 'onParticipantAdded', 'onMessageAdded', 'onMessageUpdated'],
      method: 'POST',
    });
    expect(configured).toMatchObject({ postWebhookUrl: t.receiver.url('/hooks/conversations?tenant=a'), method: 'POST', chatServiceSid: t.h.emulator.info.serviceSid });
    expect((await t.serviceHooks().fetch()).filters).toEqual(['onConversationAdded', 'onParticipantAdded', 'onMessageAdded', 'onMessageUpdated']);

    const alice = await t.h.client('alice');
    const conv = await alice.createConversation({ friendlyName: 'Hooked' });
    await conv.join();
    await conv.sendMessage('hello hooks');

    const added = await t.receiver.next();
    expect(added.method).toBe('POST');
    expect(added.path).toBe('/hooks/conversations');
    expect(added.params).toMatchObject({
      EventType: 'onConversationAdded',
      AccountSid: t.h.emulator.info.accountSid,
      ChatServiceSid: t.h.emulator.info.serviceSid,
      ConversationSid: conv.sid,
      FriendlyName: 'Hooked',
      State: 'active',
      Source: 'SDK',
      ClientIdentity: 'alice',
      RetryCount: '0',
    });
    expect(t.valid(added)).toBe(true);
    // The signature covers every parameter: a consumer would reject a tampered body.
    expect(t.valid(added, { ...added.params, FriendlyName: 'Tampered' })).toBe(false);

    const participant = await t.receiver.next();
    expect(participant.params).toMatchObject({ EventType: 'onParticipantAdded', Identity: 'alice', ConversationSid: conv.sid });
    expect(participant.params.ParticipantSid).toMatch(/^MB/);
    expect(t.valid(participant)).toBe(true);

    const message = await t.receiver.next();
    expect(message.params).toMatchObject({ EventType: 'onMessageAdded', Body: 'hello hooks', Author: 'alice', Index: '0', Attributes: '{}', Source: 'SDK' });
    expect(message.params.MessageSid).toMatch(/^IM/);
    expect(message.params.DateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(message.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(t.valid(message)).toBe(true);
  });

  it('retries a failed delivery with RetryCount and keeps each conversation’s events in order', async () => {
    await t.serviceHooks().update({ postWebhookUrl: t.receiver.url('/hook'), filters: ['onMessageAdded'] });
    const conv = await t.api.conversations.create({ friendlyName: 'Flaky consumer' });
    t.receiver.failNext(500, 503);
    const headers = { xTwilioWebhookEnabled: 'true' as const };
    for (let i = 0; i < 4; i++) await t.api.conversations(conv.sid).messages.create({ body: `m${i}`, ...headers });

    const attempts = [await t.receiver.next(), await t.receiver.next(), await t.receiver.next()];
    expect(attempts.map((w) => [w.params.Body, w.params.RetryCount])).toEqual([
      ['m0', '0'],
      ['m0', '1'],
      ['m0', '2'],
    ]);
    for (const w of attempts) expect(t.valid(w)).toBe(true);
    expect(new Set(attempts.map((w) => w.headers['i-twilio-idempotency-token'])).size).toBe(1);
    const rest = [await t.receiver.next(), await t.receiver.next(), await t.receiver.next()];
    expect(rest.map((w) => [w.params.Body, w.params.Index, w.params.RetryCount, w.params.Source])).toEqual([
      ['m1', '1', '0', 'API'],
      ['m2', '2', '0', 'API'],
      ['m3', '3', '0', 'API'],
    ]);
  });

  it('fires for REST changes only with X-Twilio-Webhook-Enabled, and respects Filters', async () => {
    await t.serviceHooks().update({ postWebhookUrl: t.receiver.url('/hook'), filters: ['onMessageAdded', 'onParticipantRemoved'] });
    const conv = await t.api.conversations.create({ friendlyName: 'Quiet' });
    const p = await t.api.conversations(conv.sid).participants.create({ identity: 'bob', xTwilioWebhookEnabled: 'true' });
    const silent = await t.api.conversations(conv.sid).messages.create({ body: 'no header' });
    const loud = await t.api.conversations(conv.sid).messages.create({ body: 'with header', xTwilioWebhookEnabled: 'true' });
    await t.api.conversations(conv.sid).participants(p.sid).remove({ xTwilioWebhookEnabled: 'true' });

    // Same conversation, one ordered queue: had the silent message or the filtered-out participant
    // addition been sent, they would have arrived first.
    const first = await t.receiver.next();
    expect(first.params).toMatchObject({ EventType: 'onMessageAdded', MessageSid: loud.sid, Source: 'API' });
    expect(first.params.MessageSid).not.toBe(silent.sid);
    const second = await t.receiver.next();
    expect(second.params).toMatchObject({ EventType: 'onParticipantRemoved', ParticipantSid: p.sid, Identity: 'bob' });
    expect(second.params.DateRemoved).toBeDefined();
  });

  it('uses the account configuration unless the service names its own URL; GET signs the query', async () => {
    await t.api.configuration.webhooks().update({ postWebhookUrl: t.receiver.url('/account'), filters: ['onConversationAdded'], method: 'GET', target: 'webhook' });
    expect(await t.api.configuration.webhooks().fetch()).toMatchObject({ method: 'GET', target: 'webhook', postWebhookUrl: t.receiver.url('/account') });
    const a = await t.api.conversations.create({ friendlyName: 'to account', xTwilioWebhookEnabled: 'true' });
    const got = await t.receiver.next();
    expect(got).toMatchObject({ method: 'GET', path: '/account' });
    expect(got.params).toMatchObject({ EventType: 'onConversationAdded', ConversationSid: a.sid });
    // For GET Twilio signs the full URL, query included, with no body parameters.
    expect(twilio.validateRequest(t.h.emulator.info.authToken, String(got.headers['x-twilio-signature']), got.url, {})).toBe(true);

    await t.serviceHooks().update({ postWebhookUrl: t.receiver.url('/service'), filters: ['onConversationAdded'] });
    const b = await t.api.conversations.create({ friendlyName: 'to service', xTwilioWebhookEnabled: 'true' });
    const overridden = await t.receiver.next();
    expect(overridden).toMatchObject({ method: 'POST', path: '/service' });
    expect(overridden.params.ConversationSid).toBe(b.sid);
    expect(t.valid(overridden)).toBe(true);
  });

  it('answers the request that caused an event while the consumer is still hanging', async () => {
    await t.serviceHooks().update({ postWebhookUrl: t.receiver.url('/slow'), filters: ['onMessageAdded'] });
    const alice = await t.h.client('alice');
    const conv = await alice.createConversation();
    await conv.join();
    t.receiver.hold();
    // Both resolve although no webhook has been answered: delivery never blocks the caller.
    const index = await conv.sendMessage('via the SDK');
    const viaRest = await t.api.conversations(conv.sid).messages.create({ body: 'via REST', xTwilioWebhookEnabled: 'true' });
    const first = await t.receiver.next();
    expect(first.params).toMatchObject({ EventType: 'onMessageAdded', Index: String(index) });
    t.receiver.release();
    expect((await t.receiver.next()).params.MessageSid).toBe(viaRest.sid);
  });
});

describe('webhook configuration persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emu-webhooks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a restart of the emulator on the same data dir', async () => {
    const first = await startEmulator({ dataDir: dir });
    await restClient(first.info)
      .client.conversations.v1.services(first.info.serviceSid)
      .configuration.webhooks()
      .update({ postWebhookUrl: 'https://example.test/hook', filters: ['onMessageAdded'], method: 'POST' });
    await first.close();
    const second = await startEmulator({ dataDir: dir });
    try {
      const config = await restClient(second.info).client.conversations.v1.services(second.info.serviceSid).configuration.webhooks().fetch();
      expect(config).toMatchObject({ postWebhookUrl: 'https://example.test/hook', filters: ['onMessageAdded'], method: 'POST' });
    } finally {
      await second.close();
    }
  });
});
