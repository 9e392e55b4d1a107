import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../electron/emulator';
import { rawRequest } from '../../helpers/raw-http';

/** The emulator's front door: what it refuses, how, and that it refuses before reading a body. */
const APP = 'http://127.0.0.1:5999';
const MB = 1024 * 1024;
let emulator: RunningEmulator;
let port: number;
let auth: string;
let host: string;

beforeAll(async () => {
  emulator = await startEmulator({ allowedOrigins: [APP], limits: { mediaUploadBytes: 2 * MB } });
  port = emulator.port;
  host = `127.0.0.1:${port}`;
  auth = `Basic ${Buffer.from(`${emulator.info.apiKeySid}:${emulator.info.apiKeySecret}`).toString('base64')}`;
});
afterAll(() => emulator.close());

const twilioShape = (status: number, code: number) => ({ status, code, message: expect.any(String), more_info: `https://www.twilio.com/docs/errors/${code}` });
const url = (path: string) => `http://${host}${path}`;
const servicePath = () => `/v1/Services/${emulator.info.serviceSid}`;

describe('unauthenticated large bodies', () => {
  it('four 150 MB POSTs without credentials are refused with 401 before a byte of their body is sent', async () => {
    const paths = ['/v1/Conversations', `${servicePath()}/Media`, '/emulator/inbound', `${servicePath()}/MediaSet`];
    const answers = await Promise.all(
      paths.map((path) => rawRequest(port, `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: image/png\r\nContent-Length: ${150 * MB}`)),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toEqual(twilioShape(401, answer.body.includes('20003') ? 20003 : 20101));
      // The 150 MB are neither waited for nor drained: the server answers and hangs up.
      expect(answer.closed).toBe(true);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(answers[0]?.headers['www-authenticate']).toBe('Basic realm="Twilio API"');
  });
});

describe('body limits', () => {
  it('answers a REST body over 512 KB with 413 in Twilio shape, and drains a small one so the client reads it', async () => {
    const body = `FriendlyName=${'x'.repeat(600 * 1024)}`;
    const res = await fetch(url('/v1/Conversations'), { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(twilioShape(413, 20413));
  });

  it('refuses a declared 20 MB REST body at once and closes; a chunked one is cut off at the limit', async () => {
    const declared = await rawRequest(port, `POST /v1/Conversations HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nContent-Length: ${20 * MB}`);
    expect(declared).toMatchObject({ status: 413, closed: true });
    const chunk = 'a'.repeat(600 * 1024);
    const chunked = await rawRequest(
      port,
      `POST /v1/Conversations HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nTransfer-Encoding: chunked`,
      `${chunk.length.toString(16)}\r\n${chunk}\r\n`,
    );
    expect(chunked).toMatchObject({ status: 413, closed: true });
    expect(JSON.parse(chunked.body)).toEqual(twilioShape(413, 20413));
  });

  it('keeps /emulator/settings in kilobytes', async () => {
    const res = await fetch(url('/emulator/settings'), { method: 'POST', headers: { authorization: auth }, body: `AutoJoinIdentities=${'a'.repeat(32 * 1024)}` });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: number }).code).toBe(20413);
  });
});

describe('requests that take no body', () => {
  it.each([
    ['GET', '/v1/Conversations'],
    ['DELETE', '/v1/Conversations/CH00000000000000000000000000000000'],
    ['GET', '/emulator/settings'],
    ['DELETE', '/v1/Services/IS0/Media/ME0'],
  ])('answers a %s %s that declares a body with 413 without waiting for it', async (method, path) => {
    // The body is never sent: a server that waited for it would not answer.
    const headers = path.includes('/Media/') ? `X-Twilio-Token: ${emulator.mintToken('agent')}` : `Authorization: ${auth}`;
    const answer = await rawRequest(port, `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n${headers}\r\nContent-Length: 100`);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual(twilioShape(413, 20413));
  });

  it('refuses a chunked GET body unread', async () => {
    const answer = await rawRequest(port, `GET /v1/Conversations HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${auth}\r\nTransfer-Encoding: chunked`);
    expect(answer).toMatchObject({ status: 413, closed: true });
  });

  it('checks a content URL signature from the head, before any body', async () => {
    const res = await fetch(url(`${servicePath()}/Media?Filename=a.txt`), {
      method: 'POST',
      headers: { 'x-twilio-token': emulator.mintToken('agent'), 'content-type': 'text/plain' },
      body: 'hello',
    });
    const signed = new URL(((await res.json()) as { links: { content_direct_temporary: string } }).links.content_direct_temporary);
    const forged = `${signed.pathname}?Expires=${signed.searchParams.get('Expires')}&Signature=${'0'.repeat(64)}`;
    const refused = await rawRequest(port, `GET ${forged} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 100`);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual(twilioShape(403, 20403));
    const withBody = await rawRequest(port, `GET ${signed.pathname}${signed.search} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 100`);
    expect(withBody.status).toBe(413);
    const clean = await rawRequest(port, `GET ${signed.pathname}${signed.search} HTTP/1.1\r\nHost: ${host}`);
    expect(clean).toMatchObject({ status: 200, body: 'hello' });
  });
});

describe('Host and Origin', () => {
  it('answers only to 127.0.0.1:PORT and localhost:PORT', async () => {
    expect((await rawRequest(port, `GET /emulator/health HTTP/1.1\r\nHost: localhost:${port}`)).status).toBe(200);
    const rebound = await rawRequest(port, `GET /emulator/health HTTP/1.1\r\nHost: attacker.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toEqual(twilioShape(403, 20403));
    expect((await rawRequest(port, `GET /emulator/health HTTP/1.1\r\nHost: 127.0.0.1:1`)).status).toBe(403);
  });

  it.each([['bad host', 'Host: exa mple:1'], ['bracket', 'Host: [::1'], ['none', '']])('answers an unparseable Host (%s) with 400, not 500', async (_name, hostLine) => {
    const answer = await rawRequest(port, `GET /emulator/health HTTP/1.1${hostLine ? `\r\n${hostLine}` : ''}`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual(twilioShape(400, 20001));
  });

  it('reflects the app origin for CORS and refuses any other page', async () => {
    const ours = await fetch(url('/emulator/health'), { headers: { origin: APP } });
    expect(ours.headers.get('access-control-allow-origin')).toBe(APP);
    expect(ours.headers.get('vary')).toBe('Origin');
    const none = await fetch(url('/emulator/health'));
    expect(none.status).toBe(200);
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    const evil = await fetch(url('/v1/Conversations'), { headers: { origin: 'https://evil.example', authorization: auth } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(await evil.json()).toEqual(twilioShape(403, 20403));
    const preflight = await fetch(url('/v1/Conversations'), { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(preflight.status).toBe(403);
  });

  it('lets a second origin in when asked (a second app sharing the emulator)', async () => {
    const other = 'http://127.0.0.1:6001';
    expect((await fetch(url('/emulator/health'), { headers: { origin: other } })).status).toBe(403);
    await emulator.allowOrigin(other);
    expect((await fetch(url('/emulator/health'), { headers: { origin: other } })).headers.get('access-control-allow-origin')).toBe(other);
  });

  it('lets an origin in over /emulator/origins (an emulator in another process), with credentials only', async () => {
    const third = 'http://127.0.0.1:6002';
    const ask = (headers: Record<string, string>, origin = third) =>
      fetch(url('/emulator/origins'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ Origin: origin }) });
    expect((await ask({})).status).toBe(401);
    expect((await fetch(url('/emulator/health'), { headers: { origin: third } })).status).toBe(403);
    const bad = await ask({ authorization: auth }, 'not an origin');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(twilioShape(400, 20001));
    const ok = await ask({ authorization: auth });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { allowed_origins: string[] }).allowed_origins).toContain(third);
    expect((await fetch(url('/emulator/health'), { headers: { origin: third } })).headers.get('access-control-allow-origin')).toBe(third);
  });
});

describe('bad input is a 4xx in Twilio shape', () => {
  it('answers bad %-encoding in the path with 400', async () => {
    const res = await fetch(url('/v1/Conversations/%E0%A4%A'), { headers: { authorization: auth } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(twilioShape(400, 20001));
  });

  it('answers MediaSet null (and lists of junk) without a 500', async () => {
    const token = emulator.mintToken('agent');
    const post = (body: string) => fetch(url(`${servicePath()}/MediaSet`), { method: 'POST', headers: { 'x-twilio-token': token, 'content-type': 'application/json' }, body });
    for (const body of ['null', '7', '"get"', '{"command":"get","list":null}']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual(twilioShape(400, 20001));
    }
    // A list whose entries are not {media_sid: "ME…"} is a malformed request, not three misses.
    const junk = await post('{"command":"get","list":[null, 3, {"media_sid": {}}]}');
    expect(junk.status).toBe(400);
    expect(await junk.json()).toEqual(twilioShape(400, 20001));
  });
});

describe('media', () => {
  const upload = async (bytes: Buffer, contentType: string, filename: string) => {
    const res = await fetch(url(`${servicePath()}/Media?Filename=${encodeURIComponent(filename)}`), {
      method: 'POST',
      headers: { 'x-twilio-token': emulator.mintToken('agent'), 'content-type': contentType },
      body: bytes,
    });
    return { status: res.status, body: (await res.json()) as { sid: string; size: number; code?: number; links: { content_direct_temporary: string } } };
  };

  it('streams an upload to the blob store and serves the same bytes back', async () => {
    const bytes = Buffer.alloc(MB + 17, 3);
    const { status, body } = await upload(bytes, 'application/octet-stream', 'data.bin');
    expect(status).toBe(201);
    expect(body.size).toBe(bytes.length);
    const content = await fetch(body.links.content_direct_temporary);
    expect(Buffer.from(await content.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("refuses an upload over the limit with Twilio's media code", async () => {
    const { status, body } = await upload(Buffer.alloc(2 * MB + 1, 1), 'image/png', 'big.png');
    expect(status).toBe(413);
    // 50512 "Message media size is too large" in Twilio's dictionary.
    expect(body.code).toBe(50512);
  });

  it.each([
    ['写真.png', 'image/png', `inline; filename="__.png"; filename*=UTF-8''%E5%86%99%E7%9C%9F.png`],
    ['🎉 party.jpg', 'image/jpeg', `inline; filename="_ party.jpg"; filename*=UTF-8''%F0%9F%8E%89%20party.jpg`],
    ['café "menu".pdf', 'application/pdf', `attachment; filename="cafe _menu_.pdf"; filename*=UTF-8''caf%C3%A9%20%22menu%22.pdf`],
    ['notes.html', 'text/html', `attachment; filename="notes.html"; filename*=UTF-8''notes.html`],
  ])('downloads %s with an RFC 5987 name and the right disposition', async (filename, contentType, disposition) => {
    const { body } = await upload(Buffer.from('hello'), contentType, filename);
    const res = await fetch(body.links.content_direct_temporary);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(disposition);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('keeping memory and connections in check', () => {
  it('drains a small refused body and keeps the connection; answers a large one and closes', async () => {
    const small = await rawRequest(port, `POST /v1/Conversations HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${600 * 1024}`);
    expect(small).toMatchObject({ status: 401, closed: false });
    const large = await rawRequest(port, `POST /v1/Conversations HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${2 * MB}`);
    expect(large).toMatchObject({ status: 401, closed: true });
  });

  it('keeps a path that looks like another host a path', async () => {
    const res = await rawRequest(port, `GET //evil.example/emulator/health HTTP/1.1\r\nHost: ${host}`);
    expect(res.status).toBe(404);
  });

  it('answers 503 (20503) once the bytes buffered at once would pass the cap', async () => {
    const tight = await startEmulator({ limits: { bufferedBytes: 1024 } });
    try {
      const basic = `Basic ${Buffer.from(`${tight.info.apiKeySid}:${tight.info.apiKeySecret}`).toString('base64')}`;
      const res = await fetch(`${tight.info.restBaseUrl}/v1/Conversations`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: `FriendlyName=${'x'.repeat(2048)}` });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual(twilioShape(503, 20503));
      const fits = await fetch(`${tight.info.restBaseUrl}/v1/Conversations`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'FriendlyName=ok' });
      expect(fits.status).toBe(201);
    } finally {
      await tight.close();
    }
  });

  it('with a data dir, moves a streamed upload into the media folder and leaves nothing in uploads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-upload-'));
    const persistent = await startEmulator({ dataDir: dir });
    try {
      const res = await fetch(`${persistent.info.restBaseUrl}/v1/Services/${persistent.info.serviceSid}/Media?Filename=a.bin`, {
        method: 'POST',
        headers: { 'x-twilio-token': persistent.mintToken('agent'), 'content-type': 'application/octet-stream' },
        body: Buffer.alloc(300 * 1024, 9),
      });
      const { sid } = (await res.json()) as { sid: string };
      expect(res.status).toBe(201);
      expect(readFileSync(join(dir, 'media', sid)).length).toBe(300 * 1024);
      expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
      // Served back streamed from that file, with its length declared up front.
      const links = (await (await fetch(`${persistent.info.restBaseUrl}/v1/Services/${persistent.info.serviceSid}/Media/${sid}`, { headers: { 'x-twilio-token': persistent.mintToken('agent') } })).json()) as {
        links: { content_direct_temporary: string };
      };
      const content = await fetch(links.links.content_direct_temporary);
      expect(content.headers.get('content-length')).toBe(String(300 * 1024));
      expect(Buffer.from(await content.arrayBuffer()).equals(Buffer.alloc(300 * 1024, 9))).toBe(true);
    } finally {
      await persistent.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
