import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation, Message, Participant } from '@twilio/conversations';
import { startHarness, waitForEvent, waitForMatch, type Harness } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

/** A raw request to the REST API, for what twilio's client would never send. */
async function raw(h: Harness, method: string, path: string, body?: Record<string, string> | string, auth?: string) {
  const { apiKeySid, apiKeySecret, restBaseUrl } = h.emulator.info;
  const res = await fetch(restBaseUrl + path, {
    method,
    headers: {
      authorization: auth ?? 'Basic ' + Buffer.from(`${apiKeySid}:${apiKeySecret}`).toString('base64'),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : new URLSearchParams(body).toString(),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe('public REST API (Conversations v1) through twilio’s own client', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('conversations, chat and SMS participants and messages made over REST reach an SDK client live', async () => {
    h = await startHarness();
    const alice = await h.client('alice');
    const { client } = restClient(h.emulator.info);
    const api = client.conversations.v1;

    const conv = await api.conversations.create({ friendlyName: 'Order 7', uniqueName: 'order-7', attributes: JSON.stringify({ priority: 'high' }) });
    expect(conv.sid).toMatch(/^CH[0-9a-f]{32}$/);
    expect(conv.url).toBe(`${h.emulator.info.restBaseUrl}/v1/Conversations/${conv.sid}`);
    expect(conv.links).toMatchObject({ messages: `${conv.url}/Messages`, participants: `${conv.url}/Participants` });
    expect(conv.chatServiceSid).toBe(h.emulator.info.serviceSid);
    expect((await api.conversations('order-7').fetch()).sid).toBe(conv.sid);

    const joined = waitForEvent<Conversation>(alice, 'conversationJoined');
    const chat = await api.conversations(conv.sid).participants.create({ identity: 'alice' });
    const sdkConv = await joined;
    expect(chat.messagingBinding).toBeNull();
    expect(sdkConv.friendlyName).toBe('Order 7');
    expect(sdkConv.attributes).toEqual({ priority: 'high' });

    // Participants in the roster's first load raise no event; wait until it is loaded.
    expect((await sdkConv.getParticipants()).map((p) => p.identity)).toEqual(['alice']);
    const smsJoined = waitForEvent<Participant>(sdkConv, 'participantJoined');
    const sms = await api.conversations(conv.sid).participants.create({
      'messagingBinding.address': '+15551230001',
      'messagingBinding.proxyAddress': '+15557654321',
    });
    expect(sms.messagingBinding).toEqual({ type: 'sms', address: '+15551230001', proxy_address: '+15557654321' });
    const sdkSms = await smsJoined;
    expect(sdkSms.type).toBe('sms');
    expect(sdkSms.sid).toBe(sms.sid);

    const added = waitForMatch<Message>(sdkConv as never, 'messageAdded', (m) => m.body === 'hi from a phone');
    const msg = await api.conversations(conv.sid).messages.create({ author: '+15551230001', body: 'hi from a phone', attributes: '{"k":1}' });
    const sdkMsg = await added;
    expect(sdkMsg.sid).toBe(msg.sid);
    expect(sdkMsg.body).toBe('hi from a phone');
    expect(sdkMsg.author).toBe('+15551230001');
    expect(sdkMsg.participantSid).toBe(sms.sid);
    expect(sdkMsg.attributes).toEqual({ k: 1 });
    expect(msg).toMatchObject({ index: 0, author: '+15551230001', participantSid: sms.sid, attributes: '{"k":1}' });

    const updated = waitForMatch<{ message: Message; updateReasons: string[] }>(sdkConv as never, 'messageUpdated', (e) => e.updateReasons.includes('body'));
    await api.conversations(conv.sid).messages(msg.sid).update({ body: 'edited' });
    expect((await updated).message.body).toBe('edited');

    const renamed = waitForMatch<{ updateReasons: string[] }>(sdkConv as never, 'updated', (e) => e.updateReasons.includes('friendlyName'));
    await api.conversations(conv.sid).update({ friendlyName: 'Order 7 (paid)' });
    await renamed;
    expect(sdkConv.friendlyName).toBe('Order 7 (paid)');

    const removed = waitForEvent<Message>(sdkConv, 'messageRemoved');
    await api.conversations(conv.sid).messages(msg.sid).remove();
    expect((await removed).sid).toBe(msg.sid);

    const left = waitForEvent<Conversation>(alice, 'conversationLeft');
    await api.conversations(conv.sid).remove();
    expect((await left).sid).toBe(conv.sid);
    await expect(api.conversations(conv.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it('lists SDK-made messages and participants with Twilio’s fields, and the service-scoped paths agree', async () => {
    h = await startHarness();
    const alice = await h.client('alice');
    const conv = await alice.createConversation({ friendlyName: 'From the SDK' });
    await conv.join();
    await conv.sendMessage('first');
    await conv.sendMessage('second');
    const { client } = restClient(h.emulator.info);

    const messages = await client.conversations.v1.conversations(conv.sid).messages.list();
    expect(messages.map((m) => [m.index, m.author, m.body])).toEqual([
      [0, 'alice', 'first'],
      [1, 'alice', 'second'],
    ]);
    expect(messages[0]?.attributes).toBe('{}');
    expect(messages[0]?.dateCreated).toBeInstanceOf(Date);
    const desc = await client.conversations.v1.conversations(conv.sid).messages.list({ order: 'desc' });
    expect(desc.map((m) => m.body)).toEqual(['second', 'first']);

    const scoped = client.conversations.v1.services(h.emulator.info.serviceSid).conversations(conv.sid);
    const viaService = await scoped.messages.list();
    expect(viaService.map((m) => m.sid)).toEqual(messages.map((m) => m.sid));
    expect(viaService[0]?.url).toBe(`${h.emulator.info.restBaseUrl}/v1/Services/${h.emulator.info.serviceSid}/Conversations/${conv.sid}/Messages/${messages[0]?.sid}`);
    const participants = await scoped.participants.list();
    expect(participants.map((p) => p.identity)).toEqual(['alice']);
    expect((await scoped.participants('alice').fetch()).sid).toBe(participants[0]?.sid);

    const users = await client.conversations.v1.services(h.emulator.info.serviceSid).users.list();
    expect(users.map((u) => u.identity)).toContain('alice');
    const bob = await client.conversations.v1.services(h.emulator.info.serviceSid).users.create({ identity: 'bob', friendlyName: 'Bob B' });
    expect(bob).toMatchObject({ identity: 'bob', friendlyName: 'Bob B', attributes: '{}' });
    expect((await client.conversations.v1.services(h.emulator.info.serviceSid).users('bob').fetch()).sid).toBe(bob.sid);
  });

  it('attaches media uploaded through MCS with MediaSid, and reports SMS delivery receipts', async () => {
    h = await startHarness();
    const alice = await h.client('alice');
    const { client } = restClient(h.emulator.info);
    const api = client.conversations.v1;
    const conv = await api.conversations.create({ friendlyName: 'Media' });
    const joined = waitForEvent<Conversation>(alice, 'conversationJoined');
    await api.conversations(conv.sid).participants.create({ identity: 'alice' });
    const sms = await api.conversations(conv.sid).participants.create({ 'messagingBinding.address': '+15551230002', 'messagingBinding.proxyAddress': '+15557654321' });
    const sdkConv = await joined;

    const bytes = Buffer.from('89504e470d0a1a0a', 'hex');
    const upload = await fetch(`${h.emulator.info.restBaseUrl}/v1/Services/${h.emulator.info.serviceSid}/Media?Filename=dot.png`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'x-twilio-token': h.emulator.mintToken('agent') },
      body: bytes,
    });
    expect(upload.status).toBe(201);
    const mediaSid = ((await upload.json()) as { sid: string }).sid;

    const added = waitForMatch<Message>(sdkConv as never, 'messageAdded', (m) => (m.attachedMedia?.length ?? 0) > 0);
    const msg = await api.conversations(conv.sid).messages.create({ author: 'alice', mediaSid });
    expect(msg.media).toEqual([{ sid: mediaSid, size: bytes.length, content_type: 'image/png', filename: 'dot.png', category: 'media' }]);
    const sdkMsg = await added;
    expect(sdkMsg.attachedMedia?.map((m) => [m.sid, m.contentType, m.filename])).toEqual([[mediaSid, 'image/png', 'dot.png']]);

    // The carrier settles the SMS copy a moment later; the SDK's aggregate says when.
    await waitForMatch<{ message: Message; updateReasons: string[] }>(
      sdkConv as never,
      'messageUpdated',
      (e) => e.message.sid === msg.sid && e.updateReasons.includes('deliveryReceipt') && e.message.aggregatedDeliveryReceipt?.delivered === 'all',
    );
    const receipts = await api.conversations(conv.sid).messages(msg.sid).deliveryReceipts.list();
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ participantSid: sms.sid, messageSid: msg.sid, status: 'delivered' });
    expect((await api.conversations(conv.sid).messages(msg.sid).fetch()).delivery).toMatchObject({ total: 1, delivered: 'all' });
  });

  it('pages through 120 messages with list({ pageSize: 50 }) and the meta links', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const conv = await client.conversations.v1.conversations.create({ friendlyName: 'Busy' });
    for (let i = 0; i < 120; i++) await client.conversations.v1.conversations(conv.sid).messages.create({ body: `m${i}` });

    const all = await client.conversations.v1.conversations(conv.sid).messages.list({ pageSize: 50 });
    expect(all.map((m) => m.body)).toEqual(Array.from({ length: 120 }, (_, i) => `m${i}`));

    const first = await client.conversations.v1.conversations(conv.sid).messages.page({ pageSize: 50 });
    expect(first.instances).toHaveLength(50);
    expect(first.previousPageUrl).toBeUndefined();
    const second = await first.nextPage();
    expect(second?.instances.map((m) => m.index)).toEqual(Array.from({ length: 50 }, (_, i) => 50 + i));
    const third = await second?.nextPage();
    expect(third?.instances.map((m) => m.index)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    expect(third?.nextPageUrl).toBeUndefined();
    const back = await third?.previousPage();
    expect(back?.instances.map((m) => m.index)).toEqual(Array.from({ length: 50 }, (_, i) => 50 + i));

    const meta = (await raw(h, 'GET', `/v1/Conversations/${conv.sid}/Messages?PageSize=50`)).json?.meta as Record<string, unknown>;
    expect(meta).toMatchObject({ page: 0, page_size: 50, key: 'messages', previous_page_url: null });
    expect(String(meta.next_page_url)).toMatch(new RegExp(`^${h.emulator.info.restBaseUrl}/v1/Conversations/${conv.sid}/Messages\\?PageSize=50&Page=1&PageToken=PT`));

    let seen = 0;
    await client.conversations.v1.conversations(conv.sid).messages.each({ pageSize: 7 }, () => {
      seen++;
    });
    expect(seen).toBe(120);
  });

  it('answers 429 / 20429 above maxConcurrentRequests and twilio’s autoRetry recovers', async () => {
    h = await startHarness({ maxConcurrentRequests: 3, restLatencyMs: 150 });
    const burst = await Promise.all(Array.from({ length: 8 }, () => raw(h, 'GET', '/v1/Conversations')));
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(burst.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(limited[0]?.json).toEqual({ code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 });
    expect(Number(limited[0]?.headers.get('twilio-concurrent-requests'))).toBeGreaterThan(3);
    for (const r of burst) expect(Number(r.headers.get('twilio-request-duration'))).toBeGreaterThanOrEqual(0);

    const plain = restClient(h.emulator.info);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => plain.client.conversations.v1.conversations.create({ friendlyName: `plain ${i}` })));
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toContainEqual(expect.objectContaining({ status: 429, code: 20429 }));

    const retrying = restClient(h.emulator.info, { autoRetry: true, maxRetries: 12 });
    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => retrying.client.conversations.v1.conversations.create({ friendlyName: `retried ${i}` })));
    expect(new Set(created.map((c) => c.sid)).size).toBe(8);
    // More HTTP attempts than calls: the library met 429s and retried them.
    expect(retrying.http.attempts).toBeGreaterThan(8);
  });

  it('authenticates with the API key or the account’s auth token, and nothing else', async () => {
    h = await startHarness();
    const { accountSid, authToken, apiKeySid } = h.emulator.info;
    const viaToken = restClient(h.emulator.info, { useAuthToken: true });
    expect(await viaToken.client.conversations.v1.conversations.list()).toEqual([]);

    const wrong = await raw(h, 'GET', '/v1/Conversations', undefined, 'Basic ' + Buffer.from(`${apiKeySid}:nope`).toString('base64'));
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ code: 20003, message: 'Authenticate', status: 401 });
    // Twilio-* headers (the concurrency count above all) are for authenticated callers only.
    expect(wrong.headers.get('twilio-request-duration')).toBeNull();
    expect(wrong.headers.get('twilio-concurrent-requests')).toBeNull();
    expect((await raw(h, 'GET', '/v1/Conversations', undefined, 'Basic ' + Buffer.from(`${accountSid}:${authToken}x`).toString('base64'))).status).toBe(401);
    expect((await raw(h, 'GET', '/v1/Conversations', undefined, 'Bearer abc')).status).toBe(401);
    expect((await raw(h, 'GET', '/v1/Conversations', undefined, '')).status).toBe(401);
  });

  it('answers bad input anywhere with Twilio’s error shape and keeps serving', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const conv = await client.conversations.v1.conversations.create({ uniqueName: 'taken' });
    const c = `/v1/Conversations/${conv.sid}`;
    const unknownConv = '/v1/Conversations/CH00000000000000000000000000000000';
    const cases: Array<[string, string, Record<string, string> | string | undefined, number, number]> = [
      ['POST', '/v1/Conversations', { Attributes: '{not json' }, 400, 50304],
      ['POST', '/v1/Conversations', { Attributes: '"a string"' }, 400, 50304],
      ['POST', '/v1/Conversations', { UniqueName: 'taken' }, 409, 50353],
      ['POST', '/v1/Conversations', { State: 'sleeping' }, 400, 20001],
      ['POST', '/v1/Conversations', { DateCreated: 'yesterday' }, 400, 20001],
      ['POST', '/v1/Conversations', '%%%&&&===', 201, 0],
      ['GET', unknownConv, undefined, 404, 20404],
      ['POST', unknownConv, { FriendlyName: 'x' }, 404, 20404],
      ['DELETE', unknownConv, undefined, 404, 20404],
      ['GET', `${unknownConv}/Messages`, undefined, 404, 20404],
      ['POST', `${c}/Participants`, {}, 400, 20001],
      ['POST', `${c}/Participants`, { 'MessagingBinding.Address': 'not-a-phone', 'MessagingBinding.ProxyAddress': '+15557654321' }, 400, 50407],
      ['POST', `${c}/Participants`, { 'MessagingBinding.Address': '+15551230009' }, 400, 50407],
      ['POST', `${c}/Participants`, { Identity: 'x', Attributes: '[' }, 400, 50304],
      ['GET', `${c}/Participants/MB00000000000000000000000000000000`, undefined, 404, 20404],
      ['DELETE', `${c}/Participants/nobody`, undefined, 404, 20404],
      ['POST', `${c}/Messages`, {}, 400, 20001],
      ['POST', `${c}/Messages`, { MediaSid: 'ME00000000000000000000000000000000' }, 400, 50507],
      ['POST', `${c}/Messages`, { Body: 'x', Attributes: 'nope' }, 400, 50304],
      ['GET', `${c}/Messages/IM00000000000000000000000000000000`, undefined, 404, 20404],
      ['GET', `${c}/Messages/IM00000000000000000000000000000000/Receipts`, undefined, 404, 20404],
      ['GET', `${c}/Messages?PageToken=garbage`, undefined, 400, 20001],
      ['GET', `${c}/Messages?PageSize=0`, undefined, 400, 20001],
      ['GET', `${c}/Messages?PageSize=abc`, undefined, 400, 20001],
      ['GET', `${c}/Messages?Order=sideways`, undefined, 400, 20001],
      ['PUT', '/v1/Conversations', { FriendlyName: 'x' }, 405, 20004],
      ['PATCH', c, undefined, 405, 20004],
      ['DELETE', '/v1/Conversations', undefined, 405, 20004],
      ['GET', '/v1/Conversations/x/y/z', undefined, 404, 20404],
      ['GET', '/v1/Services/IS00000000000000000000000000000000/Conversations', undefined, 404, 20404],
      ['POST', '/v1/Services/IS00000000000000000000000000000000/Configuration/Webhooks', { PostWebhookUrl: 'http://x' }, 404, 20404],
      ['POST', '/v1/Configuration/Webhooks', { PostWebhookUrl: 'not a url' }, 400, 20001],
      ['POST', '/v1/Configuration/Webhooks', { Filters: 'onEverything' }, 400, 20001],
      ['POST', '/v1/Configuration/Webhooks', { Method: 'PUT' }, 400, 20001],
      ['POST', '/v1/Users', {}, 400, 20001],
      ['GET', '/v1/Users/nobody', undefined, 404, 20404],
      ['DELETE', '/v1/Users/nobody', undefined, 405, 20004],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await raw(h, method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status });
      expect(res.headers.get('twilio-concurrent-requests')).toBe('1');
      if (status < 300) continue;
      expect(res.json).toMatchObject({ code, status, more_info: `https://www.twilio.com/docs/errors/${code}` });
      expect(typeof res.json?.message).toBe('string');
    }
    // Nothing above left half a conversation behind.
    const list = await client.conversations.v1.conversations.list();
    expect(list.map((x) => x.uniqueName).sort()).toEqual([null, 'taken']);
  });
});
