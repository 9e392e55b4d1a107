import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserTransport, type BrowserTransport } from '../../../electron/main/browser-transport';
import { createEventHub } from '../../../electron/main/events';
import type { Handlers } from '../../../electron/main/ipc-dispatch';
import { twilioInput } from './fakes';

const ORIGIN = 'http://localhost:5173';
const info = { proxyNumbers: { sms: '+15005550006', whatsapp: 'whatsapp:+14155238886' }, agents: ['maria'] };
const session = { profileId: 'local', kind: 'local' as const, identity: 'agent', token: 't', clientOptions: {}, emulatorUrl: null };

const handlers = {
  'local:workspaceInfo': async () => info,
  'profiles:save': async () => {
    throw new Error('should not be reached with an invalid payload');
  },
} as unknown as Handlers;

let transport: BrowserTransport | null = null;
afterEach(async () => {
  await transport?.close();
  transport = null;
});

const post = (channel: string, body: string, origin: string | null = ORIGIN) =>
  fetch(`${transport!.url}/ipc/${channel}`, { method: 'POST', body, headers: origin ? { Origin: origin } : {} });

describe('browser transport', () => {
  it('serves a channel with the same IpcResult as Electron IPC', async () => {
    transport = await startBrowserTransport({ handlers, events: createEventHub(), allowedOrigins: [ORIGIN] });
    const response = await post('local:workspaceInfo', '');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await response.json()).toEqual({ ok: true, value: info });
  });

  it('validates payloads with the same field messages', async () => {
    transport = await startBrowserTransport({ handlers, events: createEventHub(), allowedOrigins: [ORIGIN] });
    const body = await (await post('profiles:save', JSON.stringify({ ...twilioInput, serviceSid: 'IS1' }))).json();
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { serviceSid: expect.stringContaining('"IS" followed by 32') } } });
  });

  it('refuses other origins and requests without one', async () => {
    transport = await startBrowserTransport({ handlers, events: createEventHub(), allowedOrigins: [ORIGIN] });
    expect((await post('local:workspaceInfo', '', 'https://evil.example')).status).toBe(403);
    expect((await post('local:workspaceInfo', '', null)).status).toBe(403);
  });

  it('streams published events as server-sent events', async () => {
    const hub = createEventHub();
    transport = await startBrowserTransport({ handlers, events: hub, allowedOrigins: [ORIGIN] });
    const response = await fetch(`${transport.url}/events`, { headers: { Origin: ORIGIN } });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe(': connected\n\n');
    hub.publish('session:changed', { session });
    expect((await reader.read()).value).toBe(`event: session:changed\ndata: ${JSON.stringify({ session })}\n\n`);
    await reader.cancel();
  });
});
