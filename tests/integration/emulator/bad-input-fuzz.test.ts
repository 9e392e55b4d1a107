import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../electron/emulator';
import { HOSTILE_STRINGS, pick, prng } from '../../helpers/fuzz';

/**
 * Throws hostile parameters at every REST, control and media route over HTTP and checks that
 * each answer is a 4xx (or a success) in Twilio's error shape: never a 500, never a reset.
 */

interface Answer {
  status: number;
  json: Record<string, unknown> | unknown[] | null;
}

const FIELDS = [
  'FriendlyName',
  'UniqueName',
  'Attributes',
  'State',
  'DateCreated',
  'Identity',
  'MessagingBinding.Address',
  'MessagingBinding.ProxyAddress',
  'RoleSid',
  'LastReadMessageIndex',
  'Author',
  'Body',
  'MediaSid',
  'ContentSid',
  'Order',
  'PageSize',
  'Page',
  'PageToken',
  'StartDate',
  'EndDate',
  'Filters',
  'Method',
  'PostWebhookUrl',
  'Target',
  'From',
  'To',
  'NumMedia',
  'MediaBase64_0',
  'MediaContentType0',
  'MediaUrl0',
  'AutoJoinIdentities',
  'SmsNumbers',
  'WhatsappSenders',
  'PhoneNumber',
  'Beta',
];

describe('hostile input over HTTP', () => {
  let emu: RunningEmulator;
  let rest: (method: string, path: string, form?: URLSearchParams | string, auth?: 'api' | 'account' | 'token', contentType?: string) => Promise<Answer>;
  let conversationSid = '';
  let messageSid = '';

  beforeAll(async () => {
    emu = await startEmulator();
    const { apiKeySid, apiKeySecret, accountSid, authToken, restBaseUrl } = emu.info;
    const token = emu.mintToken('fuzzer');
    rest = async (method, path, form, auth = 'api', contentType = 'application/x-www-form-urlencoded') => {
      const headers: Record<string, string> = { 'content-type': contentType };
      if (auth === 'token') headers['x-twilio-token'] = token;
      else {
        const [user, pass] = auth === 'api' ? [apiKeySid, apiKeySecret] : [accountSid, authToken];
        headers.authorization = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
      }
      const res = await fetch(restBaseUrl + path, { method, headers, body: form === undefined || method === 'GET' ? undefined : form.toString() });
      const text = await res.text();
      let json: Answer['json'] = null;
      try {
        json = text ? (JSON.parse(text) as Answer['json']) : null;
      } catch {
        json = { unparsable: text.slice(0, 200) };
      }
      return { status: res.status, json };
    };
    const conv = await rest('POST', '/v1/Conversations', new URLSearchParams({ FriendlyName: 'fuzz', UniqueName: 'fuzz-room' }));
    conversationSid = (conv.json as { sid: string }).sid;
    await rest('POST', `/v1/Conversations/${conversationSid}/Participants`, new URLSearchParams({ Identity: 'fuzzer' }));
    const msg = await rest('POST', `/v1/Conversations/${conversationSid}/Messages`, new URLSearchParams({ Body: 'hello', Author: 'fuzzer' }));
    messageSid = (msg.json as { sid: string }).sid;
  });

  afterAll(async () => {
    await emu.close();
  });

  const expectTwilioShape = (what: string, a: Answer): void => {
    expect({ what, status: a.status }).toEqual({ what, status: expect.any(Number) as number });
    expect({ what, serverError: a.status >= 500 }).toEqual({ what, serverError: false });
    if (a.status >= 400) {
      expect({ what, body: a.json }).toMatchObject({
        what,
        body: { code: expect.any(Number) as number, message: expect.any(String) as string, more_info: expect.any(String) as string, status: a.status },
      });
    }
  };

  it('answers random forms on every REST and control route with a 4xx in Twilio’s shape, never a 500', async () => {
    const c = `/v1/Conversations/${conversationSid}`;
    const routes: Array<[string, string, 'api' | 'account']> = [
      ['GET', '/v1/Conversations', 'api'],
      ['POST', '/v1/Conversations', 'api'],
      ['POST', c, 'api'],
      ['GET', `${c}/Participants`, 'api'],
      ['POST', `${c}/Participants`, 'api'],
      ['POST', `${c}/Participants/fuzzer`, 'api'],
      ['GET', `${c}/Messages`, 'api'],
      ['POST', `${c}/Messages`, 'api'],
      ['POST', `${c}/Messages/${messageSid}`, 'api'],
      ['GET', `${c}/Messages/${messageSid}/Receipts`, 'api'],
      ['GET', '/v1/Users', 'api'],
      ['POST', '/v1/Users', 'api'],
      ['POST', '/v1/Users/fuzzer', 'api'],
      ['POST', '/v1/Configuration/Webhooks', 'api'],
      ['POST', `/v1/Services/${emu.info.serviceSid}/Configuration/Webhooks`, 'api'],
      ['POST', '/emulator/inbound', 'account'],
      ['GET', '/emulator/outbound', 'account'],
      ['POST', '/emulator/settings', 'account'],
      ['GET', `/2010-04-01/Accounts/${emu.info.accountSid}/IncomingPhoneNumbers.json`, 'account'],
    ];
    const rand = prng(9);
    for (let round = 0; round < 12; round++) {
      for (const [method, path, auth] of routes) {
        const form = new URLSearchParams();
        const n = 1 + Math.floor(rand() * 4);
        // Node's own HTTP parser refuses URLs over 16 KB (431) before the emulator sees them.
        const values = method === 'GET' ? HOSTILE_STRINGS.filter((x) => x.length < 2000) : HOSTILE_STRINGS;
        for (let i = 0; i < n; i++) form.append(pick(rand, FIELDS), pick(rand, values));
        const query = method === 'GET' ? `?${form.toString()}` : '';
        const answer = await rest(method, path + query, form, auth);
        expectTwilioShape(`${method} ${path} ${form.toString().slice(0, 200)}`, answer);
      }
    }
  }, 60_000);

  it('answers malformed JSON bodies to the control API and MediaSet with a 4xx', async () => {
    const mediaSet = `/v1/Services/${emu.info.serviceSid}/MediaSet`;
    const bodies = ['null', '[]', '1', '"x"', '{', '{"command":"get","list":null}', '{"command":"get","list":[null]}', '{"command":"get","list":[1,{"media_sid":{}}]}', '{"command":"get"}'];
    for (const body of bodies) {
      expectTwilioShape(`MediaSet ${body}`, await rest('POST', mediaSet, body, 'token', 'application/json'));
      expectTwilioShape(`inbound ${body}`, await rest('POST', '/emulator/inbound', body, 'account', 'application/json'));
      expectTwilioShape(`settings ${body}`, await rest('POST', '/emulator/settings', body, 'account', 'application/json'));
    }
  });

  it('still serves normally afterwards', async () => {
    const list = await rest('GET', '/v1/Conversations?PageSize=50');
    expect(list.status).toBe(200);
    const health = await fetch(`${emu.info.restBaseUrl}/emulator/health`);
    expect(health.status).toBe(200);
  });
});
