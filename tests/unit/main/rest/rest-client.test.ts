import { describe, expect, it, vi } from 'vitest';
import { createRestClient } from '../../../../electron/main/rest/rest-client';
import { RestClientClosedError, type TransportResponse } from '../../../../electron/main/rest/governed-transport';

const hex = (c: string) => c.repeat(32);
const access = { accountSid: `AC${hex('1')}`, apiKeySid: `SK${hex('2')}`, apiKeySecret: 'secret', serviceSid: `IS${hex('3')}`, restBaseUrl: 'http://127.0.0.1:9' };

const conversation = (sid: string) => ({
  sid,
  account_sid: access.accountSid,
  chat_service_sid: access.serviceSid,
  friendly_name: null,
  unique_name: null,
  attributes: '{}',
  state: 'active',
  date_created: '2026-11-28T10:00:00Z',
  date_updated: '2026-11-28T10:00:00Z',
  url: '',
  links: {},
});

describe('REST client', () => {
  it("sends twilio-node's requests to the emulator's base, an agent's click ahead of queued background reads", async () => {
    const pending: { uri: string; resolve: (r: TransportResponse) => void }[] = [];
    const rest = createRestClient(access, {
      governor: { initial: 1 },
      send: (opts) => new Promise((resolve) => pending.push({ uri: opts.uri, resolve })),
    });
    const svc = rest.twilio.conversations.v1.services(access.serviceSid);
    const order: string[] = [];
    const read = (sid: string, priority: 'interactive' | 'background') =>
      rest.withPriority(priority, () => svc.conversations(sid).fetch()).then((c) => order.push(c.sid));
    const first = read(`CH${hex('a')}`, 'background');
    const second = read(`CH${hex('b')}`, 'background');
    const click = read(`CH${hex('c')}`, 'interactive');
    await new Promise((resolve) => setImmediate(resolve));
    expect(pending).toHaveLength(1);
    expect(pending[0]!.uri).toBe(`http://127.0.0.1:9/v1/Services/${access.serviceSid}/Conversations/CH${hex('a')}`);
    const answer = async () => {
      const next = pending.shift()!;
      next.resolve({ statusCode: 200, body: conversation(next.uri.slice(-34)), headers: {} });
      await new Promise((resolve) => setImmediate(resolve));
    };
    await answer();
    await answer();
    await answer();
    await Promise.all([first, second, click]);
    expect(order).toEqual([`CH${hex('a')}`, `CH${hex('c')}`, `CH${hex('b')}`]);
  });

  it('close() ends a waiting retry at once, sends nothing more and destroys the keep-alive agent', async () => {
    const sent: string[] = [];
    let sleeping = 0;
    const rest = createRestClient(access, {
      // A retry wait that only close() can end.
      sleep: () => {
        sleeping++;
        return new Promise<void>(() => {});
      },
      send: async (opts) => {
        sent.push(opts.uri);
        return { statusCode: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 }, headers: { 'retry-after': '10' } };
      },
    });
    const agent = (rest.twilio.httpClient as unknown as { axios: { defaults: { httpsAgent: { destroy(): void } } } }).axios.defaults.httpsAgent;
    const destroy = vi.spyOn(agent, 'destroy');
    const svc = rest.twilio.conversations.v1.services(access.serviceSid);
    const read = rest.withPriority('background', () => svc.conversations(`CH${hex('a')}`).fetch());
    await vi.waitFor(() => expect(sleeping).toBe(1));
    rest.close();
    await expect(read).rejects.toBeInstanceOf(RestClientClosedError);
    expect(destroy).toHaveBeenCalledOnce();
    await expect(svc.conversations(`CH${hex('b')}`).fetch()).rejects.toBeInstanceOf(RestClientClosedError);
    expect(sent).toHaveLength(1);
  });
});
