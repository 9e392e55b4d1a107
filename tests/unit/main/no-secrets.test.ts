import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invokeContract, type InvokeChannel, type IpcResult } from '../../../shared/ipc/contract';
import { dispatch } from '../../../electron/main/ipc-dispatch';
import type { ConnectableClient } from '../../../electron/main/profile-test';
import { createServices, type Services } from '../../../electron/main/services';
import { EMULATOR_AUTH_TOKEN, EMULATOR_SECRET, fakeEmulatorStarter, fakeSafeStorage, SECRET, tempDir, twilioInput } from './fakes';

/** A client that fails like Twilio would, echoing what it was given into the error text. */
const echoingClient = (token: string): ConnectableClient => ({
  on(event: string, listener: (...args: never[]) => void) {
    if (event === 'initFailed') queueMicrotask(() => (listener as (a: unknown) => void)({ error: { message: `bad token ${token}` } }));
    return this;
  },
  shutdown: async () => {},
});

let dir: Awaited<ReturnType<typeof tempDir>>;
let services: Services;
const events: unknown[] = [];

beforeEach(async () => {
  dir = await tempDir();
  events.length = 0;
  services = createServices({
    userDataDir: dir.path,
    safeStorage: fakeSafeStorage(),
    platform: 'linux',
    startEmulator: fakeEmulatorStarter().start,
    createClient: echoingClient,
    fetch: async () => new Response(JSON.stringify({ conversationSid: 'CH1', messageSid: 'IM1', echo: SECRET }), { status: 200 }),
  });
  services.events.subscribe((channel, payload) => events.push({ channel, payload }));
});
afterEach(async () => {
  await services.close();
  await dir.remove();
});

const call = (channel: InvokeChannel, payload?: unknown) => dispatch(services.handlers, channel, payload);

describe('no response carries a secret', () => {
  it('covers every channel, on success and on failure', async () => {
    const results: IpcResult<unknown>[] = [];
    const saved = await call('profiles:save', twilioInput);
    results.push(saved);
    const id = saved.ok ? (saved.value as { id: string }).id : 'missing';
    const { apiKeySecret: _s, ...withoutSecret } = twilioInput;
    results.push(
      await call('profiles:list'),
      await call('profiles:save', { ...withoutSecret, id, name: 'Edited' }),
      await call('profiles:save', { ...twilioInput, accountSid: 'bad' }),
      await call('profiles:test', twilioInput),
      await call('profiles:test', { ...withoutSecret, id }),
      await call('profiles:activate', { id }),
      await call('session:current'),
      await call('session:refreshToken'),
      await call('inboxCache:save', { profileId: id, cache: { version: 1, savedAt: 1, conversations: [], rosters: [], userNames: [] } }),
      await call('inboxCache:load', { part: 'all' }),
      await call('outbox:put', { profileId: id, entry: { key: 'key-00000001', conversationSid: `CH${'d'.repeat(32)}`, body: 'hi', attachments: [], createdAt: 1, attempts: 0 } }),
      await call('outbox:saveDrafts', { profileId: id, drafts: [[`CH${'d'.repeat(32)}`, 'draft']] }),
      await call('outbox:load'),
      await call('outbox:remove', { profileId: id, key: 'key-00000001' }),
      await call('profiles:activate', { id: 'local' }),
      await call('session:current'),
      await call('session:refreshToken'),
      await call('local:workspaceInfo'),
      await call('local:status'),
      await call('local:simulateInbound', { channel: 'sms', from: '+14155550123', body: 'hi' }),
      await call('settings:get'),
      await call('settings:set', { hideContent: true }),
      await call('settings:systemLanguages'),
      await call('desktop:unread', { total: 3 }),
      await call('desktop:newMessage', { conversationSid: `CH${'d'.repeat(32)}`, conversationTitle: 'T', author: 'a', channel: 'sms', body: SECRET, muted: false, isOpenConversation: false }),
      await call('desktop:takePendingLink'),
      await call('desktop:acknowledgeLink', { conversationSid: `CH${'d'.repeat(32)}` }),
      await call('diagnostics:export'),
      await call('profiles:remove', { id }),
      await call('profiles:activate', { id }),
    );
    // The team channels reach the Local workspace's (fake, unreachable) REST API: their failures
    // are words about the connection, never the key they authenticate with.
    const ch = `CH${'d'.repeat(32)}`;
    const teamResults = [
      await call('inboxCache:coldPage'),
      await call('team:queue'),
      await call('team:refresh'),
      await call('team:agents'),
      await call('team:assign', { conversationSid: ch, assignee: 'agent@desk.local', expected: null }),
      await call('team:setState', { conversationSid: ch, action: 'resolve' }),
      await call('team:messages', { conversationSid: ch }),
      await call('team:touch', { conversationSid: ch }),
      await call('api:health'),
      await call('content:approvals'),
      await call('canned:save', { id: 'c1', name: 'thanks', body: 'Thanks {{customer.name}}' }),
      await call('canned:list'),
      await call('canned:export'),
      await call('canned:import', { json: '{"version":1,"responses":[{"name":"bye","body":"Bye"}]}' }),
      await call('canned:remove', { id: 'c1' }),
      await call('customer:profile', { address: '+14155550123' }),
      await call('customer:save', { address: '+14155550123', fields: { name: 'A', email: '', company: '', tags: [], notes: 'n' } }),
      await call('customer:link', { address: '+14155550123', other: 'whatsapp:+14155550123' }),
      await call('customer:unlink', { address: '+14155550123', other: 'whatsapp:+14155550123' }),
      await call('customer:startConversation', { address: 'whatsapp:+14155550123', proxyAddress: 'whatsapp:+14155238886' }),
      await call('account:numbers'),
      await call('search:index', { profileId: 'local', messages: [{ conversationSid: ch, index: 0, body: 'refund please', date: 1 }], removed: [] }),
      await call('search:query', { profileId: 'local', query: 'refund', limit: 10 }),
      await call('segments:list'),
      await call('segments:preview', { filter: { channel: 'sms', tags: [], tagMatch: 'any', lastContactAfter: null, lastContactBefore: null, openConversation: 'any' } }),
      await call('segments:saveFilter', { name: 'VIP', filter: { channel: 'any', tags: ['vip'], tagMatch: 'any', lastContactAfter: null, lastContactBefore: null, openConversation: 'yes' } }),
      await call('segments:checkCsv', { text: 'phone,name\n+14155550123,Ana\n' }),
      await call('segments:saveCsv', { name: 'List', text: 'phone,name\n+14155550123,Ana\n' }),
      await call('segments:rename', { id: 's1', name: 'Other' }),
      await call('segments:updateFilter', { id: 's1', name: 'VIP', filter: { channel: 'sms', tags: ['gold'], tagMatch: 'all', lastContactAfter: null, lastContactBefore: null, openConversation: 'any' } }),
      await call('segments:remove', { id: 's1' }),
      // The Local workspace signs with its emulator's auth token: it must never come back.
      await call('webhooks:get'),
      await call('webhooks:save', { postWebhookUrl: 'https://example.com/hook', method: 'POST', filters: ['onMessageAdded'] }),
      await call('webhooks:test', { url: 'https://example.com/hook', method: 'POST' }),
      await call('webhooks:setAuthToken', { authToken: 'f'.repeat(32) }),
      await call('webhooks:deliveries'),
      await call('analytics:report', { days: [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2)] }),
      await call('campaign:options'),
      await call('campaign:list'),
      await call('campaign:create', { name: 'Delay', segmentId: 'seg-1', channel: 'sms', from: '+15005550006', message: { kind: 'text', body: 'Your order is late' }, sendAt: null }),
      await call('campaign:control', { id: 'cmp_0123456789abcdef', action: 'pause' }),
      await call('campaign:results', { id: 'cmp_0123456789abcdef' }),
      await call('campaign:setPrice', { pricePerSegmentUsd: 0.0079 }),
    ];
    expect(teamResults.filter((r) => !r.ok).length).toBeGreaterThanOrEqual(3);
    const covered = new Set<string>([
      'profiles:save',
      'profiles:list',
      'profiles:test',
      'profiles:activate',
      'session:current',
      'session:refreshToken',
      'local:workspaceInfo',
      'local:status',
      'local:simulateInbound',
      'profiles:remove',
      'settings:get',
      'settings:set',
      'settings:systemLanguages',
      'desktop:unread',
      'desktop:newMessage',
      'desktop:takePendingLink',
      'desktop:acknowledgeLink',
      'diagnostics:export',
      'inboxCache:save',
      'inboxCache:load',
      'inboxCache:coldPage',
      'outbox:load',
      'outbox:put',
      'outbox:remove',
      'outbox:saveDrafts',
      'team:queue',
      'team:refresh',
      'team:agents',
      'team:assign',
      'team:setState',
      'team:messages',
      'team:touch',
      'api:health',
      'content:approvals',
      'canned:save',
      'canned:list',
      'canned:export',
      'canned:import',
      'canned:remove',
      'customer:profile',
      'customer:save',
      'customer:link',
      'customer:unlink',
      'customer:startConversation',
      'account:numbers',
      'search:index',
      'search:query',
      'segments:list',
      'segments:preview',
      'segments:saveFilter',
      'segments:checkCsv',
      'segments:saveCsv',
      'segments:rename',
      'segments:updateFilter',
      'segments:remove',
      'webhooks:get',
      'webhooks:save',
      'webhooks:test',
      'webhooks:setAuthToken',
      'webhooks:deliveries',
      'analytics:report',
      'campaign:options',
      'campaign:list',
      'campaign:create',
      'campaign:control',
      'campaign:results',
      'campaign:setPrice',
    ]);
    expect([...covered].sort()).toEqual(Object.keys(invokeContract).sort());

    // The calls did real work (so the assertion below is not vacuous)…
    expect(results.flatMap((r) => (r.ok ? [] : [r.error.code]))).toEqual(['invalid-input', 'not-found']);
    // Both connection tests (typed secret, stored secret) reached the client and reported its failure.
    expect(results.filter((r) => r.ok && (r.value as { ok?: boolean } | null)?.ok === false)).toHaveLength(2);
    expect(events.length).toBeGreaterThanOrEqual(2);
    // …and neither results nor events carry a secret.
    const wire = JSON.stringify([results, teamResults, events]);
    expect(wire).not.toContain(SECRET);
    expect(wire).not.toContain(EMULATOR_SECRET);
    expect(wire).not.toContain(EMULATOR_AUTH_TOKEN);
    expect(wire).not.toContain('f'.repeat(32));
    expect(await readFile(join(dir.path, 'profiles.json'), 'utf8')).not.toContain(SECRET);
  });
});
