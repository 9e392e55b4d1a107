import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnalyticsService } from '../../../../electron/main/analytics/analytics-service';
import type { AnalyticsReader } from '../../../../electron/main/analytics/analytics-reader';
import type { RestConversation, RestMessage } from '../../../../electron/main/analytics/conversation-facts';
import type { RestClient } from '../../../../electron/main/rest/rest-client';

const T0 = Date.UTC(2026, 10, 1);
const H = 3_600_000;
const days = [T0, T0 + 24 * H, T0 + 48 * H];
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A Twilio stand-in: conversations and their messages, counting what analytics reads. */
function fakeTwilio() {
  const conversations = new Map<string, RestConversation>();
  const messages = new Map<string, RestMessage[]>();
  const reads: string[] = [];
  const add = (sid: string, at: number, authors: string[]) => {
    conversations.set(sid, { sid, state: 'active', dateCreated: new Date(at), dateUpdated: new Date(at + authors.length * 60_000), attributes: '{}' });
    messages.set(
      sid,
      authors.map((author, index) => ({ sid: `IM${sid}${index}`, index, author, attributes: '{}', dateCreated: new Date(at + index * 60_000), delivery: null })),
    );
  };
  const reader: AnalyticsReader = {
    conversations: async () => [...conversations.values()],
    messages: async (sid, after) => {
      reads.push(`${sid}>${after}`);
      return (messages.get(sid) ?? []).filter((m) => m.index > after);
    },
    channel: async () => 'chat',
    failureCode: async () => 0,
    agentIdentities: async () => [{ identity: 'alice', attributes: '{"role":"agent"}' }],
  };
  return { conversations, messages, reads, add, reader };
}

function service(twilio: ReturnType<typeof fakeTwilio>, dir: string, now: () => number) {
  const published: unknown[] = [];
  const s = createAnalyticsService({
    dir,
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '', getSelectedStorageBackend: () => 'unknown' },
    platform: 'linux',
    scope: async () => ({ profileId: 'local', allowPlain: true }),
    client: async () => ({ rest: { serviceSid: `IS${'0'.repeat(32)}` } as RestClient, identity: 'alice' }),
    publish: (channel, payload) => published.push([channel, payload]),
    reader: () => twilio.reader,
    chunk: 1,
    now,
  });
  return { s, published };
}

describe('analytics service', () => {
  it('reads everything once, then only conversations whose dateUpdated moved and only their new messages; a restart starts from the sealed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'analytics-'));
    dirs.push(dir);
    const twilio = fakeTwilio();
    twilio.add('CH1', T0 + H, ['+14155550100', 'alice']);
    twilio.add('CH2', T0 + 2 * H, ['+14155550101']);
    let now = T0 + 40 * H;
    const { s, published } = service(twilio, dir, () => now);

    const first = await s.report({ days });
    expect(first.status).toMatchObject({ complete: false, refreshing: true });
    await s.idle();
    const full = await s.report({ days });
    expect(full.status).toMatchObject({ complete: true, refreshing: false, conversations: 2, messages: 3 });
    expect(full.messages.inbound).toEqual([2, 0]);
    expect(twilio.reads.sort()).toEqual(['CH1>-1', 'CH2>-1']);
    expect(published).toHaveLength(1);
    expect(readdirSync(dir).some((f) => f.endsWith('-analytics.json'))).toBe(true);

    // Agent answers CH2 (its dateUpdated moves); CH1 is untouched.
    twilio.reads.length = 0;
    twilio.messages.get('CH2')!.push({ sid: 'IMCH21', index: 1, author: 'alice', attributes: '{}', dateCreated: new Date(T0 + 3 * H), delivery: null });
    twilio.conversations.set('CH2', { ...twilio.conversations.get('CH2')!, dateUpdated: new Date(T0 + 3 * H) });
    now += 2 * 60_000;
    await s.report({ days });
    await s.idle();
    expect(twilio.reads).toEqual(['CH2>0']);
    const after = await s.report({ days });
    expect(after.firstResponse.all).toMatchObject({ count: 2, median: 60_000, p90: H });
    expect(after.messages.outbound).toEqual([2, 0]);

    // A new service (the app launched again) answers from the file before reading anything.
    twilio.reads.length = 0;
    const again = service(twilio, dir, () => now).s;
    const cached = await again.report({ days });
    expect(cached.status).toMatchObject({ complete: true, conversations: 2, messages: 4 });
    expect(twilio.reads).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')).facts).toHaveLength(2);
  });
});
