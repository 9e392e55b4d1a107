import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RestClient } from '../../../electron/main/rest/rest-client';
import { authTokenKey, createWebhookService } from '../../../electron/main/webhooks/webhook-service';

const TOKEN = 'a'.repeat(32);
const ACCOUNT = `AC${'1'.repeat(32)}`;
const SERVICE = `IS${'2'.repeat(32)}`;

/** Twilio's Configuration/Webhooks resource, as twilio-node's instance names its fields. */
function fakeRest(initial: { postWebhookUrl: string | null; method: string; filters: string[]; preWebhookUrl: string | null }) {
  const state = { ...initial };
  const updates: Record<string, unknown>[] = [];
  const resource = {
    fetch: async () => ({ ...state }),
    update: async (params: Record<string, unknown>) => {
      updates.push(params);
      if (params.filters) state.filters = params.filters as string[];
      if (params.method) state.method = params.method as string;
      if (params.postWebhookUrl !== undefined) state.postWebhookUrl = (params.postWebhookUrl as string) || null;
      return { ...state };
    },
  };
  const rest = {
    serviceSid: SERVICE,
    clock: { now: () => Date.now() },
    twilio: { conversations: { v1: { services: (sid: string) => (sid === SERVICE ? { configuration: { webhooks: () => resource } } : null) } } },
  } as unknown as RestClient;
  return { rest, state, updates };
}

describe('webhook service (a Twilio profile)', () => {
  let server: Server;
  let received: { url: string; headers: Record<string, unknown>; body: string }[];
  let base: string;
  let hang = false;
  const vault = new Map<string, string>();

  beforeEach(async () => {
    received = [];
    hang = false;
    vault.clear();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ url: `http://${req.headers.host}${req.url}`, headers: req.headers, body });
        if (!hang) res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const make = (rest: RestClient, timeoutMs?: number) =>
    createWebhookService({
      rest: async () => ({ rest, identity: 'agent@example.com' }),
      activeProfile: async () => ({ id: 'p1', local: false, accountSid: ACCOUNT }),
      localAccess: async () => {
        throw new Error('not the Local workspace');
      },
      vault: { get: async (k) => vault.get(k) ?? null, set: async (k, v) => void vault.set(k, v) },
      timeoutMs,
    });

  it('asks for the Auth Token before signing, keeps it in the vault only, and signs as validateRequest checks', async () => {
    const { rest } = fakeRest({ postWebhookUrl: null, method: 'POST', filters: [], preWebhookUrl: null });
    const webhooks = make(rest);
    expect((await webhooks.settings()).canSign).toBe(false);
    await expect(webhooks.test({ url: `${base}/hook`, method: 'POST' })).rejects.toMatchObject({ code: 'invalid-input' });

    const after = await webhooks.setAuthToken(TOKEN);
    expect(after.canSign).toBe(true);
    expect(JSON.stringify(after)).not.toContain(TOKEN);
    expect(vault.get(authTokenKey('p1'))).toBe(TOKEN);

    const result = await webhooks.test({ url: `${base}/hook?x=1`, method: 'POST' });
    expect(result).toMatchObject({ outcome: 'answered', status: 204, eventType: 'onMessageAdded' });
    const [hit] = received;
    const params = Object.fromEntries(new URLSearchParams(hit!.body));
    expect(params).toMatchObject({ AccountSid: ACCOUNT, ChatServiceSid: SERVICE, EventType: 'onMessageAdded' });
    expect(twilio.validateRequest(TOKEN, String(hit!.headers['x-twilio-signature']), hit!.url, params)).toBe(true);
    expect(twilio.validateRequest('b'.repeat(32), String(hit!.headers['x-twilio-signature']), hit!.url, params)).toBe(false);
  });

  it('signs a GET over the URL with its query, as Twilio does', async () => {
    vault.set(authTokenKey('p1'), TOKEN);
    const webhooks = make(fakeRest({ postWebhookUrl: null, method: 'GET', filters: [], preWebhookUrl: null }).rest);
    expect((await webhooks.test({ url: `${base}/get`, method: 'GET' })).outcome).toBe('answered');
    const [hit] = received;
    expect(hit!.body).toBe('');
    expect(twilio.validateRequest(TOKEN, String(hit!.headers['x-twilio-signature']), hit!.url, {})).toBe(true);
  });

  it('reports a timeout and a refused connection in its own words', async () => {
    vault.set(authTokenKey('p1'), TOKEN);
    const webhooks = make(fakeRest({ postWebhookUrl: null, method: 'POST', filters: [], preWebhookUrl: null }).rest, 200);
    hang = true;
    expect(await webhooks.test({ url: `${base}/slow`, method: 'POST' })).toMatchObject({ outcome: 'timeout', status: null });
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    expect(await webhooks.test({ url: `${base}/gone`, method: 'POST' })).toMatchObject({ outcome: 'refused', detail: 'ECONNREFUSED' });
    server.listen(0, '127.0.0.1');
  });

  it('saves the post-event URL, method and filters, keeping pre-event filters set elsewhere', async () => {
    const fake = fakeRest({ postWebhookUrl: null, method: 'POST', filters: ['onMessageAdd', 'onMessageAdded'], preWebhookUrl: 'https://pre.example.com' });
    const webhooks = make(fake.rest);
    const saved = await webhooks.save({ postWebhookUrl: 'https://hooks.example.com/c', method: 'GET', filters: ['onConversationAdded'] });
    expect(fake.updates).toEqual([{ postWebhookUrl: 'https://hooks.example.com/c', method: 'GET', filters: ['onMessageAdd', 'onConversationAdded'] }]);
    expect(saved).toMatchObject({ postWebhookUrl: 'https://hooks.example.com/c', method: 'GET', preWebhookUrl: 'https://pre.example.com', local: false });
  });

  it('has no deliveries list for a Twilio profile', async () => {
    const webhooks = make(fakeRest({ postWebhookUrl: null, method: 'POST', filters: [], preWebhookUrl: null }).rest);
    expect(await webhooks.deliveries()).toEqual({ available: false, deliveries: [] });
  });
});
