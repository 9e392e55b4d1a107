import { describe, expect, it, vi } from 'vitest';
import { invokeContract, wireChannel, type InvokeChannel, type IpcResult } from '../../../shared/ipc/contract';
import { DeskError } from '../../../electron/main/errors';
import { installIpc, trustedSenderCheck, type InvokeEventLike, type IpcMainLike } from '../../../electron/main/ipc';
import type { Handlers } from '../../../electron/main/ipc-dispatch';
import { twilioInput } from './fakes';

const APP_URL = 'app://desk/index.html';

/** Records handlers like ipcMain and lets a test invoke them as a renderer would. */
function fakeIpcMain() {
  const registered = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, listener);
    },
    removeHandler: (channel) => registered.delete(channel),
  };
  const invoke = (channel: string, payload: unknown, frame: InvokeEventLike['senderFrame'] = { url: APP_URL, parent: null }) => {
    const listener = registered.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: frame }, payload) as Promise<IpcResult<unknown>>;
  };
  return { ipcMain, registered, invoke };
}

const summary = {
  id: 'p1',
  kind: 'twilio' as const,
  name: 'Support US',
  identity: 'dana',
  accountSid: twilioInput.accountSid,
  apiKeySid: twilioInput.apiKeySid,
  serviceSid: twilioInput.serviceSid,
  secretHint: '••••••••9f3a',
  active: false,
};

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const unexpected = () => Promise.reject(new Error('not used in this test'));
  return {
    'profiles:list': vi.fn(async () => [summary]),
    'profiles:save': vi.fn(async () => summary),
    'profiles:test': unexpected,
    'profiles:remove': unexpected,
    'profiles:activate': unexpected,
    'session:current': unexpected,
    'session:refreshToken': unexpected,
    'local:workspaceInfo': unexpected,
    'local:status': unexpected,
    'local:simulateInbound': unexpected,
    'settings:get': unexpected,
    'settings:set': unexpected,
    'settings:systemLanguages': unexpected,
    'desktop:unread': unexpected,
    'desktop:newMessage': unexpected,
    'desktop:takePendingLink': unexpected,
    'desktop:acknowledgeLink': unexpected,
    'diagnostics:export': unexpected,
    'inboxCache:load': unexpected,
    'inboxCache:save': unexpected,
    'inboxCache:coldPage': unexpected,
    'outbox:load': unexpected,
    'outbox:put': unexpected,
    'outbox:remove': unexpected,
    'outbox:saveDrafts': unexpected,
    'team:queue': unexpected,
    'team:refresh': unexpected,
    'team:assign': unexpected,
    'team:setState': unexpected,
    'team:agents': unexpected,
    'team:messages': unexpected,
    'team:touch': unexpected,
    'api:health': unexpected,
    'canned:list': unexpected,
    'canned:save': unexpected,
    'canned:remove': unexpected,
    'canned:import': unexpected,
    'canned:export': unexpected,
    'customer:profile': unexpected,
    'customer:save': unexpected,
    'customer:link': unexpected,
    'customer:unlink': unexpected,
    'customer:startConversation': unexpected,
    'account:numbers': unexpected,
    'content:approvals': unexpected,
    'search:index': unexpected,
    'search:query': unexpected,
    'segments:list': unexpected,
    'segments:preview': unexpected,
    'segments:saveFilter': unexpected,
    'segments:checkCsv': unexpected,
    'segments:saveCsv': unexpected,
    'segments:rename': unexpected,
    'segments:updateFilter': unexpected,
    'segments:remove': unexpected,
    'webhooks:get': unexpected,
    'webhooks:save': unexpected,
    'webhooks:test': unexpected,
    'webhooks:setAuthToken': unexpected,
    'webhooks:deliveries': unexpected,
    'analytics:report': unexpected,
    'campaign:options': unexpected,
    'campaign:list': unexpected,
    'campaign:create': unexpected,
    'campaign:control': unexpected,
    'campaign:results': unexpected,
    'campaign:setPrice': unexpected,
    ...overrides,
  };
}

const install = (handlers = fakeHandlers()) => {
  const fake = fakeIpcMain();
  const uninstall = installIpc({ ipcMain: fake.ipcMain, handlers, isTrustedSender: trustedSenderCheck(APP_URL) });
  return { ...fake, handlers, uninstall };
};

describe('installIpc', () => {
  it('registers every contract channel under its desk: wire name, and removes them again', () => {
    const { registered, uninstall } = install();
    expect([...registered.keys()].sort()).toEqual((Object.keys(invokeContract) as InvokeChannel[]).map((c) => wireChannel(c)).sort());
    uninstall();
    expect(registered.size).toBe(0);
  });

  it('refuses to install twice on the same ipcMain', () => {
    const { ipcMain } = install();
    expect(() => installIpc({ ipcMain, handlers: fakeHandlers(), isTrustedSender: () => true })).toThrow(/already installed/);
  });

  it.each([
    ['a file page', { url: 'file:///opt/desk/resources/app.asar/out/renderer/index.html', parent: null }],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }],
    ['another custom scheme', { url: 'other://desk/index.html', parent: null }],
    ['an iframe of the app page', { url: APP_URL, parent: {} }],
    ['a web page', { url: 'https://example.com/', parent: null }],
    ['a frame that is gone', null],
  ])('refuses %s without calling the handler', async (_label, frame) => {
    const { invoke, handlers } = install();
    const result = await invoke(wireChannel('profiles:list'), undefined, frame);
    expect(result).toEqual({ ok: false, error: { code: 'denied', message: 'This page may not call Conversations Desk.' } });
    expect(handlers['profiles:list']).not.toHaveBeenCalled();
  });

  it('accepts the dev server origin when the app is served from it', async () => {
    const fake = fakeIpcMain();
    installIpc({ ipcMain: fake.ipcMain, handlers: fakeHandlers(), isTrustedSender: trustedSenderCheck('http://localhost:5173') });
    const result = await fake.invoke(wireChannel('profiles:list'), undefined, { url: 'http://localhost:5173/#/inbox', parent: null });
    expect(result.ok).toBe(true);
  });

  it('answers an invalid payload with invalid-input and one message per field', async () => {
    const { invoke, handlers } = install();
    const result = await invoke(wireChannel('profiles:save'), {
      ...twilioInput,
      accountSid: 'AC123',
      apiKeySid: `SK${'g'.repeat(32)}`,
      serviceSid: `CH${'c'.repeat(32)}`,
      name: ' ',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fields: {
          name: 'Name is required',
          accountSid: 'Account SID must be "AC" followed by 32 hexadecimal characters',
          apiKeySid: 'API Key SID must be "SK" followed by 32 hexadecimal characters',
          serviceSid: 'Conversations Service SID must be "IS" followed by 32 hexadecimal characters',
        },
      },
    });
    expect(handlers['profiles:save']).not.toHaveBeenCalled();
  });

  it('gives the single field message as the message when one field is wrong', async () => {
    const { invoke } = install();
    const result = await invoke(wireChannel('profiles:save'), { ...twilioInput, accountSid: 'ac' + 'a'.repeat(32) });
    expect(result).toMatchObject({ ok: false, error: { message: 'Account SID must be "AC" followed by 32 hexadecimal characters' } });
  });

  it('passes a DeskError through and hides any other error behind a generic message', async () => {
    const { invoke } = install(
      fakeHandlers({
        'profiles:list': async () => {
          throw new Error('ENOENT /home/dana/.config/secret-path');
        },
        'profiles:save': async () => {
          throw new DeskError('unavailable', 'Secure storage is not available', { apiKeySecret: 'x' });
        },
      }),
    );
    const internal = await invoke(wireChannel('profiles:list'), undefined);
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('details are in the log') } });
    expect(JSON.stringify(internal)).not.toContain('secret-path');
    expect(await invoke(wireChannel('profiles:save'), twilioInput)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Secure storage is not available', fields: { apiKeySecret: 'x' } },
    });
  });

  it('strips fields the contract does not name from responses', async () => {
    const leaky = { ...summary, apiKeySecret: 'leaked!' };
    const { invoke } = install(fakeHandlers({ 'profiles:list': async () => [leaky] }));
    const result = await invoke(wireChannel('profiles:list'), undefined);
    expect(result).toEqual({ ok: true, value: [summary] });
  });

  it('reports a response that breaks the contract as internal', async () => {
    const { invoke } = install(fakeHandlers({ 'profiles:list': async () => [{ id: 42 }] as never }));
    expect(await invoke(wireChannel('profiles:list'), undefined)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('desktop channels', () => {
  const goodMessage = {
    conversationSid: `CH${'e'.repeat(32)}`,
    conversationTitle: 'Order',
    author: '+14155550123',
    channel: 'sms',
    body: 'hello',
    muted: false,
    isOpenConversation: false,
  };

  it.each([
    ['desktop:newMessage', { ...goodMessage, conversationSid: 'CH123' }],
    ['desktop:newMessage', { ...goodMessage, channel: 'fax' }],
    ['desktop:newMessage', { ...goodMessage, body: 'x'.repeat(5000) }],
    ['desktop:unread', { total: -1 }],
    ['desktop:unread', { total: 1.5 }],
    ['settings:set', { notifications: 'yes' }],
    ['settings:set', { openDevTools: true }],
  ] as const)('%s refuses %j before any handler runs', async (channel, payload) => {
    const handler = vi.fn(async () => null);
    const { invoke } = install(fakeHandlers({ [channel]: handler }));
    expect(await invoke(wireChannel(channel), payload)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a new-message report from an iframe', async () => {
    const handler = vi.fn(async () => null);
    const { invoke } = install(fakeHandlers({ 'desktop:newMessage': handler }));
    expect(await invoke(wireChannel('desktop:newMessage'), goodMessage, { url: APP_URL, parent: {} })).toMatchObject({ ok: false, error: { code: 'denied' } });
    expect(handler).not.toHaveBeenCalled();
  });
});
