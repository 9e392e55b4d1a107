import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_LIMITS } from '../../../electron/emulator/http/limits';
import type { RoutePolicy } from '../../../electron/emulator/http/request';
import { createHttpServer } from '../../../electron/emulator/http/server';
import { TwilioError } from '../../../electron/emulator/util/errors';
import { rawRequest } from '../../helpers/raw-http';

/**
 * The HTTP layer's REST counting, on a route of our own: only authenticated requests are counted
 * in flight and get Twilio's REST headers, so a flood without credentials cannot push the real
 * account into 429s.
 */
let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function start(policy: Omit<RoutePolicy, 'authenticate' | 'rest'>): Promise<number> {
  let port = 0;
  const authenticate = (head: { headers: Record<string, unknown> }): void => {
    if (head.headers.authorization !== 'Basic ok') throw new TwilioError(401, 20003, 'Authenticate');
  };
  server = createHttpServer({
    routes: [
      {
        mount: { matches: () => true, handle: async () => ({ status: 200, body: { ok: true } }) },
        policy: () => ({ ...policy, rest: true, realm: 'Twilio API', authenticate }),
      },
    ],
    access: { port: () => port, allowedOrigins: [] },
    limits: DEFAULT_HTTP_LIMITS,
    rest: { maxConcurrent: 1, latencyMs: 0 },
    upgradePath: '/ws',
    upgrade: (_req, socket) => socket.destroy(),
    afterRequest: () => {},
    log: () => {},
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  port = (server!.address() as AddressInfo).port;
  return port;
}

/** Sends `requests` pipelined in one write and returns each answer's status and headers, in order. */
function pipelined(port: number, requests: string[]): Promise<{ status: number; headers: Record<string, string> }[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('end', () => {
      const answers = data.split(/(?=HTTP\/1\.1 \d{3} )/).filter(Boolean);
      resolve(
        answers.map((text) => {
          const [statusLine, ...lines] = text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n');
          const headers: Record<string, string> = {};
          for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
          return { status: Number(statusLine?.split(' ')[1]), headers };
        }),
      );
    });
    socket.write(requests.join(''));
  });
}

describe('REST requests in flight', () => {
  it('counts a request only once it is authenticated: unauthenticated ones beside it do not push it into 429', async () => {
    const port = await start({ maxBodyBytes: 1024 });
    const host = `Host: 127.0.0.1:${port}`;
    // One write: Node hands all four to the server before any answer is out, so requests counted
    // on arrival would still be in flight when the authenticated one is checked against the limit of 1.
    const anonymous = `GET /v1/Conversations HTTP/1.1\r\n${host}\r\n\r\n`;
    const answers = await pipelined(port, [anonymous, anonymous, anonymous, `GET /v1/Conversations HTTP/1.1\r\n${host}\r\nAuthorization: Basic ok\r\nConnection: close\r\n\r\n`]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 200]);
    expect(answers[3]?.headers['twilio-concurrent-requests']).toBe('1');
    expect(answers[3]?.headers['twilio-request-id']).toMatch(/^RQ/);
    for (const a of answers.slice(0, 3)) {
      expect(a.headers['www-authenticate']).toBe('Basic realm="Twilio API"');
      expect(a.headers['twilio-concurrent-requests']).toBeUndefined();
      expect(a.headers['twilio-request-id']).toBeUndefined();
    }
  });

  it("answers an oversized streamed body with 413 and Twilio's REST headers, as its other answers", async () => {
    const port = await start({ maxBodyBytes: 1024, stream: true });
    const answer = await rawRequest(port, `POST /v1/Upload HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Basic ok\r\nContent-Length: ${10 * 1024 * 1024}`);
    expect(answer).toMatchObject({ status: 413, closed: true });
    expect(JSON.parse(answer.body)).toMatchObject({ status: 413, code: 20413 });
    expect(answer.headers['twilio-concurrent-requests']).toBe('1');
    expect(answer.headers['twilio-request-id']).toMatch(/^RQ/);
    expect(answer.headers['twilio-request-duration']).toMatch(/^\d+\.\d{3}$/);
  });
});
