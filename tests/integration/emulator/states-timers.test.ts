import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation } from '@twilio/conversations';
import { startEmulator, type RunningEmulator } from '../../../electron/emulator';
import { controlApi } from '../../helpers/control-api';
import { startHarness, waitForEvent, waitForMatch, type Harness } from '../../helpers/emulator';
import { restClient } from '../../helpers/twilio-rest';

type Updated = { conversation: Conversation; updateReasons: string[] };
type ClockJson = { now: string; offset_seconds: number };

const SMS_PROXY = '+15005550006';
const CUSTOMER = '+14155550142';

/** twilio-node rejects with a RestException carrying Twilio's status and code. */
const twilioError = (status: number, code: number) => expect.objectContaining({ status, code });

describe('conversation states and timers (Twilio’s rules, through twilio’s own client)', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('creates and updates State and Timers with Twilio’s fields, minimums and codes', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const api = controlApi(h.emulator.info);
    const now = Date.parse((await api.call<ClockJson>('GET', '/emulator/clock')).body.now);

    const c = await client.conversations.v1.conversations.create({ friendlyName: 'Order #2001', state: 'inactive', 'timers.inactive': 'PT10M', 'timers.closed': 'P1D' });
    expect(c.state).toBe('inactive');
    const timers = c.timers as { date_inactive: string; date_closed: string };
    // Due dates are counted on the emulator clock, in whole seconds as Twilio prints them.
    expect(Math.abs(Date.parse(timers.date_inactive) - (now + 10 * 60_000))).toBeLessThan(5000);
    expect(Math.abs(Date.parse(timers.date_closed) - (now + 24 * 3600_000))).toBeLessThan(5000);
    expect(timers.date_closed).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // PT0S turns a timer off; no timers is `{}`.
    const off = await client.conversations.v1.conversations(c.sid).update({ 'timers.inactive': 'PT0S', 'timers.closed': 'PT0S' });
    expect(off.timers).toEqual({});
    expect((await client.conversations.v1.conversations.create({})).timers).toEqual({});

    const create = client.conversations.v1.conversations;
    await expect(create.create({ 'timers.inactive': 'PT10M' })).rejects.toEqual(twilioError(400, 50382));
    await expect(create.create({ state: 'closed' })).rejects.toEqual(twilioError(400, 50384));
    await expect(create.create({ state: 'active', 'timers.inactive': 'PT30S' })).rejects.toEqual(twilioError(400, 50375));
    await expect(create.create({ state: 'active', 'timers.closed': 'PT9M' })).rejects.toEqual(twilioError(400, 50376));
    await expect(create.create({ state: 'active', 'timers.inactive': 'ten minutes' })).rejects.toEqual(twilioError(400, 50379));
    await expect(create.create({ state: 'active', 'timers.closed': 'P1DT' })).rejects.toEqual(twilioError(400, 50380));
    await expect(client.conversations.v1.conversations(c.sid).update({ state: 'bogus' as never })).rejects.toEqual(twilioError(400, 20001));
    // Refused requests created nothing.
    expect((await client.conversations.v1.conversations.list()).length).toBe(2);
  });

  it('a closed conversation is final: updates, messages and participants get 50377, and its customer’s next message starts a new conversation', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const api = controlApi(h.emulator.info);
    const first = await api.inbound({ From: CUSTOMER, To: SMS_PROXY, Body: 'My parcel is late' });
    expect(first.body.created).toBe(true);
    const sid = first.body.conversation_sid;
    const conv = client.conversations.v1.conversations(sid);

    // The example from twilio's own docs, timer and all.
    const closed = await conv.update({ state: 'closed', 'timers.inactive': 'PT5M' });
    expect(closed.state).toBe('closed');
    expect(closed.timers).toEqual({});
    await expect(conv.update({ state: 'active' })).rejects.toEqual(twilioError(400, 50377));
    await expect(conv.update({ friendlyName: 'reopened?' })).rejects.toEqual(twilioError(400, 50377));
    await expect(conv.messages.create({ author: 'agent', body: 'hello?' })).rejects.toEqual(twilioError(400, 50377));
    await expect(conv.participants.create({ identity: 'agent' })).rejects.toEqual(twilioError(400, 50377));
    await expect(conv.participants(first.body.participant_sid).remove()).rejects.toEqual(twilioError(400, 50377));
    // Still readable.
    expect((await conv.messages.list()).map((m) => m.body)).toEqual(['My parcel is late']);

    const again = await api.inbound({ From: CUSTOMER, To: SMS_PROXY, Body: 'Hello again' });
    expect(again.status).toBe(201);
    expect(again.body.created).toBe(true);
    expect(again.body.conversation_sid).not.toBe(sid);
    // The binding is free for REST too: the customer can be added to another conversation.
    const other = await client.conversations.v1.conversations.create({});
    await expect(
      client.conversations.v1.conversations(other.sid).participants.create({ 'messagingBinding.address': '+14155550199', 'messagingBinding.proxyAddress': SMS_PROXY }),
    ).resolves.toMatchObject({ conversationSid: other.sid });
    // Closed conversations can still be deleted.
    await conv.remove();
  });

  it('an SDK client sees state changes live; a message (REST, SDK or inbound) makes an inactive conversation active', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const api = controlApi(h.emulator.info);
    const alice = await h.client('alice');
    const created = await client.conversations.v1.conversations.create({ friendlyName: 'Desk' });
    const joined = waitForEvent<Conversation>(alice, 'conversationJoined');
    await client.conversations.v1.conversations(created.sid).participants.create({ identity: 'alice' });
    await client.conversations.v1.conversations(created.sid).participants.create({ 'messagingBinding.address': CUSTOMER, 'messagingBinding.proxyAddress': SMS_PROXY });
    const conv = await joined;
    expect(conv.state?.current).toBe('active');

    const rest = client.conversations.v1.conversations(created.sid);
    const asleep = async (): Promise<void> => {
      const seen = waitForMatch<Updated>(conv as never, 'updated', (e) => e.updateReasons.includes('state') && e.conversation.state?.current === 'inactive');
      await rest.update({ state: 'inactive' });
      await seen;
    };
    const wakesOn = async (send: () => Promise<unknown>): Promise<void> => {
      const seen = waitForMatch<Updated>(conv as never, 'updated', (e) => e.updateReasons.includes('state') && e.conversation.state?.current === 'active');
      await send();
      await seen;
      expect((await rest.fetch()).state).toBe('active');
    };

    await asleep();
    // A rename is not a state change.
    const renamed = waitForMatch<Updated>(conv as never, 'updated', (e) => e.updateReasons.includes('friendlyName'));
    await rest.update({ friendlyName: 'Desk (asleep)' });
    expect((await renamed).updateReasons).not.toContain('state');
    await wakesOn(() => rest.messages.create({ author: 'system', body: 'over REST' }));
    await asleep();
    await wakesOn(() => conv.sendMessage('over the SDK'));
    await asleep();
    await wakesOn(() => api.inbound({ From: CUSTOMER, To: SMS_PROXY, Body: 'from the phone' }));

    const closedSeen = waitForMatch<Updated>(conv as never, 'updated', (e) => e.conversation.state?.current === 'closed');
    await rest.update({ state: 'closed' });
    await closedSeen;
    await expect(conv.sendMessage('too late')).rejects.toMatchObject({ status: 400, body: { code: 50377 } });
  });

  it('timers fire on the emulator clock, whose time the Date header and new dates follow', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const api = controlApi(h.emulator.info);
    const alice = await h.client('alice');
    const before = (await api.call<ClockJson>('GET', '/emulator/clock')).body;
    expect(before.offset_seconds).toBe(0);

    const created = await client.conversations.v1.conversations.create({ state: 'active', 'timers.inactive': 'PT10M', 'timers.closed': 'PT30M' });
    const rest = client.conversations.v1.conversations(created.sid);
    const joined = waitForEvent<Conversation>(alice, 'conversationJoined');
    await rest.participants.create({ identity: 'alice' });
    const conv = await joined;

    // Not yet due.
    await api.call('POST', '/emulator/clock', { AdvanceSeconds: '540' });
    expect((await rest.fetch()).state).toBe('active');

    const inactive = waitForMatch<Updated>(conv as never, 'updated', (e) => e.conversation.state?.current === 'inactive');
    const moved = await api.call<ClockJson>('POST', '/emulator/clock', { AdvanceSeconds: '60' });
    expect(moved.status).toBe(200);
    expect(moved.body.offset_seconds).toBe(600);
    await inactive;
    const asleep = await rest.fetch();
    expect(asleep.state).toBe('inactive');
    // The spent timer is gone; the closing one still counts from the timers being set.
    expect(Object.keys(asleep.timers as object)).toEqual(['date_closed']);

    // Messages are stamped on the moved clock, and the Date header agrees.
    const res = await fetch(`${h.emulator.info.restBaseUrl}/emulator/clock`, {
      headers: { authorization: 'Basic ' + Buffer.from(`${h.emulator.info.accountSid}:${h.emulator.info.authToken}`).toString('base64') },
    });
    const clockNow = Date.parse(((await res.json()) as ClockJson).now);
    expect(Math.abs(Date.parse(res.headers.get('date') ?? '') - clockNow)).toBeLessThan(2000);
    expect(clockNow - Date.now()).toBeGreaterThan(590_000);
    const woken = waitForMatch<Updated>(conv as never, 'updated', (e) => e.conversation.state?.current === 'active');
    const msg = await rest.messages.create({ author: 'system', body: 'nudge' });
    expect(Math.abs(msg.dateCreated.getTime() - clockNow)).toBeLessThan(2000);
    await woken;
    // The message restarted the timers from its own time.
    const awake = await rest.fetch();
    const timers = awake.timers as { date_inactive: string; date_closed: string };
    expect(Math.abs(Date.parse(timers.date_inactive) - (clockNow + 10 * 60_000))).toBeLessThan(3000);

    const closed = waitForMatch<Updated>(conv as never, 'updated', (e) => e.conversation.state?.current === 'closed');
    await api.call('POST', '/emulator/clock', { AdvanceSeconds: String(30 * 60) });
    await closed;
    const final = await rest.fetch();
    expect(final.state).toBe('closed');
    expect(final.timers).toEqual({});
  });

  it('the clock API takes a forward move of seconds, behind the control API’s credentials', async () => {
    h = await startHarness();
    const api = controlApi(h.emulator.info);
    for (const bad of ['', '-5', 'ten', '1e3', String(400 * 24 * 3600)]) {
      const res = await api.call<{ code: number }>('POST', '/emulator/clock', { AdvanceSeconds: bad });
      expect(res.status, bad).toBe(400);
    }
    expect((await api.call<ClockJson>('GET', '/emulator/clock')).body.offset_seconds).toBe(0);
    const wrong = controlApi(h.emulator.info, { user: h.emulator.info.accountSid, password: 'nope' });
    expect((await wrong.call('GET', '/emulator/clock')).status).toBe(401);
    expect((await wrong.call('POST', '/emulator/clock', { AdvanceSeconds: '60' })).status).toBe(401);
    const json = await fetch(`${h.emulator.info.restBaseUrl}/emulator/clock`, {
      method: 'POST',
      headers: {
        authorization: 'Basic ' + Buffer.from(`${h.emulator.info.accountSid}:${h.emulator.info.authToken}`).toString('base64'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ AdvanceSeconds: 90 }),
    });
    expect(((await json.json()) as ClockJson).offset_seconds).toBe(90);
  });

  it('a chat identity can be in at most the limit of active or inactive conversations; closed ones do not count', async () => {
    h = await startHarness({ conversationsPerIdentity: 3 });
    const { client } = restClient(h.emulator.info);
    const sids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await client.conversations.v1.conversations.create({ state: i === 0 ? 'inactive' : 'active' });
      await client.conversations.v1.conversations(c.sid).participants.create({ identity: 'agent' });
      sids.push(c.sid);
    }
    const fourth = await client.conversations.v1.conversations.create({});
    const add = () => client.conversations.v1.conversations(fourth.sid).participants.create({ identity: 'agent' });
    await expect(add()).rejects.toEqual(twilioError(400, 50214));
    // Others are not affected.
    await expect(client.conversations.v1.conversations(fourth.sid).participants.create({ identity: 'colleague' })).resolves.toBeDefined();
    await client.conversations.v1.conversations(sids[0] as string).update({ state: 'closed' });
    await expect(add()).resolves.toMatchObject({ identity: 'agent' });
    await expect(client.conversations.v1.conversations(sids[1] as string).participants.create({ identity: 'agent' })).rejects.toEqual(twilioError(409, 50433));
    // Leaving frees a place too.
    await client.conversations.v1.conversations(sids[1] as string).participants('agent').remove();
    const fifth = await client.conversations.v1.conversations.create({});
    await expect(client.conversations.v1.conversations(fifth.sid).participants.create({ identity: 'agent' })).resolves.toBeDefined();
    await expect(
      client.conversations.v1.conversations((await client.conversations.v1.conversations.create({})).sid).participants.create({ identity: 'agent' }),
    ).rejects.toEqual(twilioError(400, 50214));
  });

  it('an agent at the limit is not auto-joined, and the customer’s message still arrives', async () => {
    h = await startHarness({ conversationsPerIdentity: 1 });
    const { client } = restClient(h.emulator.info);
    const api = controlApi(h.emulator.info);
    await api.setAutoJoin(['agent']);
    const first = await api.inbound({ From: CUSTOMER, To: SMS_PROXY, Body: 'one' });
    const second = await api.inbound({ From: '+14155550143', To: SMS_PROXY, Body: 'two' });
    expect(second.status).toBe(201);
    const roster = async (sid: string) => (await client.conversations.v1.conversations(sid).participants.list()).map((p) => p.identity);
    expect(await roster(first.body.conversation_sid)).toContain('agent');
    expect(await roster(second.body.conversation_sid)).toEqual([null]);
  });

  it('lists by State, StartDate and EndDate as Twilio’s list accepts them', async () => {
    h = await startHarness();
    const { client } = restClient(h.emulator.info);
    const make = (day: string, state?: 'inactive') =>
      client.conversations.v1.conversations.create({ friendlyName: day, dateCreated: new Date(`${day}T12:00:00Z`), ...(state ? { state } : {}) });
    await make('2024-05-01');
    await make('2024-05-02', 'inactive');
    await make('2024-05-03');
    await make('2024-05-04');
    const names = async (opts: Record<string, unknown>) => (await client.conversations.v1.conversations.list(opts)).map((c) => c.friendlyName);

    // Without dates: oldest first; with dates: newest first, each bound covering its whole day.
    expect(await names({})).toEqual(['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04']);
    expect(await names({ startDate: '2024-05-02', endDate: '2024-05-03' })).toEqual(['2024-05-03', '2024-05-02']);
    expect(await names({ startDate: '2024-05-02T00:00:00Z', endDate: '2024-05-03T23:59:59Z' })).toEqual(['2024-05-03', '2024-05-02']);
    expect(await names({ startDate: '2024-05-02T13:00:00Z' })).toEqual(['2024-05-04', '2024-05-03']);
    expect(await names({ endDate: '2024-05-01' })).toEqual(['2024-05-01']);
    expect(await names({ state: 'inactive' })).toEqual(['2024-05-02']);
    expect(await names({ state: 'active', startDate: '2024-05-02' })).toEqual(['2024-05-04', '2024-05-03']);
    // A change shows in the next read of the same filters.
    const third = (await client.conversations.v1.conversations.list()).find((c) => c.friendlyName === '2024-05-03');
    await client.conversations.v1.conversations(third?.sid as string).update({ state: 'inactive' });
    expect(await names({ state: 'inactive' })).toEqual(['2024-05-02', '2024-05-03']);
    expect(await names({ state: 'active', startDate: '2024-05-02' })).toEqual(['2024-05-04']);
    await client.conversations.v1.conversations(third?.sid as string).update({ state: 'active' });
    // Paging walks the same order.
    expect(await names({ startDate: '2024-05-01', pageSize: 1 })).toEqual(['2024-05-04', '2024-05-03', '2024-05-02', '2024-05-01']);

    const list = (opts: Record<string, unknown>) => client.conversations.v1.conversations.list(opts);
    await expect(list({ startDate: '05/02/2024' })).rejects.toEqual(twilioError(400, 20001));
    await expect(list({ endDate: '2024-13-45' })).rejects.toEqual(twilioError(400, 20001));
    await expect(list({ startDate: '2024-05-03', endDate: '2024-05-02' })).rejects.toEqual(twilioError(400, 50396));
    await expect(list({ state: 'initializing' })).rejects.toEqual(twilioError(400, 20001));
  });
});

describe('clock and timers across a restart', () => {
  let emulator: RunningEmulator | undefined;
  let dir = '';
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the clock’s offset and fires timers that fell due while stopped', async () => {
    dir = mkdtempSync(join(tmpdir(), 'emu-clock-'));
    emulator = await startEmulator({ dataDir: dir });
    let { client } = restClient(emulator.info);
    const c = await client.conversations.v1.conversations.create({ state: 'active', 'timers.inactive': 'PT1H' });
    await controlApi(emulator.info).call('POST', '/emulator/clock', { AdvanceSeconds: '1800' });
    await emulator.close();

    emulator = await startEmulator({ dataDir: dir });
    const api = controlApi(emulator.info);
    expect((await api.call<ClockJson>('GET', '/emulator/clock')).body.offset_seconds).toBe(1800);
    ({ client } = restClient(emulator.info));
    expect((await client.conversations.v1.conversations(c.sid).fetch()).state).toBe('active');
    await api.call('POST', '/emulator/clock', { AdvanceSeconds: '1800' });
    expect((await client.conversations.v1.conversations(c.sid).fetch()).state).toBe('inactive');
  });
});
