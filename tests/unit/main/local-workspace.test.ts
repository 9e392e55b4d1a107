import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalWorkspace, inboundForm, LOCAL_PROXY_NUMBERS, type WorkspaceEmulator } from '../../../electron/main/local-workspace';
import type { LocalStatus } from '../../../shared/ipc/contract';
import { createTranslator } from '../../../shared/i18n/translator';
import { EMULATOR_SECRET, fakeEmulatorStarter, tempDir } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

const workspace = (starter: ReturnType<typeof fakeEmulatorStarter>, fetchImpl?: typeof fetch) =>
  createLocalWorkspace({ startEmulator: starter.start, userDataDir: dir.path, identity: 'agent', agents: ['maria'], fetch: fetchImpl });

describe('local workspace start', () => {
  it('starts on port 0 with the demo seed in <userData>/local-workspace, once', async () => {
    const starter = fakeEmulatorStarter();
    const local = workspace(starter);
    const [a, b] = await Promise.all([local.start(), local.start()]);
    expect(a).toEqual(b);
    expect(starter.calls).toEqual([expect.objectContaining({ port: 0, seed: 'demo', dataDir: join(dir.path, 'local-workspace') })]);
    expect(a).toEqual({ port: 40000, origin: 'http://127.0.0.1:40000', restBaseUrl: 'http://127.0.0.1:40000' });
    await local.close();
    expect(starter.closed).toEqual([40000]);
  });

  it('reuses the remembered port after a restart', async () => {
    const first = fakeEmulatorStarter();
    await workspace(first).start();
    const second = fakeEmulatorStarter();
    expect((await workspace(second).start()).port).toBe(40000);
    expect(second.calls[0]?.port).toBe(40000);
  });

  it('falls back to a free port when the remembered one is busy, and remembers the new one', async () => {
    await workspace(fakeEmulatorStarter()).start();
    const busy = fakeEmulatorStarter([40000]);
    const started = await workspace(busy).start();
    expect(busy.calls.map((c) => c.port)).toEqual([40000, 0]);
    expect(started.port).not.toBe(40000);
    const third = fakeEmulatorStarter();
    await workspace(third).start();
    expect(third.calls[0]?.port).toBe(started.port);
  });

  it('reports a start failure as unavailable and can retry', async () => {
    let fail = true;
    const starter = fakeEmulatorStarter();
    const local = createLocalWorkspace({
      startEmulator: (options) => (fail ? Promise.reject(new Error('disk full')) : starter.start(options)),
      userDataDir: dir.path,
      identity: 'agent',
      agents: [],
    });
    await expect(local.start()).rejects.toMatchObject({ code: 'unavailable', message: 'The Local workspace could not start: disk full' });
    fail = false;
    await expect(local.start()).resolves.toMatchObject({ port: 40000 });
  });
});

describe('local workspace in a process of its own', () => {
  it('plans its origin before the emulator is up: the remembered port, else a reserved one', async () => {
    const starter = fakeEmulatorStarter();
    const local = createLocalWorkspace({ startEmulator: starter.start, userDataDir: dir.path, identity: 'agent', agents: [], reservePort: async () => 45_123 });
    expect(await local.plannedOrigin()).toBe('http://127.0.0.1:45123');
    expect(starter.calls).toEqual([]);
    expect((await local.start()).port).toBe(45_123);
    expect(starter.calls[0]?.port).toBe(45_123);
    const again = createLocalWorkspace({ startEmulator: starter.start, userDataDir: dir.path, identity: 'agent', agents: [], reservePort: async () => 1 });
    expect(await again.plannedOrigin()).toBe('http://127.0.0.1:45123');
  });

  it('has no planned origin without a reserved port', async () => {
    expect(await workspace(fakeEmulatorStarter()).plannedOrigin()).toBeNull();
  });

  it('reports starting, running, then what the supervised emulator reports', async () => {
    const starter = fakeEmulatorStarter();
    let report: (status: LocalStatus) => void = () => {};
    let up: Promise<void> = Promise.resolve();
    const local = createLocalWorkspace({
      startEmulator: async (options): Promise<WorkspaceEmulator> => ({
        ...(await starter.start(options)),
        onStatus: (listener) => {
          report = listener;
          return () => {};
        },
        whenUp: () => up,
      }),
      userDataDir: dir.path,
      identity: 'agent',
      agents: [],
    });
    const seen: string[] = [];
    local.onStatus((status) => seen.push(status.state));
    expect(local.status()).toEqual({ state: 'starting', message: null });
    await local.start();
    expect(local.status()).toEqual({ state: 'running', message: null });

    // Restarting: a session waits for the emulator to be back, then is served.
    let back!: () => void;
    up = new Promise((resolve) => (back = resolve));
    report({ state: 'restarting', message: 'the emulator process exited (code 1)' });
    let session: unknown = null;
    const pending = local.session().then((s) => (session = s));
    await new Promise((resolve) => setImmediate(resolve));
    expect(session).toBeNull();
    back();
    report({ state: 'running', message: null });
    await pending;
    expect(session).toMatchObject({ kind: 'local' });

    // Gave up: sessions fail with its words.
    up = Promise.reject(new Error('The Local workspace stopped 5 times in a row'));
    up.catch(() => undefined);
    report({ state: 'failed', message: 'The Local workspace stopped 5 times in a row' });
    await expect(local.session()).rejects.toMatchObject({ code: 'unavailable', message: 'The Local workspace stopped 5 times in a row' });
    expect(seen).toEqual(['running', 'restarting', 'running', 'failed']);
    expect(starter.closed).toEqual([40000]);

    // Retry: the next request starts it afresh, on the same port.
    up = Promise.resolve();
    await expect(local.session()).resolves.toMatchObject({ kind: 'local' });
    expect(starter.calls.map((c) => c.port)).toEqual([0, 40000]);
    expect(seen.slice(-2)).toEqual(['starting', 'running']);
  });

  it('reports a failed start', async () => {
    const local = createLocalWorkspace({ startEmulator: () => Promise.reject(new Error('no binary')), userDataDir: dir.path, identity: 'agent', agents: [] });
    await expect(local.start()).rejects.toThrow(/no binary/);
    expect(local.status()).toEqual({ state: 'failed', message: 'The Local workspace could not start: no binary' });
  });
});

describe('local workspace session', () => {
  it('mints a token with the emulator key for the agent and passes the emulator client options', async () => {
    const session = await workspace(fakeEmulatorStarter()).session();
    expect(session).toMatchObject({ profileId: 'local', kind: 'local', identity: 'agent', emulatorUrl: 'http://127.0.0.1:40000' });
    expect(session.clientOptions).toMatchObject({ twilsock: { uri: 'ws://127.0.0.1:40000/v3/wsconnect' } });
    const claims = jwt.verify(session.token, EMULATOR_SECRET) as { grants: { identity: string; chat: { service_sid: string } } };
    expect(claims.grants).toMatchObject({ identity: 'agent', chat: { service_sid: `IS${'3'.repeat(32)}` } });
  });

  it('describes the workspace with the default proxy numbers', () => {
    expect(workspace(fakeEmulatorStarter()).workspaceInfo()).toEqual({
      proxyNumbers: { sms: '+15005550006', whatsapp: 'whatsapp:+14155238886' },
      agents: ['maria'],
    });
  });
});

describe('simulateInbound', () => {
  it('builds Twilio-style form fields, prefixing WhatsApp addresses and inlining media', () => {
    const form = inboundForm({
      channel: 'whatsapp',
      from: '+1 (415) 555-0123',
      body: 'photo',
      media: { filename: 'a.png', contentType: 'image/png', data: 'iVBORw0KGgo=' },
    });
    expect(Object.fromEntries(form)).toEqual({
      From: 'whatsapp:+14155550123',
      To: LOCAL_PROXY_NUMBERS.whatsapp,
      Body: 'photo',
      NumMedia: '1',
      MediaFilename0: 'a.png',
      MediaContentType0: 'image/png',
      MediaBase64_0: 'iVBORw0KGgo=',
    });
  });

  it('refuses a number that is not E.164, naming the field', () => {
    expect(() => inboundForm({ channel: 'sms', from: '555-0123', body: 'x' })).toThrow(
      expect.objectContaining({ code: 'invalid-input', fields: { from: expect.stringContaining('international format') } }),
    );
    const es = createTranslator('es').t;
    expect(() => inboundForm({ channel: 'sms', from: '+14155550123', to: 'abc', body: 'x' }, es)).toThrow(
      expect.objectContaining({ fields: { to: 'Escribe el número de empresa en formato internacional, p. ej. +15005550006' } }),
    );
  });

  it('POSTs to /emulator/inbound with Basic auth and returns the SIDs', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify({ conversationSid: 'CH1', messageSid: 'IM1' }), { status: 201 });
    }) as typeof fetch;
    const result = await workspace(fakeEmulatorStarter(), fakeFetch).simulateInbound({ channel: 'sms', from: '+14155550123', body: 'Hello' });
    expect(result).toEqual({ conversationSid: 'CH1', messageSid: 'IM1' });
    expect(requests[0]?.url).toBe('http://127.0.0.1:40000/emulator/inbound');
    const headers = requests[0]?.init.headers as Record<string, string>;
    expect(headers['Authorization']).toBe(`Basic ${Buffer.from(`AC${'1'.repeat(32)}:emulator-auth-token`).toString('base64')}`);
    expect(headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(requests[0]?.init.body)))).toMatchObject({ From: '+14155550123', To: '+15005550006', Body: 'Hello' });
  });

  it("reports the emulator's refusal in words", async () => {
    const fakeFetch = (async () => new Response(JSON.stringify({ message: 'Unknown proxy number' }), { status: 400 })) as typeof fetch;
    await expect(workspace(fakeEmulatorStarter(), fakeFetch).simulateInbound({ channel: 'sms', from: '+14155550123', body: 'x' })).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The Local workspace refused the message (HTTP 400): Unknown proxy number',
    });
  });
});
