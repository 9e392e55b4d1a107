import { describe, expect, it, vi } from 'vitest';
import { createApiHealthRecorder } from '../../../../electron/main/rest/api-health';
import { createGovernedTransport, type TransportResponse } from '../../../../electron/main/rest/governed-transport';
import { createGovernor } from '../../../../electron/main/rest/governor';
import { createServerClock } from '../../../../electron/main/rest/server-clock';

function setup(answers: TransportResponse[], opts: { initial?: number; maxRetries?: number; deadlineMs?: number } = {}) {
  let now = 1_000_000;
  const sleeps: number[] = [];
  const sent: string[] = [];
  const governor = createGovernor({ initial: opts.initial ?? 4 });
  const health = createApiHealthRecorder();
  const clock = createServerClock(() => now);
  const request = createGovernedTransport<string>({
    send: async (req) => {
      sent.push(req);
      now += 40;
      const answer = answers.shift();
      if (!answer) throw new Error('no answer scripted');
      return answer;
    },
    governor,
    health,
    clock,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    backoff: { baseMs: 100, random: () => 0.5 },
    maxRetries: opts.maxRetries,
    interactiveDeadlineMs: opts.deadlineMs,
  });
  return { request, sleeps, sent, governor, health, clock, now: () => now };
}

const ok = (headers: Record<string, unknown> = {}): TransportResponse => ({ statusCode: 200, body: { ok: true }, headers });
const throttled = (headers: Record<string, unknown> = {}): TransportResponse => ({
  statusCode: 429,
  body: JSON.stringify({ code: 20429, message: 'Too Many Requests', status: 429 }),
  headers,
});

describe('governed transport', () => {
  it('retries 429 and 503 with full-jitter backoff, halving the governor, then answers', async () => {
    const t = setup([throttled(), { statusCode: 503, body: '', headers: {} }, ok()]);
    const response = await t.request('GET /Conversations', 'interactive');
    expect(response.statusCode).toBe(200);
    expect(t.sent).toHaveLength(3);
    expect(t.sleeps).toEqual([50, 100]);
    expect(t.governor.limit()).toBe(2);
    const health = t.health.snapshot(t.now(), t.governor.limit());
    expect(health).toMatchObject({ requestsPerMinute: 3, throttledLastHour: 1, concurrencyLimit: 2 });
  });

  it('honours Retry-After as the least wait', async () => {
    const t = setup([throttled({ 'Retry-After': '2' }), ok()]);
    await t.request('POST /Conversations/CH1', 'interactive');
    expect(t.sleeps).toEqual([2_000]);
  });

  it('clamps a huge Retry-After to 30 s and ends an interactive call at its deadline with the 429', async () => {
    const t = setup([throttled({ 'Retry-After': '3600' }), throttled({ 'Retry-After': '3600' }), ok()], { maxRetries: 6 });
    const response = await t.request('POST /Participants', 'interactive');
    // 30 s is past the 20 s deadline: no retry at all, Twilio's 429 goes back to the caller.
    expect(response.statusCode).toBe(429);
    expect(t.sleeps).toEqual([]);
    expect(t.sent).toHaveLength(1);
    expect(t.health.snapshot(t.now(), 1).lastError).toBe('Too Many Requests (Twilio error 20429)');

    const bg = setup([throttled({ 'Retry-After': '3600' }), ok()]);
    expect((await bg.request('GET /Conversations', 'background')).statusCode).toBe(200);
    expect(bg.sleeps).toEqual([30_000]);
  });

  it('retries an interactive call while the retries fit in its deadline', async () => {
    const t = setup([throttled({ 'Retry-After': '4' }), throttled({ 'Retry-After': '4' }), throttled({ 'Retry-After': '4' }), ok()], { deadlineMs: 10_000 });
    const response = await t.request('POST /Participants', 'interactive');
    expect(response.statusCode).toBe(429);
    expect(t.sleeps).toEqual([4_000, 4_000]);
    expect(t.sent).toHaveLength(3);
  });

  it('halves the governor once for 429s of requests that were in flight together', async () => {
    const now = 0;
    // Five slots: background work fills four of them (one is kept for a click).
    const governor = createGovernor({ initial: 5 });
    const pending: ((r: TransportResponse) => void)[] = [];
    const sent: string[] = [];
    const request = createGovernedTransport<string>({
      send: (req) => {
        sent.push(req);
        return new Promise((resolve) => pending.push(resolve));
      },
      governor,
      health: createApiHealthRecorder(),
      clock: createServerClock(() => now),
      now: () => now,
      sleep: () => new Promise<void>(() => {}),
      backoff: { baseMs: 100, random: () => 0.5 },
    });
    for (const id of ['a', 'b', 'c', 'd']) void request(id, 'background');
    await vi.waitFor(() => expect(pending).toHaveLength(4));
    for (const answer of pending.splice(0)) answer(throttled());
    await vi.waitFor(() => expect(governor.inFlight()).toBe(0));
    expect(governor.limit()).toBe(2);
    // A request granted after the halving that is throttled too halves again.
    void request('e', 'background');
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending.shift()!(throttled());
    await vi.waitFor(() => expect(governor.limit()).toBe(1));
  });

  it('gives up after its retries and hands back the 429 with the last error in words', async () => {
    const t = setup([throttled(), throttled(), throttled()], { maxRetries: 2 });
    const response = await t.request('GET /Users', 'background');
    expect(response.statusCode).toBe(429);
    expect(t.sent).toHaveLength(3);
    expect(t.health.snapshot(t.now(), 1).lastError).toBe('Too Many Requests (Twilio error 20429)');
  });

  it('leaves a 4xx to its caller (an expected answer such as 50433 is no problem to report), but reports a 5xx', async () => {
    const t = setup([
      { statusCode: 409, body: JSON.stringify({ code: 50433, message: 'Participant already exists', status: 409 }), headers: {} },
      { statusCode: 500, body: JSON.stringify({ code: 20500, message: 'Internal Server Error', status: 500 }), headers: {} },
    ]);
    expect((await t.request('POST /Participants', 'interactive')).statusCode).toBe(409);
    expect(t.health.snapshot(t.now(), 1).lastError).toBeNull();
    expect((await t.request('GET /Conversations', 'interactive')).statusCode).toBe(500);
    expect(t.health.snapshot(t.now(), 1).lastError).toBe('Internal Server Error (Twilio error 20500)');
  });

  it("records Twilio's headers and the server's clock", async () => {
    const t = setup([ok({ 'Twilio-Concurrent-Requests': '3', 'Twilio-Request-Duration': '0.120', Date: new Date(1_000_000 + 7_200_000).toUTCString() })]);
    await t.request('GET /Conversations', 'background');
    const health = t.health.snapshot(t.now(), 4);
    expect(health.concurrentRequests).toBe(3);
    expect(health.medianDurationMs).toBe(120);
    expect(Math.round(t.clock.offset() / 1000)).toBe(7_200);
  });

  it('forgets requests older than a minute and 429s older than an hour', () => {
    const h = createApiHealthRecorder();
    h.request(0, 10, 429, {});
    h.request(30_000, 30, 200, {});
    h.request(100_000, 20, 200, {});
    expect(h.snapshot(100_000, 2)).toMatchObject({ requestsPerMinute: 1, throttledLastHour: 1, medianDurationMs: 20 });
    expect(h.snapshot(3_700_000, 2)).toMatchObject({ requestsPerMinute: 0, throttledLastHour: 0 });
  });
});
