import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_BODY_LIMITS, startBrowserTransport, type BrowserTransport } from '../../../electron/main/browser-transport';
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

describe('browser transport limits (the shared loopback guard)', () => {
  const post = (channel: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${transport!.url}/ipc/${channel}`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json', ...headers }, body });

  it('limits each channel to what its calls can carry: kilobytes for a small call', async () => {
    transport = await start({ 'desktop:unread': async () => null });
    const padded = JSON.stringify({ total: 1, padding: 'x'.repeat(100 * 1024) });
    const res = await post('desktop:unread', padded);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await (await post('desktop:unread', JSON.stringify({ total: 1 }))).json()).toEqual({ ok: true, value: null });
  });

  it('keeps megabytes for the calls that carry big payloads only', () => {
    const big = Object.entries(CHANNEL_BODY_LIMITS)
      .filter(([, limit]) => limit >= 1024 * 1024)
      .map(([channel]) => channel)
      .sort();
    expect(big).toEqual([
      'canned:import',
      'inboxCache:save',
      'local:simulateInbound',
      'outbox:put',
      'outbox:saveDrafts',
      'search:index',
      'segments:checkCsv',
      'segments:saveCsv',
    ]);
    // A CSV of up to 2 MB, its quotes and newlines escaped in JSON.
    expect(CHANNEL_BODY_LIMITS['segments:checkCsv']).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(CHANNEL_BODY_LIMITS['segments:saveCsv']).toBeLessThanOrEqual(5 * 1024 * 1024);
    // A batch of 500 messages of 1,600 characters, each character up to 6 bytes escaped.
    expect(CHANNEL_BODY_LIMITS['search:index']).toBeLessThanOrEqual(5 * 1024 * 1024);
    // An exported file of up to 500 canned responses of 1,600 characters.
    expect(CHANNEL_BODY_LIMITS['canned:import']).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(CHANNEL_BODY_LIMITS['inboxCache:save']).toBe(64 * 1024 * 1024);
    // A queued message with the outbox's 16 MB of kept attachments, as base64 in JSON.
    expect(CHANNEL_BODY_LIMITS['outbox:put']).toBe(24 * 1024 * 1024);
  });

  it('answers 503 once the bytes buffered at once would pass the cap', async () => {
    transport = await startBrowserTransport({
      handlers: { 'desktop:unread': async () => null } as unknown as Handlers,
      events: createEventHub(),
      allowedOrigins: [ORIGIN],
      bufferedBytes: 1024,
    });
    // Within desktop:newMessage's 32 KB, past the 1 KB buffered at once.
    const res = await post('desktop:newMessage', JSON.stringify({ body: 'x'.repeat(2048) }));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect((await post('desktop:unread', JSON.stringify({ total: 1 }))).status).toBe(200);
  });

  it("splits a bad Host as the emulator does: unparseable 400, another host 403", async () => {
    transport = await start({ 'local:workspaceInfo': async () => info });
    const ask = (hostLine: string) => rawRequest(transport!.port, `POST /ipc/local:workspaceInfo HTTP/1.1\r\n${hostLine}\r\nOrigin: ${ORIGIN}\r\nContent-Length: 0`);
    expect((await ask('Host: exa mple:1')).status).toBe(400);
    expect((await ask(`Host: LOCALHOST:${transport.port}`)).status).toBe(200);
    expect((await ask(`Host: 127.0.0.1:${transport.port + 1}`)).status).toBe(403);
  });
});
