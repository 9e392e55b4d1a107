import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnEmulator, type EmulatorProcess } from '../../helpers/emulator-process';

/**
 * `npm run --silent emulator -- --port 0 --max-concurrent-requests 2 --rest-latency-ms 100`: each
 * REST request takes 100 ms as Twilio's do, requests are counted from arrival to the last byte of
 * the answer, so a burst overlaps and the limit answers 429 / 20429 with the real count.
 */
let emu: EmulatorProcess;

beforeAll(async () => {
  emu = await spawnEmulator(['--port', '0', '--max-concurrent-requests', '2', '--rest-latency-ms', '100', '--allow-origin', 'app://desk', '--allow-origin', 'http://127.0.0.1:7777/']);
}, 30_000);
afterAll(async () => {
  emu.signalGroup('SIGTERM');
  await emu.exited;
});

describe('emulator CLI pacing', () => {
  it('answers a burst of 40 requests with 429s (20429) and shows the concurrency it counted', async () => {
    const auth = `Basic ${Buffer.from(`${emu.info.apiKeySid}:${emu.info.apiKeySecret}`).toString('base64')}`;
    const answers = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const res = await fetch(`${emu.info.restBaseUrl}/v1/Conversations?PageSize=1`, { headers: { authorization: auth } });
        return { status: res.status, concurrent: Number(res.headers.get('twilio-concurrent-requests')), body: (await res.json()) as { code?: number } };
      }),
    );
    const limited = answers.filter((a) => a.status === 429);
    const served = answers.filter((a) => a.status === 200);
    expect(limited.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThanOrEqual(2);
    expect(limited.length + served.length).toBe(40);
    for (const a of limited) {
      expect(a.body).toMatchObject({ code: 20429, status: 429, more_info: 'https://www.twilio.com/docs/errors/20429' });
      expect(a.concurrent).toBeGreaterThan(2);
    }
    for (const a of served) expect(a.concurrent).toBeLessThanOrEqual(2);
    expect(Math.max(...answers.map((a) => a.concurrent))).toBeGreaterThan(2);
  });

  it('reflects each --allow-origin for CORS and refuses other pages', async () => {
    const health = (origin: string) => fetch(`${emu.info.restBaseUrl}/emulator/health`, { headers: { origin } });
    expect((await health('app://desk')).headers.get('access-control-allow-origin')).toBe('app://desk');
    expect((await health('http://127.0.0.1:7777')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:7777');
    expect((await health('http://127.0.0.1:7778')).status).toBe(403);
  });

  it('refuses a bad --allow-origin or --rest-latency-ms with exit code 2', async () => {
    for (const args of [['--allow-origin', 'not a url'], ['--rest-latency-ms', '-1']]) {
      const failed = await spawnEmulator(['--port', '0', ...args], 'node').then(
        () => null,
        (err: Error) => err.message,
      );
      expect(failed).toMatch(/exited \(2\)/);
    }
  });
});
