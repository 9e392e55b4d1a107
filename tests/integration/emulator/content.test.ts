import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Conversation, Message } from '@twilio/conversations';
import type twilio from 'twilio';
import { createRestClient } from '../../../electron/main/rest/rest-client';
import { controlApi } from '../../helpers/control-api';
import { HOSTILE_STRINGS, pick, prng } from '../../helpers/fuzz';
import { startHarness, waitForMatch, type Harness } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

const AGENT = 'agent@desk.local';
const SMS_CUSTOMER = '+14155550177';
const WA_CUSTOMER = 'whatsapp:+14155550188';

/** twilio's helper sends the Content API's JSON body as given: Twilio's docs write it snake_case. */
const ORDER_UPDATE = {
  friendly_name: 'order_update',
  language: 'en',
  variables: { '1': 'Customer', '2': 'A-0000' },
  types: {
    'twilio/text': { body: 'Hi {{1}}, order {{2}} has shipped.' },
    'twilio/quick-reply': {
      body: 'Hi {{ 1 }}, your order {{2}} is on its way.',
      actions: [
        { id: 'track', title: 'Track {{2}}' },
        { id: 'agent', title: 'Talk to an agent' },
      ],
    },
  },
};

async function raw(h: Harness, method: string, path: string, body?: Record<string, string> | string, contentType = 'application/x-www-form-urlencoded') {
  const { apiKeySid, apiKeySecret, restBaseUrl } = h.emulator.info;
  const res = await fetch(restBaseUrl + path, {
    method,
    headers: { authorization: 'Basic ' + Buffer.from(`${apiKeySid}:${apiKeySecret}`).toString('base64'), 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : new URLSearchParams(body).toString(),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

async function createTemplate(client: twilio.Twilio, body: Record<string, unknown> = ORDER_UPDATE) {
  return client.content.v1.contents.create(body as never);
}

/** A conversation with the agent, an SMS customer and a WhatsApp customer, made over REST. */
async function conversationWithPhones(client: twilio.Twilio) {
  const api = client.conversations.v1;
  const conv = await api.conversations.create({ friendlyName: 'Ana' });
  await api.conversations(conv.sid).participants.create({ identity: AGENT });
  await api.conversations(conv.sid).participants.create({ 'messagingBinding.address': SMS_CUSTOMER, 'messagingBinding.proxyAddress': '+15005550006' });
  await api.conversations(conv.sid).participants.create({ 'messagingBinding.address': WA_CUSTOMER, 'messagingBinding.proxyAddress': 'whatsapp:+14155238886' });
  return conv.sid;
}

describe('Content API and template messages', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('twilio’s helper creates, fetches, lists, submits for WhatsApp approval and deletes templates', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const origin = h.emulator.info.restBaseUrl;

    const created = await createTemplate(client);
    expect(created.sid).toMatch(/^HX[0-9a-f]{32}$/);
    expect(created).toMatchObject({
      accountSid: h.emulator.info.accountSid,
      friendlyName: 'order_update',
      language: 'en',
      variables: ORDER_UPDATE.variables,
      types: ORDER_UPDATE.types,
      url: `${origin}/v1/Content/${created.sid}`,
      links: { approval_create: `${origin}/v1/Content/${created.sid}/ApprovalRequests/whatsapp`, approval_fetch: `${origin}/v1/Content/${created.sid}/ApprovalRequests` },
    });
    expect(created.dateCreated).toBeInstanceOf(Date);
    expect((await client.content.v1.contents(created.sid).fetch()).friendlyName).toBe('order_update');

    const second = await createTemplate(client, { friendly_name: 'reject_me', language: 'en', types: { 'twilio/text': { body: 'Buy now' } } });
    // Newest first, paged with Twilio's meta under the "contents" key.
    const firstPage = await raw(h, 'GET', '/v1/Content?PageSize=1');
    expect(firstPage.json).toMatchObject({ contents: [{ sid: second.sid }], meta: { key: 'contents', page: 0, page_size: 1, previous_page_url: null } });
    expect((await client.content.v1.contents.list()).map((c) => c.sid)).toEqual([second.sid, created.sid]);

    // Not yet submitted: no WhatsApp review to show.
    expect((await client.content.v1.contents(created.sid).approvalFetch().fetch()).whatsapp).toEqual({});
    const request = await client.content.v1.contents(created.sid).approvalCreate.create({ name: 'order_update', category: 'UTILITY' } as never);
    expect(request).toMatchObject({ name: 'order_update', category: 'UTILITY', contentType: 'twilio/quick-reply', status: 'received', rejectionReason: '' });
    const approval = await client.content.v1.contents(created.sid).approvalFetch().fetch();
    expect(approval).toMatchObject({
      sid: created.sid,
      accountSid: h.emulator.info.accountSid,
      url: `${origin}/v1/Content/${created.sid}/ApprovalRequests`,
      whatsapp: { type: 'whatsapp', name: 'order_update', category: 'UTILITY', content_type: 'twilio/quick-reply', status: 'approved', rejection_reason: '', allow_category_change: true },
    });
    await client.content.v1.contents(second.sid).approvalCreate.create({ name: 'reject_me', category: 'marketing' } as never);
    const rejected = await client.content.v1.contents(second.sid).approvalFetch().fetch();
    expect(rejected.whatsapp).toMatchObject({ status: 'rejected', category: 'MARKETING' });
    expect((rejected.whatsapp as unknown as { rejection_reason: string }).rejection_reason).not.toBe('');

    const both = await client.content.v1.contentAndApprovals.list();
    expect(both.map((c) => [c.sid, (c.approvalRequests as unknown as { status: string }).status])).toEqual([
      [second.sid, 'rejected'],
      [created.sid, 'approved'],
    ]);

    const badName = await raw(h, 'POST', `/v1/Content/${created.sid}/ApprovalRequests/whatsapp`, JSON.stringify({ name: 'Order Update', category: 'UTILITY' }), 'application/json');
    expect(badName.status).toBe(400);
    const noTypes = await raw(h, 'POST', '/v1/Content', JSON.stringify({ language: 'en', types: {} }), 'application/json');
    expect(noTypes.status).toBe(400);

    await client.content.v1.contents(second.sid).remove();
    await expect(client.content.v1.contents(second.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect((await client.content.v1.contents.list()).map((c) => c.sid)).toEqual([created.sid]);
  });

  it('a ContentSid send renders the template into the body and onto each phone, buttons on WhatsApp only', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const api = controlApi(h.emulator.info);
    const template = await createTemplate(client);
    // Approved for WhatsApp: the customer never wrote in, so only an approved template reaches them (63016 otherwise).
    await client.content.v1.contents(template.sid).approvalCreate.create({ name: 'order_update', category: 'UTILITY' } as never);
    const conversationSid = await conversationWithPhones(client);

    const message = await client.conversations.v1.conversations(conversationSid).messages.create({
      author: AGENT,
      contentSid: template.sid,
      // "2" is left to the template's default.
      contentVariables: JSON.stringify({ '1': 'Ana' }),
    });
    expect(message.contentSid).toBe(template.sid);
    expect(message.body).toBe('Hi Ana, order A-0000 has shipped.');

    const [onWhatsApp] = (await api.outbound(WA_CUSTOMER)).body.messages;
    expect(onWhatsApp).toMatchObject({
      message_sid: message.sid,
      body: 'Hi Ana, your order A-0000 is on its way.',
      content_sid: template.sid,
      content_type: 'twilio/quick-reply',
      buttons: [
        { type: 'QUICK_REPLY', id: 'track', title: 'Track A-0000' },
        { type: 'QUICK_REPLY', id: 'agent', title: 'Talk to an agent' },
      ],
    });
    const [onSms] = (await api.outbound(SMS_CUSTOMER)).body.messages;
    expect(onSms).toMatchObject({ message_sid: message.sid, body: 'Hi Ana, order A-0000 has shipped.', content_type: 'twilio/text', buttons: [] });

    // A plain message carries no content fields.
    await client.conversations.v1.conversations(conversationSid).messages.create({ author: AGENT, body: 'Plain text' });
    const plain = (await api.outbound(SMS_CUSTOMER)).body.messages[1];
    expect(plain?.body).toBe('Plain text');
    expect(plain).not.toHaveProperty('content_sid');
  });

  it('refuses bad template sends with Twilio’s codes and writes nothing', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const template = await createTemplate(client, {
      friendly_name: 'needs_two',
      language: 'en',
      variables: { '1': 'Customer' },
      types: { 'twilio/text': { body: 'Hi {{1}}, your code is {{2}}' } },
    });
    const location = await createTemplate(client, { friendly_name: 'unsupported', language: 'en', types: { 'whatsapp/authentication': { actions: [{ type: 'COPY_CODE', copy_code_text: 'Copy' }] } } });
    const conversationSid = await conversationWithPhones(client);
    const path = `/v1/Services/${h.emulator.info.serviceSid}/Conversations/${conversationSid}/Messages`;
    const send = (form: Record<string, string>) => raw(h, 'POST', path, { Author: AGENT, ...form });

    const cases: Array<[Record<string, string>, number]> = [
      [{ ContentSid: 'HX' + '0'.repeat(32) }, 21655],
      [{ ContentSid: 'HXnope' }, 50526],
      [{ ContentSid: template.sid, ContentVariables: '{"2": ' }, 50527],
      [{ ContentSid: template.sid, ContentVariables: '["x"]' }, 50527],
      [{ Body: 'hi', ContentVariables: '{"1":"Ana"}' }, 50528],
      [{ ContentSid: template.sid, ContentVariables: '{"1":"Ana","2":""}' }, 21656],
      [{ ContentSid: template.sid, ContentVariables: '{"1":"Ana","2":null}' }, 21656],
      // {{2}} has no default and no value.
      [{ ContentSid: template.sid, ContentVariables: '{"1":"Ana"}' }, 21656],
      [{ ContentSid: location.sid }, 50542],
    ];
    for (const [form, code] of cases) {
      const answer = await send(form);
      expect({ form, status: answer.status, code: answer.json?.code }).toEqual({ form, status: 400, code });
    }
    expect(await client.conversations.v1.conversations(conversationSid).messages.list()).toEqual([]);
    expect((await controlApi(h.emulator.info).outbound(WA_CUSTOMER)).body.messages).toEqual([]);

    const ok = await send({ ContentSid: template.sid, ContentVariables: '{"1":"Ana","2":"4711"}' });
    expect(ok.json).toMatchObject({ body: 'Hi Ana, your code is 4711', content_sid: template.sid });
  });

  it('answers hostile Content API bodies and ContentVariables with a 4xx in Twilio’s shape, never a 500', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const template = await createTemplate(client);
    const conversationSid = await conversationWithPhones(client);
    const rand = prng(11);
    const values: unknown[] = [...HOSTILE_STRINGS, null, 0, true, [], {}, [{}], { body: 1 }, { 'twilio/text': null }, { 'twilio/quick-reply': { body: 'x', actions: [null] } }];
    const jsonBody = (): string => JSON.stringify(Object.fromEntries(['friendly_name', 'language', 'variables', 'types', 'name', 'category', 'allow_category_change'].filter(() => rand() < 0.6).map((k) => [k, pick(rand, values)])));
    const routes: Array<[string, string]> = [
      ['POST', '/v1/Content'],
      ['POST', `/v1/Content/${template.sid}/ApprovalRequests/whatsapp`],
    ];
    for (let round = 0; round < 40; round++) {
      for (const [method, path] of routes) {
        const body = rand() < 0.1 ? pick(rand, HOSTILE_STRINGS) : jsonBody();
        const answer = await raw(h, method, path, body, 'application/json');
        expect({ path, body: body.slice(0, 200), serverError: answer.status >= 500 }).toEqual({ path, body: body.slice(0, 200), serverError: false });
        if (answer.status >= 400) expect(answer.json).toMatchObject({ code: expect.any(Number) as number, message: expect.any(String) as string, status: answer.status });
      }
      const form = { Author: AGENT, ContentSid: rand() < 0.8 ? template.sid : pick(rand, HOSTILE_STRINGS), ContentVariables: pick(rand, HOSTILE_STRINGS) };
      const answer = await raw(h, 'POST', `/v1/Conversations/${conversationSid}/Messages`, form);
      expect({ form: JSON.stringify(form).slice(0, 200), serverError: answer.status >= 500 }).toEqual({ form: JSON.stringify(form).slice(0, 200), serverError: false });
    }
  }, 60_000);

  it('the SDK lists the templates and sends one with setContentTemplate', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const template = await createTemplate(client);
    await client.content.v1.contents(template.sid).approvalCreate.create({ name: 'order_update', category: 'UTILITY' } as never);
    const conversationSid = await conversationWithPhones(client);
    const agent = await h.client(AGENT);

    const templates = await agent.getContentTemplates();
    expect(templates).toHaveLength(1);
    const [t] = templates;
    expect(t?.sid).toBe(template.sid);
    expect(t?.friendlyName).toBe('order_update');
    expect(t?.variables.map((v) => [v.name, v.value])).toEqual([
      ['1', 'Customer'],
      ['2', 'A-0000'],
    ]);
    expect(t?.variants.get('twilio/quick-reply')).toMatchObject({ type: 'quickReply', body: 'Hi {{ 1 }}, your order {{2}} is on its way.', replies: [{ id: 'track', title: 'Track {{2}}' }, { id: 'agent', title: 'Talk to an agent' }] });
    expect(t?.variants.get('twilio/text')).toMatchObject({ type: 'text', body: 'Hi {{1}}, order {{2}} has shipped.' });

    const conv = (await agent.getConversationBySid(conversationSid)) as Conversation;
    // The SDK subscribes to a conversation's messages on first use: live events follow from there.
    expect((await conv.getMessages()).items).toEqual([]);
    const added = waitForMatch<Message>(conv as never, 'messageAdded', (m) => m.contentSid === template.sid);
    const variables = (t?.variables ?? []).map((v) => (v.name === '2' ? v.copyWithValue('B-2024') : v.copyWithValue('Ana')));
    const index = await conv.prepareMessage().setContentTemplate(template.sid, variables).build().send();
    const message = await added;
    expect(message.index).toBe(index);
    expect(message.body).toBe('Hi Ana, order B-2024 has shipped.');
    const [onWhatsApp] = (await controlApi(h.emulator.info).outbound(WA_CUSTOMER)).body.messages;
    expect(onWhatsApp).toMatchObject({ body: 'Hi Ana, your order B-2024 is on its way.', buttons: [{ title: 'Track B-2024' }, { title: 'Talk to an agent' }] });

    await expect(conv.prepareMessage().setContentTemplate('HX' + 'f'.repeat(32)).build().send()).rejects.toMatchObject({ status: 400, body: { code: 21655 } });
  });

  it('templates, their approval and a sent template’s rendering survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-content-'));
    // Runs after afterEach has closed the emulator that holds the folder.
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    h = await startHarness({ dataDir: dir });
    let { client } = restClient(h.emulator.info);
    const template = await createTemplate(client);
    await client.content.v1.contents(template.sid).approvalCreate.create({ name: 'order_update', category: 'UTILITY' } as never);
    const conversationSid = await conversationWithPhones(client);
    const sent = await client.conversations.v1.conversations(conversationSid).messages.create({ author: AGENT, contentSid: template.sid });
    await h.close();

    h = await startHarness({ dataDir: dir });
    ({ client } = restClient(h.emulator.info));
    expect((await client.content.v1.contents(template.sid).approvalFetch().fetch()).whatsapp).toMatchObject({ status: 'approved' });
    const again = await createTemplate(client, { friendly_name: 'later', language: 'en', types: { 'twilio/text': { body: 'Later' } } });
    expect((await client.content.v1.contents.list()).map((c) => c.sid)).toEqual([again.sid, template.sid]);
    expect((await client.conversations.v1.conversations(conversationSid).messages(sent.sid).fetch()).contentSid).toBe(template.sid);
    const [onWhatsApp] = (await controlApi(h.emulator.info).outbound(WA_CUSTOMER)).body.messages;
    expect(onWhatsApp).toMatchObject({ content_sid: template.sid, body: 'Hi Customer, your order A-0000 is on its way.', buttons: [{ title: 'Track A-0000' }, { title: 'Talk to an agent' }] });
  });

  it('the Local workspace seeds templates for the picker: approved ones and a rejected one', async () => {
    h = await startHarness({ seed: 'demo' });
    const agent = await h.client(AGENT);
    const names = (await agent.getContentTemplates()).map((t) => t.friendlyName);
    expect(names).toEqual(expect.arrayContaining(['order_update', 'we_are_back', 'holiday_promo']));
    // The desk's way to approval status: main's governed REST client, which sends content.twilio.com to the emulator.
    const main = createRestClient(h.emulator.info);
    onTestFinished(() => main.close());
    const client = main.twilio;
    const status = Object.fromEntries((await client.content.v1.contentAndApprovals.list()).map((c) => [c.friendlyName, (c.approvalRequests as unknown as { status?: string }).status ?? null]));
    expect(status).toMatchObject({ order_update: 'approved', we_are_back: 'approved', holiday_promo: 'rejected' });
  });
});
