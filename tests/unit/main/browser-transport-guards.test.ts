import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserTransport, type BrowserTransport } from '../../../electron/main/browser-transport';
import { createEventHub } from '../../../electron/main/events';
import type { Handlers } from '../../../electron/main/ipc-dispatch';
import { rawRequest } from '../../helpers/raw-http';

/** The dev transport follows the emulator's rules where they apply: Host, Origin, body limit. */
const ORIGIN = 'http://127.0.0.1:5173';
const info = { proxyNumbers: { sms: '+15005550006', whatsapp: 'whatsapp:+14155238886' }, agents: ['maria'] };

let transport: BrowserTransport | null = null;
afterEach(async () => {
  await transport?.close();
  transport = null;
});

const start = (handlers: Partial<Handlers>, log?: (line: string) => void) =>
  startBrowserTransport({ handlers: handlers as Handlers, events: createEventHub(), allowedOrigins: [ORIGIN], ...(log ? { log } : {}) });

describe('browser transport guards', () => {
  it('answers a bad %-encoding with 400 and keeps serving', async () => {
    transport = await start({ 'local:workspaceInfo': async () => info });
    const bad = await fetch(`${transport.url}/ipc/%E0%A4%A`, { method: 'POST', headers: { Origin: ORIGIN } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const good = await fetch(`${transport.url}/ipc/local:workspaceInfo`, { method: 'POST', headers: { Origin: ORIGIN } });
    expect(await good.json()).toEqual({ ok: true, value: info });
  });

  it('answers an unexpected error with 500 instead of leaving the call hanging', async () => {
    // A handler whose answer breaks the contract makes dispatch log; a log that throws is the unexpected error.
    transport = await start({ 'local:workspaceInfo': async () => ({ nonsense: true }) as never }, () => {
      throw new Error('log sink gone');
    });
    const res = await fetch(`${transport.url}/ipc/local:workspaceInfo`, { method: 'POST', headers: { Origin: ORIGIN } });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers only to 127.0.0.1:PORT and localhost:PORT', async () => {
    transport = await start({ 'local:workspaceInfo': async () => info });
    const ok = await rawRequest(transport.port, `POST /ipc/local:workspaceInfo HTTP/1.1\r\nHost: localhost:${transport.port}\r\nOrigin: ${ORIGIN}\r\nContent-Length: 0`);
    expect(ok.status).toBe(200);
    const rebound = await rawRequest(transport.port, `POST /ipc/local:workspaceInfo HTTP/1.1\r\nHost: evil.example:${transport.port}\r\nOrigin: ${ORIGIN}\r\nContent-Length: 0`);
    expect(rebound.status).toBe(403);
  });

  it('refuses an unknown channel or an oversized body before reading it, and the page reads the answer', async () => {
    transport = await start({ 'local:workspaceInfo': async () => info });
    const big = await rawRequest(transport.port, `POST /ipc/local:workspaceInfo HTTP/1.1\r\nHost: 127.0.0.1:${transport.port}\r\nOrigin: ${ORIGIN}\r\nContent-Length: ${200 * 1024 * 1024}`);
    expect(big).toMatchObject({ status: 413, closed: true });
    const unknown = await rawRequest(transport.port, `POST /ipc/nope HTTP/1.1\r\nHost: 127.0.0.1:${transport.port}\r\nOrigin: ${ORIGIN}\r\nContent-Length: ${200 * 1024 * 1024}`);
    expect(unknown).toMatchObject({ status: 404, closed: true });
  });
});
