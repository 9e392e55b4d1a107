import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxEntry } from '../../../shared/ipc/outbox-schema';
import { resetAll, state } from '../test/fakes';
import { createOutbox, type OutboxConversation, type OutboxDeps } from './outbox';

const SID = `CH${'a'.repeat(32)}`;
const pendingRows = () => state().threads.get(SID)?.pending ?? [];

/** Main's outbox store as the bridge sees it: a Map of entries by key. */
function memoryBridge(initial: OutboxEntry[] = []) {
  const entries = new Map(initial.map((e) => [e.key, e]));
  return {
    entries,
    loadOutbox: vi.fn(async () => ({ ok: true as const, value: { profileId: 'local', identity: 'agent', entries: [...entries.values()], drafts: [] } })),
    putOutboxEntry: vi.fn(async ({ entry }: { profileId: string; entry: OutboxEntry }) => {
      entries.set(entry.key, structuredClone(entry));
      return { ok: true as const, value: { saved: true } };
    }),
    removeOutboxEntry: vi.fn(async ({ key }: { profileId: string; key: string }) => ({ ok: true as const, value: { removed: entries.delete(key) } })),
  };
}

/** The SDK conversation: what it was sent (with attributes) and what it answers next. */
function fakeConversation() {
  const sent: Array<{ body: string; attributes: unknown; index: number; author: string }> = [];
  const failures: unknown[] = [];
  const conv = {
    sent,
    failures,
    sendMessage: vi.fn(async (body: string, attributes: unknown) => {
      const failure = failures.shift();
      if (failure) throw failure;
      const index = sent.length;
      sent.push({ body, attributes, index, author: 'agent' });
      return index;
    }),
    prepareMessage: vi.fn(),
    getMessages: vi.fn(async () => ({ items: sent.map((m) => ({ ...m, updateBody: vi.fn() })) })),
  };
  return conv;
}

/** Timers the test fires by hand: no waiting on the clock. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    pending,
    set: (fn: () => void, ms: number) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clear: (h: unknown) => void pending.delete(h as number),
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      due.forEach((t) => t.fn());
      return due.map((t) => t.ms);
    },
  };
}

function setup(options: { online?: boolean; entries?: OutboxEntry[] } = {}) {
  let online = options.online ?? true;
  const listeners = new Set<() => void>();
  const bridge = memoryBridge(options.entries);
  const conv = fakeConversation();
  const timers = manualTimers();
  let keys = 0;
  const deps: OutboxDeps = {
    profileId: 'local',
    identity: 'agent',
    bridge,
    dispatch: (sid, action) => state().pendingSend(sid, action),
    pendingOf: (sid, id) => state().threads.get(sid)?.pending.find((p) => p.localId === id),
    conversation: async (sid) => (sid === SID ? (conv as unknown as OutboxConversation) : undefined),
    isOnline: () => online,
    onOnline: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    timers,
    random: () => 1,
    newKey: () => `key-0000000${++keys}`,
    log: () => undefined,
  };
  const outbox = createOutbox(deps);
  return {
    outbox,
    bridge,
    conv,
    timers,
    setOnline(value: boolean) {
      online = value;
      if (value) listeners.forEach((l) => l());
    },
  };
}

const entry = (key: string, body: string, attempts: number, createdAt: number): OutboxEntry => ({ key, conversationSid: SID, body, attachments: [], createdAt, attempts });

beforeEach(() => resetAll());

describe('the outbox', () => {
  it('keeps a message in main’s store as its request leaves, with its key in the attributes, and removes it once sent', async () => {
    const { outbox, bridge, conv } = setup();
    await outbox.start();
    outbox.send(SID, 'Your parcel left the depot', []);
    expect(pendingRows()[0]).toMatchObject({ status: 'sending' });
    await outbox.idle();
    // Put, then removed once Twilio had it, in that order.
    expect(bridge.putOutboxEntry.mock.invocationCallOrder[0]).toBeLessThan(bridge.removeOutboxEntry.mock.invocationCallOrder[0]!);
    expect(bridge.putOutboxEntry).toHaveBeenCalledWith({ profileId: 'local', entry: expect.objectContaining({ key: 'key-00000001', attempts: 1 }) });
    expect(conv.sent).toEqual([{ body: 'Your parcel left the depot', attributes: { deskOutboxKey: 'key-00000001' }, index: 0, author: 'agent' }]);
    expect(bridge.entries.size).toBe(0);
    expect(pendingRows()[0]).toMatchObject({ status: 'sent', index: 0 });
  });

  it('queues what is written offline and sends it once when connected, in the order written', async () => {
    const { outbox, bridge, conv, setOnline } = setup({ online: false });
    await outbox.start();
    outbox.send(SID, 'first', []);
    outbox.send(SID, 'second', []);
    await outbox.idle();
    expect(pendingRows().map((p) => p.status)).toEqual(['queued', 'queued']);
    expect([...bridge.entries.values()].map((e) => [e.body, e.attempts])).toEqual([['first', 0], ['second', 0]]);
    expect(conv.sendMessage).not.toHaveBeenCalled();
    setOnline(true);
    setOnline(true);
    await outbox.idle();
    expect(conv.sent.map((m) => m.body)).toEqual(['first', 'second']);
    expect(bridge.entries.size).toBe(0);
  });

  it('after a crash with two queued messages, one of which had reached Twilio, sends only the other', async () => {
    // Attempts 0 on disk too: whatever it says, an entry from a previous run is looked for first.
    const { outbox, bridge, conv } = setup({
      entries: [entry('key-delivered', 'already there', 0, 1), entry('key-waiting', 'still to send', 1, 2)],
    });
    // The first one's request reached Twilio just before the app died.
    conv.sent.push({ body: 'already there', attributes: { deskOutboxKey: 'key-delivered' }, index: 0, author: 'agent' });
    await outbox.start();
    await outbox.idle();
    expect(conv.sent.map((m) => m.body)).toEqual(['already there', 'still to send']);
    expect(conv.sendMessage).toHaveBeenCalledTimes(1);
    expect(bridge.entries.size).toBe(0);
    expect(pendingRows().map((p) => p.status)).toEqual(['sent', 'sent']);
  });

  it('rides out a 429 storm with growing, jittered backoff, then delivers once', async () => {
    const { outbox, bridge, conv, timers } = setup();
    const tooMany = () => Object.assign(new Error('Too Many Requests'), { status: 429, body: { code: 20429, status: 429 } });
    conv.failures.push(tooMany(), tooMany(), tooMany());
    await outbox.start();
    outbox.send(SID, 'Busy hour reply', []);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await outbox.idle();
      expect(pendingRows()[0]).toMatchObject({ status: 'queued', error: 'busy' });
      expect(bridge.entries.size).toBe(1);
      delays.push(...timers.fireAll());
    }
    await outbox.idle();
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    expect(conv.sent.map((m) => m.body)).toEqual(['Busy hour reply']);
    expect(bridge.entries.size).toBe(0);
  });

  it('queues on an expired token (401) and on a 5xx; fails a 4xx at once, out of the outbox, with Twilio’s explanation', async () => {
    const { outbox, bridge, conv, setOnline } = setup();
    await outbox.start();
    conv.failures.push(Object.assign(new Error('Unauthorized'), { status: 401 }));
    outbox.send(SID, 'after renewal', []);
    await outbox.idle();
    expect(pendingRows()[0]).toMatchObject({ status: 'queued', error: 'renewing' });
    setOnline(true);
    await outbox.idle();
    expect(conv.sent.map((m) => m.body)).toEqual(['after renewal']);

    conv.failures.push(Object.assign(new Error('Forbidden'), { status: 403, body: { code: 50107, message: 'User not authorized to send messages in this conversation', status: 403 } }));
    outbox.send(SID, 'not allowed', []);
    await outbox.idle();
    expect(pendingRows().find((p) => p.body === 'not allowed')).toMatchObject({ status: 'failed', error: 'User not authorized to send messages in this conversation' });
    expect(bridge.entries.size).toBe(0);
  });

  it('keeps a refused message out of main’s store, and puts it back there when a Retry has to wait', async () => {
    const { outbox, bridge, conv, setOnline } = setup();
    await outbox.start();
    conv.failures.push(Object.assign(new Error('Forbidden'), { status: 403 }), Object.assign(new Error('Service Unavailable'), { status: 503 }));
    outbox.send(SID, 'try again later', []);
    await outbox.idle();
    expect(pendingRows()[0]).toMatchObject({ status: 'failed' });
    expect(bridge.entries.size).toBe(0);
    outbox.retry(SID, 'key-00000001');
    await outbox.idle();
    expect(pendingRows()[0]).toMatchObject({ status: 'queued' });
    expect([...bridge.entries.keys()]).toEqual(['key-00000001']);
    setOnline(true);
    await outbox.idle();
    expect(conv.sent.map((m) => m.body)).toEqual(['try again later']);
    expect(bridge.entries.size).toBe(0);
  });

  it('fails a message for a conversation that is gone instead of queueing it', async () => {
    const { outbox, bridge } = setup();
    await outbox.start();
    outbox.send(`CH${'b'.repeat(32)}`, 'hello?', []);
    await outbox.idle();
    expect(state().threads.get(`CH${'b'.repeat(32)}`)?.pending[0]).toMatchObject({ status: 'failed', error: 'conversationGone' });
    expect(bridge.entries.size).toBe(0);
  });

  it('cancels and edits queued messages, in memory and in main’s store', async () => {
    const { outbox, bridge, conv, setOnline } = setup({ online: false });
    await outbox.start();
    outbox.send(SID, 'cancel me', []);
    outbox.send(SID, 'edit me', []);
    await outbox.idle();
    outbox.cancel(SID, 'key-00000001');
    outbox.edit(SID, 'key-00000002', 'edited');
    await vi.waitFor(() => expect([...bridge.entries.values()].map((e) => e.body)).toEqual(['edited']));
    setOnline(true);
    await outbox.idle();
    expect(conv.sent.map((m) => m.body)).toEqual(['edited']);
  });

  it('applies an edit made while it waited to the copy that had in fact reached Twilio', async () => {
    const { outbox, conv } = setup({ entries: [entry('key-uncertain', 'edited while offline', 1, 1)] });
    conv.sent.push({ body: 'original', attributes: { deskOutboxKey: 'key-uncertain' }, index: 0, author: 'agent' });
    const updateBody = vi.fn(async () => undefined);
    conv.getMessages.mockResolvedValue({ items: [{ ...conv.sent[0]!, updateBody }] });
    await outbox.start();
    await outbox.idle();
    expect(conv.sendMessage).not.toHaveBeenCalled();
    expect(updateBody).toHaveBeenCalledWith('edited while offline');
  });

  it('lets late results land nowhere after stop, leaving what is queued in main’s store', async () => {
    const { outbox, bridge, conv } = setup({ online: false });
    await outbox.start();
    outbox.send(SID, 'for the next session', []);
    await outbox.idle();
    outbox.stop();
    expect(bridge.entries.size).toBe(1);
    expect(conv.sendMessage).not.toHaveBeenCalled();
  });
});
