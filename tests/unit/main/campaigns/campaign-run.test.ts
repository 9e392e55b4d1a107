import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openJournal } from '../../../../electron/main/campaigns/campaign-journal';
import { createCampaignRun, isFinalRefusal, type RunDefinition } from '../../../../electron/main/campaigns/campaign-run';
import { campaignOfMessage } from '../../../../shared/domain/campaign-attributes';
import { fakeSafeStorage, tempDir } from '../fakes';
import { fakeTwilio, holdReceipts } from './fake-twilio';

const recipients = (count: number) => Array.from({ length: count }, (_, i) => ({ address: `+1415555${String(i).padStart(4, '0')}`, name: `Customer ${i}`, fields: { name: `Customer ${i}`, company: i % 2 ? 'Acme' : '' } }));
const definition = (count: number): RunDefinition => ({
  id: 'cmp_00000000000001',
  name: 'Delayed shipment',
  from: '+15005550006',
  message: { kind: 'text', body: 'Your order ships Monday.' },
  author: 'lead@desk.local',
  recipients: recipients(count),
});

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.remove();
});

const journalAt = (file: string) => openJournal({ file, safeStorage: fakeSafeStorage(), platform: 'darwin', allowPlain: false });

describe('campaign run', () => {
  it('sends one message per recipient, each marked with the campaign and its recipient, the intent journaled before the send', async () => {
    const twilio = fakeTwilio();
    const file = join(dir.path, 'journal.log');
    const journal = journalAt(file);
    const seenAtSend: boolean[] = [];
    const api = {
      ...twilio.api,
      sendMessage: async (conversation: string, input: Parameters<typeof twilio.api.sendMessage>[1]) => {
        const recipient = campaignOfMessage(input.attributes)!.recipient;
        const i = recipients(20).findIndex((r) => r.address === recipient);
        // What a crash right now would leave on disk: the intent must already be there.
        const onDisk = await journalAt(file).read();
        seenAtSend.push(onDisk.some((e) => e.i === i && e.t === 'intent'));
        return twilio.api.sendMessage(conversation, input);
      },
    };
    const run = createCampaignRun(definition(20), { api, journal, workers: 4 });
    await run.load();
    expect(await run.send()).toBe('done');
    await journal.close();
    expect(seenAtSend).toHaveLength(20);
    expect(seenAtSend.every(Boolean)).toBe(true);
    expect([...twilio.perAddress().values()]).toEqual(Array(20).fill(1));
    expect(run.counts()).toMatchObject({ total: 20, sent: 20, failed: 0, pending: 0 });
    const c = [...twilio.conversations.values()][0]!;
    expect(JSON.parse(c.attributes)).toEqual({ desk: { campaign: { id: 'cmp_00000000000001', name: 'Delayed shipment' } } });
    expect(campaignOfMessage(c.messages[0]!.attributes)).toEqual({ id: 'cmp_00000000000001', name: 'Delayed shipment', recipient: c.address });
  });

  it('resumes after main was killed mid-campaign with no second message and no one left out', async () => {
    const twilio = fakeTwilio();
    const file = join(dir.path, 'journal.log');
    twilio.faults.hangAfterSends = 37;
    // Everything the first main asks after its death never answers (and nothing of it reaches Twilio).
    let dead = false;
    const hang = () => new Promise<never>(() => {});
    const mortal = Object.fromEntries(
      Object.entries(twilio.api).map(([k, f]) => [k, (...args: unknown[]) => (dead ? hang() : (f as (...a: unknown[]) => unknown)(...args))]),
    ) as unknown as typeof twilio.api;
    const first = createCampaignRun(definition(100), { api: mortal, journal: journalAt(file), workers: 8 });
    await first.load();
    void first.send();
    await vi_waitFor(() => twilio.sends() >= 37 && twilio.calls.filter((c) => c.startsWith('send') || c.startsWith('create')).length >= 37 + 8);
    dead = true;
    twilio.faults.hangAfterSends = Infinity;

    const journal = journalAt(file);
    const second = createCampaignRun(definition(100), { api: twilio.api, journal, workers: 8 });
    await second.load();
    // What had been journaled as sent is known; the rest of the 37 are intents to read back.
    expect(second.counts().sent).toBeGreaterThan(0);
    expect(second.counts().sent).toBeLessThanOrEqual(37);
    expect(await second.send()).toBe('done');
    const per = twilio.perAddress();
    expect(per.size).toBe(100);
    expect([...per.values()].every((n) => n === 1)).toBe(true);
    expect(second.counts()).toMatchObject({ sent: 100, pending: 0 });
  });

  it('reads a message back instead of sending it again when Twilio took it but the answer was lost', async () => {
    const twilio = fakeTwilio();
    twilio.faults.loseAnswerFor.add('+14155550003');
    const run = createCampaignRun(definition(6), { api: twilio.api, journal: journalAt(join(dir.path, 'j.log')), workers: 2, sleep: async () => {} });
    await run.load();
    expect(await run.send()).toBe('done');
    expect(twilio.perAddress().get('+14155550003')).toBe(1);
    expect(twilio.calls).toContain('lookup +14155550003');
    expect(run.results().find((r) => r.address === '+14155550003')).toMatchObject({ status: 'sent', messageSid: expect.stringMatching(/^IM/) });
  });

  it("reuses the customer's open conversation on that number (ConversationWithParticipants' 50425) and tags it with the campaign", async () => {
    const twilio = fakeTwilio();
    const existing = await twilio.api.createConversation({ friendlyName: 'x', attributes: '{"desk":{"assignee":"ana"},"other":1}', address: '+14155550001', proxyAddress: '+15005550006' });
    const run = createCampaignRun(definition(3), { api: twilio.api, journal: journalAt(join(dir.path, 'j.log')), workers: 1 });
    await run.load();
    await run.send();
    expect(twilio.conversations.size).toBe(3);
    const c = twilio.conversations.get(existing.sid)!;
    expect(c.messages).toHaveLength(1);
    expect(JSON.parse(c.attributes)).toEqual({ desk: { assignee: 'ana', campaign: { id: 'cmp_00000000000001', name: 'Delayed shipment' } }, other: 1 });
  });

  it('records Twilio refusals with their code, and failed receipts from the receipts pass', async () => {
    const twilio = fakeTwilio();
    twilio.faults.refuse.set('+14155550002', { status: 400, code: 21211 });
    const run = createCampaignRun(definition(5), { api: twilio.api, journal: journalAt(join(dir.path, 'j.log')), workers: 2 });
    await run.load();
    await run.send();
    expect(await run.pollReceipts()).toBe(0);
    const results = run.results();
    expect(results[2]).toMatchObject({ status: 'failed', errorCode: 21211 });
    expect(results[4]).toMatchObject({ status: 'failed', errorCode: 21610 });
    expect(results[0]).toMatchObject({ status: 'delivered', errorCode: null });
    expect(run.counts()).toMatchObject({ sent: 4, delivered: 3, failed: 2 });
  });

  it('reads a pass of receipts several messages at a time, with the same results as one by one', async () => {
    const twilio = fakeTwilio();
    twilio.faults.refuse.set('+14155550002', { status: 400, code: 21211 });
    const run = createCampaignRun(definition(30), { api: twilio.api, journal: journalAt(join(dir.path, 'j.log')), workers: 4, receiptReaders: 5 });
    await run.load();
    await run.send();
    let inFlight = 0;
    let most = 0;
    const read = twilio.api.receipts.bind(twilio.api);
    twilio.api.receipts = async (conversation, message) => {
      most = Math.max(most, ++inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return await read(conversation, message);
      } finally {
        inFlight--;
      }
    };
    expect(await run.pollReceipts()).toBe(0);
    expect(most).toBe(5);
    expect(run.counts()).toMatchObject({ sent: 29, delivered: 28, failed: 2, pending: 0 });
    // The next pass has nothing left to read.
    most = 0;
    expect(await run.pollReceipts()).toBe(0);
    expect(most).toBe(0);
  });

  it('ends a receipts pass early when told to stop, settling only once the reads in flight have been recorded', async () => {
    const twilio = fakeTwilio();
    const run = createCampaignRun(definition(20), { api: twilio.api, journal: journalAt(join(dir.path, 'j.log')), workers: 4, receiptReaders: 4 });
    await run.load();
    await run.send();
    const held = holdReceipts(twilio);
    let stop = false;
    const pass = run.pollReceipts(() => stop);
    await vi_waitFor(() => held.reads() === 4);
    stop = true;
    held.release();
    await pass;
    expect(held.reads()).toBe(4);
    expect(run.counts()).toMatchObject({ delivered: 4 });
  });

  it('treats a 429 or a 5xx that carries a Twilio code as "not now": read back, then sent, exactly one message each', async () => {
    const twilio = fakeTwilio();
    twilio.faults.failOnce.set('+14155550001', { status: 429, code: 20429, stored: false });
    twilio.faults.failOnce.set('+14155550002', { status: 503, code: 20503, stored: true });
    twilio.faults.failOnce.set('+14155550003', { status: 500, code: 20500, stored: false });
    const run = createCampaignRun(definition(5), { api: twilio.api, journal: journalAt(join(dir.path, 'j.log')), workers: 2, sleep: async () => {} });
    await run.load();
    expect(await run.send()).toBe('done');
    expect([...twilio.perAddress().values()]).toEqual(Array(5).fill(1));
    for (const address of ['+14155550001', '+14155550002', '+14155550003']) {
      expect(twilio.calls).toContain(`lookup ${address}`);
      expect(run.results().find((r) => r.address === address)).toMatchObject({ status: 'sent', errorCode: null, messageSid: expect.stringMatching(/^IM/) });
    }
    expect(run.counts()).toMatchObject({ sent: 5, failed: 0, pending: 0 });
  });

  it('is final only for a 4xx other than 429; without a status, only a code that is not 20429 or 5xx-like', () => {
    const error = (fields: { status?: number; code?: number }) => Object.assign(new Error('x'), fields);
    expect(isFinalRefusal(error({ status: 400, code: 21211 }))).toBe(true);
    expect(isFinalRefusal(error({ status: 409, code: 50425 }))).toBe(true);
    expect(isFinalRefusal(error({ status: 404 }))).toBe(true);
    expect(isFinalRefusal(error({ status: 429, code: 20429 }))).toBe(false);
    expect(isFinalRefusal(error({ status: 503, code: 20503 }))).toBe(false);
    expect(isFinalRefusal(error({ status: 500, code: 20500 }))).toBe(false);
    expect(isFinalRefusal(error({ code: 21211 }))).toBe(true);
    expect(isFinalRefusal(error({ code: 20429 }))).toBe(false);
    expect(isFinalRefusal(error({ code: 20503 }))).toBe(false);
    expect(isFinalRefusal(error({ code: 20504 }))).toBe(false);
    expect(isFinalRefusal(new Error('socket hang up'))).toBe(false);
  });

  it('pauses (in-flight ones finish, nothing new starts), resumes, and cancel skips the rest', async () => {
    const twilio = fakeTwilio();
    // Sends past the 30th are slow (a throttled account), so the cancel below lands with recipients
    // left even on a loaded machine, where polling for 30 sends could otherwise see all 50 done.
    let started = 0;
    const api = {
      ...twilio.api,
      sendMessage: async (c: string, input: Parameters<typeof twilio.api.sendMessage>[1]) => {
        if (++started > 30) await new Promise((r) => setTimeout(r, 100));
        return twilio.api.sendMessage(c, input);
      },
    };
    const run = createCampaignRun(definition(50), { api, journal: journalAt(join(dir.path, 'j.log')), workers: 2 });
    await run.load();
    const sending = run.send();
    await vi_waitFor(() => twilio.sends() >= 10);
    run.pause();
    expect(await sending).toBe('paused');
    const afterPause = twilio.sends();
    expect(afterPause).toBeLessThan(50);
    expect(run.counts().sent).toBe(afterPause);
    const again = run.send();
    await vi_waitFor(() => twilio.sends() >= 30);
    await run.cancel();
    expect(await again).toBe('cancelled');
    const c = run.counts();
    expect(c.sent + c.skipped).toBe(50);
    expect(c.skipped).toBeGreaterThan(0);
    expect(twilio.sends()).toBe(c.sent);
  });

  it('wakes workers backing off after Twilio failed, so a pause (or a quit) does not wait out the backoff', async () => {
    const twilio = fakeTwilio();
    let attempts = 0;
    // Twilio unreachable: every create fails with a network error, which is retried after a backoff.
    const api = { ...twilio.api, createConversation: async () => (attempts++, Promise.reject(new Error('socket hang up'))) };
    const backoffs: number[] = [];
    // A backoff that never ends by itself: only a wake can finish it.
    const sleep = (ms: number) => (backoffs.push(ms), new Promise<void>(() => {}));
    const run = createCampaignRun(definition(5), { api, journal: journalAt(join(dir.path, 'j.log')), workers: 3, sleep });
    await run.load();
    const sending = run.send();
    await vi_waitFor(() => backoffs.length === 3);
    run.pause();
    expect(await sending).toBe('paused');
    expect(attempts).toBe(3);
    expect(run.counts()).toMatchObject({ sent: 0, failed: 0, pending: 5 });
  });

  it('does not start a backoff for a request that failed after the pause', async () => {
    const twilio = fakeTwilio();
    let fail: (e: Error) => void = () => undefined;
    let asked = 0;
    // Twilio unreachable: the first request hangs (a transport timeout under way), then fails after the pause.
    const api = { ...twilio.api, createConversation: () => (asked++, new Promise<never>((_, reject) => (fail = reject))) };
    const backoffs: number[] = [];
    const sleep = (ms: number) => (backoffs.push(ms), new Promise<void>(() => {}));
    const run = createCampaignRun(definition(3), { api, journal: journalAt(join(dir.path, 'j.log')), workers: 1, sleep });
    await run.load();
    const sending = run.send();
    await vi_waitFor(() => asked === 1);
    run.pause();
    fail(new Error('socket hang up'));
    expect(await sending).toBe('paused');
    expect(backoffs).toEqual([]);
    expect(run.counts()).toMatchObject({ sent: 0, pending: 3 });
  });

  it('fails a recipient whose template variable has no value, and sends the others with their own values', async () => {
    const twilio = fakeTwilio();
    const sent: string[] = [];
    const api = { ...twilio.api, sendMessage: async (c: string, input: Parameters<typeof twilio.api.sendMessage>[1]) => (sent.push(input.contentVariables!), twilio.api.sendMessage(c, input)) };
    const def: RunDefinition = { ...definition(4), message: { kind: 'template', contentSid: `HX${'a'.repeat(32)}`, variables: { '1': { source: 'field', value: 'name' }, '2': { source: 'field', value: 'company' } } } };
    const run = createCampaignRun(def, { api, journal: journalAt(join(dir.path, 'j.log')), workers: 1 });
    await run.load();
    await run.send();
    expect(sent).toEqual(['{"1":"Customer 1","2":"Acme"}', '{"1":"Customer 3","2":"Acme"}']);
    expect(run.results()[0]).toMatchObject({ status: 'failed', reason: 'emptyVariable' });
  });
});

async function vi_waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error('condition not met');
}
