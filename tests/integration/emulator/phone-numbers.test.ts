import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createRestClient } from '../../../electron/main/rest/rest-client';
import { controlApi } from '../../helpers/control-api';
import { harnessPerTest, startHarness, type Harness } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

const RFC_2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$/;

interface SettingsJson {
  auto_join_identities: string[];
  sms_numbers: string[];
  whatsapp_senders: string[];
  code?: number;
  message?: string;
}

async function classic(h: Harness, path: string) {
  const { accountSid, authToken, restBaseUrl } = h.emulator.info;
  const res = await fetch(restBaseUrl + path, { headers: { authorization: 'Basic ' + Buffer.from(`${accountSid}:${authToken}`).toString('base64') } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the account’s phone numbers over the classic 2010-04-01 API', () => {
  const h = harnessPerTest();

  it('twilio’s incomingPhoneNumbers.list() finds the workspace’s SMS number', async () => {
    const { client } = restClient(h.emulator.info);
    const numbers = await client.incomingPhoneNumbers.list();
    expect(numbers).toHaveLength(1);
    const [n] = numbers;
    expect(n).toMatchObject({
      accountSid: h.emulator.info.accountSid,
      phoneNumber: '+15005550006',
      friendlyName: '(500) 555-0006',
      capabilities: { sms: true, mms: true, voice: true, fax: false },
      apiVersion: '2010-04-01',
      status: 'in-use',
      uri: `/2010-04-01/Accounts/${h.emulator.info.accountSid}/IncomingPhoneNumbers/${n?.sid}.json`,
    });
    expect(n?.sid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(n?.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(n?.dateCreated.getTime())).toBe(false);
    expect((await client.incomingPhoneNumbers(n!.sid).fetch()).phoneNumber).toBe('+15005550006');

    // The desk's way to the numbers: main's governed REST client sends api.twilio.com to the emulator.
    const main = createRestClient(h.emulator.info);
    onTestFinished(() => main.close());
    expect((await main.twilio.incomingPhoneNumbers.list()).map((x) => x.sid)).toEqual([n?.sid]);
  });

  it('pages with the classic list shape, filters by PhoneNumber and keeps a number’s sid while it stays', async () => {
    const api = controlApi(h.emulator.info);
    const { client } = restClient(h.emulator.info);
    const [original] = await client.incomingPhoneNumbers.list();
    const set = await api.call<SettingsJson>('POST', '/emulator/settings', { SmsNumbers: '+15005550006, +15005550100,+447700900000' });
    expect(set.body.sms_numbers).toEqual(['+15005550006', '+15005550100', '+447700900000']);

    const ac = h.emulator.info.accountSid;
    const list = `/2010-04-01/Accounts/${ac}/IncomingPhoneNumbers.json`;
    const first = await classic(h, `${list}?PageSize=2`);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      page: 0,
      page_size: 2,
      start: 0,
      end: 1,
      previous_page_uri: null,
      first_page_uri: `${list}?PageSize=2&Page=0`,
      uri: `${list}?PageSize=2&Page=0`,
      next_page_uri: `${list}?PageSize=2&Page=1`,
    });
    const items = first.json.incoming_phone_numbers as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    expect(items[0]?.date_created).toMatch(RFC_2822);
    const second = await classic(h, first.json.next_page_uri as string);
    expect(second.json).toMatchObject({ page: 1, start: 2, end: 2, next_page_uri: null, previous_page_uri: `${list}?PageSize=2&Page=0` });

    // twilio's client follows next_page_uri itself.
    const all = await client.incomingPhoneNumbers.list({ pageSize: 1 });
    expect(all.map((n) => n.phoneNumber).sort()).toEqual(['+15005550006', '+15005550100', '+447700900000']);
    expect(all.find((n) => n.phoneNumber === '+15005550006')?.sid).toBe(original?.sid);
    expect(all.find((n) => n.phoneNumber === '+447700900000')?.friendlyName).toBe('+447700900000');
    expect((await client.incomingPhoneNumbers.list({ phoneNumber: '+15005550100' })).map((n) => n.phoneNumber)).toEqual(['+15005550100']);
    expect(await client.incomingPhoneNumbers.list({ phoneNumber: '+19995550100' })).toEqual([]);

    const elsewhere = await classic(h, `/2010-04-01/Accounts/AC${'0'.repeat(32)}/IncomingPhoneNumbers.json`);
    expect(elsewhere).toMatchObject({ status: 404, json: { code: 20404, status: 404 } });
    await expect(client.incomingPhoneNumbers(`PN${'0'.repeat(32)}`).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it('lists WhatsApp senders in /emulator/settings and refuses a malformed number without changing anything', async () => {
    const api = controlApi(h.emulator.info);
    expect((await api.call<SettingsJson>('GET', '/emulator/settings')).body).toEqual({
      auto_join_identities: [],
      sms_numbers: ['+15005550006'],
      whatsapp_senders: ['whatsapp:+14155238886'],
    });
    const senders = await api.call<SettingsJson>('POST', '/emulator/settings', { WhatsappSenders: 'whatsapp:+14155238886,+447700900001' });
    expect(senders.body.whatsapp_senders).toEqual(['whatsapp:+14155238886', 'whatsapp:+447700900001']);

    const bad = await api.call<SettingsJson>('POST', '/emulator/settings', { AutoJoinIdentities: 'lee@desk.local', SmsNumbers: '+15005550006,0800 123' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/"0800 123" is not an E.164 number/);
    const wrongList = await api.call<SettingsJson>('POST', '/emulator/settings', { SmsNumbers: 'whatsapp:+447700900001' });
    expect(wrongList.status).toBe(400);
    expect((await api.call<SettingsJson>('GET', '/emulator/settings')).body).toMatchObject({ auto_join_identities: [], sms_numbers: ['+15005550006'] });
  });
});

describe('what the carrier rules remember survives a restart', () => {
  let dir: string | null = null;
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('the WhatsApp window, an opt-out and the numbers’ sids', async () => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-rules-'));
    h = await startHarness({ dataDir: dir });
    let api = controlApi(h.emulator.info);
    const wa = await api.inbound({ From: 'whatsapp:+447700900321', To: 'whatsapp:+14155238886', Body: 'Hello' });
    const sms = await api.inbound({ From: '+14155550170', To: '+15005550006', Body: 'STOP' });
    const [before] = await restClient(h.emulator.info).client.incomingPhoneNumbers.list();
    await h.close();

    h = await startHarness({ dataDir: dir });
    api = controlApi(h.emulator.info);
    const rest = restClient(h.emulator.info).client.conversations.v1;
    expect((await rest.conversations(wa.body.conversation_sid).messages.create({ author: 'agent@desk.local', body: 'Hi!' })).delivery).toMatchObject({ sent: 'all' });
    expect((await rest.conversations(sms.body.conversation_sid).messages.create({ author: 'agent@desk.local', body: 'Hi!' })).delivery).toMatchObject({ failed: 'all' });
    expect((await restClient(h.emulator.info).client.incomingPhoneNumbers.list())[0]?.sid).toBe(before?.sid);

    await api.advanceClock(24 * 60 * 60);
    expect((await rest.conversations(wa.body.conversation_sid).messages.create({ author: 'agent@desk.local', body: 'Still there?' })).delivery).toMatchObject({ failed: 'all' });
  });
});
