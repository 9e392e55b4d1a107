import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
  it('shows the conversation charts of a first read before any message is read, and reads a conversation it never reached next time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'analytics-'));
    dirs.push(dir);
    const twilio = fakeTwilio();
    twilio.add('CH1', T0 + H, ['+14155550100', 'alice']);
    twilio.add('CH2', T0 + 2 * H, ['+14155550101']);
    twilio.conversations.set('CH2', { ...twilio.conversations.get('CH2')!, state: 'closed' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const messages = twilio.reader.messages;
    let failCH2 = true;
    twilio.reader.messages = async (sid, after) => {
      await held;
      if (sid === 'CH2' && failCH2) throw new Error('socket hang up');
      return messages(sid, after);
    };
    const { s, published } = service(twilio, dir, () => T0 + 40 * H);

    await s.report({ days });
    await vi.waitFor(() => expect(published).toHaveLength(1));
    const early = await s.report({ days });
    const all = (p: typeof early.opened) => p.sms.map((_, i) => p.sms[i]! + p.whatsapp[i]! + p.chat[i]! + p.unknown[i]!);
    expect(all(early.opened)).toEqual([2, 0]);
    expect(all(early.resolved)).toEqual([1, 0]);
    expect(early.messages.inbound).toEqual([0, 0]);
    expect(early.status).toMatchObject({ complete: false, refreshing: true, conversations: 0 });

    release();
    await s.idle();
    const done = await s.report({ days });
    expect(done.messages.inbound).toEqual([1, 0]);
    expect(done.status.error).toMatch(/1 conversation/);

    // CH2's messages were never read: the next read reads them although its dateUpdated did not move.
    failCH2 = false;
    await s.report({ days, refresh: true });
    await s.idle();
    expect((await s.report({ days })).messages.inbound).toEqual([2, 0]);
  });

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
    // The conversations listed (before any message was read), then the read's end.
    expect(published).toHaveLength(2);
    expect(published[0]).toEqual(['analytics:changed', { status: expect.objectContaining({ complete: false, refreshing: true, conversations: 0 }) }]);
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

describe('analytics service at quit', () => {
  it('stops a first read where it is, seals what it read once, writes nothing after, and the next launch reads only the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'analytics-'));
    dirs.push(dir);
    const twilio = fakeTwilio();
    twilio.add('CH1', T0 + H, ['+14155550100', 'alice']);
    twilio.add('CH2', T0 + 2 * H, ['+14155550101']);
    twilio.add('CH3', T0 + 3 * H, ['+14155550102']);
    // The REST read of CH2 hangs until the client is closed under it (team.close() at quit, after analytics').
    let closeRest!: (error: Error) => void;
    const restClosed = new Promise<never>((_, reject) => (closeRest = reject));
    restClosed.catch(() => undefined);
    const messages = twilio.reader.messages;
    twilio.reader.messages = async (sid, after) => (sid === 'CH2' ? (twilio.reads.push(`${sid}>${after}`), restClosed) : messages(sid, after));
    // What is sealed, as safeStorage sees it: one call per write.
    const sealed: string[] = [];
    const launch = () => {
      const published: unknown[] = [];
      const s = createAnalyticsService({
        dir,
        safeStorage: {
          isEncryptionAvailable: () => true,
          encryptString: (text) => (sealed.push(text), Buffer.from(text)),
          decryptString: (data) => data.toString(),
          getSelectedStorageBackend: () => 'gnome_libsecret',
        },
        platform: 'linux',
        scope: async () => ({ profileId: 'local', allowPlain: false }),
        client: async () => ({ rest: { serviceSid: `IS${'0'.repeat(32)}` } as RestClient, identity: 'alice' }),
        publish: (channel, payload) => published.push([channel, payload]),
        reader: () => twilio.reader,
        parallel: 1,
        now: () => T0 + 40 * H,
      });
      return { s, published };
    };

    const first = launch();
    await first.s.report({ days });
    await vi.waitFor(() => expect(twilio.reads).toEqual(['CH1>-1', 'CH2>-1']));
    const announced = first.published.length;
    await first.s.close();

    expect(sealed).toHaveLength(1);
    const file = JSON.parse(sealed[0]!) as { readAt: number | null; complete: boolean; facts: { sid: string; updated: number; inbound: number[] }[] };
    // CH1 read whole; CH2 (in flight) and CH3 (not reached) kept as listed, marked to be read.
    expect(file).toMatchObject({ readAt: null, complete: false });
    expect(file.facts.map((f) => [f.sid, f.updated === -1 ? 'unread' : 'read', f.inbound.length])).toEqual([
      ['CH1', 'read', 1],
      ['CH2', 'unread', 0],
      ['CH3', 'unread', 0],
    ]);

    // The REST client closes under the read: it ends without retrying, reading on, writing or announcing.
    closeRest(new Error('The REST client is closed'));
    await first.s.idle();
    await first.s.report({ days });
    await first.s.idle();
    expect(sealed).toHaveLength(1);
    expect(twilio.reads).toEqual(['CH1>-1', 'CH2>-1']);
    expect(first.published).toHaveLength(announced);

    // The next launch starts from the sealed file and reads only what the first never reached.
    twilio.reader.messages = messages;
    twilio.reads.length = 0;
    const next = launch();
    const resumed = await next.s.report({ days });
    expect(resumed.status).toMatchObject({ complete: false, conversations: 1 });
    await next.s.idle();
    expect(twilio.reads.sort()).toEqual(['CH2>-1', 'CH3>-1']);
    const done = await next.s.report({ days });
    expect(done.status).toMatchObject({ complete: true, conversations: 3, messages: 4 });
    expect(sealed).toHaveLength(2);
  });
});
