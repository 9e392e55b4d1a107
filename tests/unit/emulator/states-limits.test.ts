import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorClock } from '../../../electron/emulator/clock';
import { LIMITS } from '../../../electron/emulator/conversations/limits';
import { ConversationsService, type Actor } from '../../../electron/emulator/conversations/service';
import { TimerSchedule, addIsoDuration, checkTimers, NO_TIMERS } from '../../../electron/emulator/conversations/state-timers';
import { seedLoad } from '../../../electron/emulator/seed/load';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine } from '../../../electron/emulator/sync/engine';
import { TwilioError } from '../../../electron/emulator/util/errors';

const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };
const API: Actor = { identity: null, source: 'API' };
const T0 = Date.parse('2024-05-01T10:00:00Z');

function open(dir?: string, realNow: () => number = () => T0) {
  const db = Db.open(dir);
  const clock = new EmulatorClock(db.collection('emulatorClock'), realNow);
  const sync = new SyncEngine(db, 'https://cds.example', IDS, { now: () => clock.now() });
  const service = new ConversationsService(db, sync, IDS, { clock });
  return { db, clock, service };
}

const codeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof TwilioError) return err.code;
    throw err;
  }
  return undefined;
};

describe('ISO 8601 durations of conversation timers', () => {
  it('reads the forms Twilio documents, on the calendar for months and years', () => {
    expect(addIsoDuration('PT10M', T0)).toBe(T0 + 10 * 60_000);
    expect(addIsoDuration('P1D', T0)).toBe(T0 + 86_400_000);
    expect(addIsoDuration('P1W', T0)).toBe(T0 + 7 * 86_400_000);
    expect(addIsoDuration('P1DT2H30M15.5S', T0)).toBe(T0 + 86_400_000 + 2 * 3600_000 + 30 * 60_000 + 15_500);
    expect(addIsoDuration('pt0s', T0)).toBe(T0);
    // One calendar month from 1 May is 31 days; from 1 June it is 30.
    expect(addIsoDuration('P1M', T0)).toBe(Date.parse('2024-06-01T10:00:00Z'));
    expect(addIsoDuration('P1Y', T0)).toBe(Date.parse('2025-05-01T10:00:00Z'));
    for (const bad of ['', 'P', 'PT', 'P1DT', '10M', 'PT10', 'P-1D', 'PT1M P1D', 'P1.5D']) expect(addIsoDuration(bad, T0), bad).toBeNull();
  });

  it('checks minimums and formats with Twilio’s codes; PT0S or empty turns a timer off', () => {
    expect(codeOf(() => checkTimers({ inactive: 'PT59S', closed: undefined }, NO_TIMERS, T0))).toBe(50375);
    expect(codeOf(() => checkTimers({ inactive: undefined, closed: 'PT9M59S' }, NO_TIMERS, T0))).toBe(50376);
    expect(codeOf(() => checkTimers({ inactive: 'soon', closed: undefined }, NO_TIMERS, T0))).toBe(50379);
    expect(codeOf(() => checkTimers({ inactive: undefined, closed: 'later' }, NO_TIMERS, T0))).toBe(50380);
    const set = checkTimers({ inactive: 'PT1M', closed: 'PT10M' }, NO_TIMERS, T0);
    expect(set).toEqual({ inactive: { duration: 'PT1M', due: '2024-05-01T10:01:00.000Z' }, closed: { duration: 'PT10M', due: '2024-05-01T10:10:00.000Z' } });
    expect(checkTimers({ inactive: 'PT0S', closed: undefined }, set, T0)).toEqual({ inactive: null, closed: set.closed });
    expect(checkTimers({ inactive: undefined, closed: '' }, set, T0)).toEqual({ inactive: set.inactive, closed: null });
  });
});

describe('the emulator clock and its timers', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('only moves forward, and keeps its offset in the state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-clock-'));
    dirs.push(dir);
    const first = open(dir);
    first.clock.advance(90);
    expect(() => first.clock.advance(-1)).toThrow(RangeError);
    expect(first.clock.nowIso()).toBe('2024-05-01T10:01:30.000Z');
    first.db.commit();
    first.service.close();
    first.db.close();
    expect(open(dir).clock.offsetSeconds).toBe(90);
  });

  it('stamps dates from the clock and fires due timers when it moves, not after close()', () => {
    const { clock, service } = open();
    const c = service.createConversation({ state: 'active', timers: { inactive: 'PT10M', closed: 'PT1H' } }, API);
    expect(c.dateCreated).toBe('2024-05-01T10:00:00.000Z');
    clock.advance(600);
    const asleep = service.getConversation(c.sid);
    expect(asleep.state).toBe('inactive');
    // The change is dated when the timer fell due, not when the clock got there.
    expect(asleep.stateUpdated).toBe('2024-05-01T10:10:00.000Z');
    service.close();
    clock.advance(3600);
    expect(service.getConversation(c.sid).state).toBe('inactive');
  });

  it('fires timers as real time passes too, and stops at close()', () => {
    vi.useFakeTimers({ now: T0 });
    try {
      const { service } = open(undefined, () => Date.now());
      const a = service.createConversation({ state: 'active', timers: { inactive: 'PT1M' } }, API);
      const b = service.createConversation({ state: 'active', timers: { inactive: 'PT2M' } }, API);
      vi.advanceTimersByTime(59_000);
      expect(service.getConversation(a.sid).state).toBe('active');
      vi.advanceTimersByTime(1_000);
      expect(service.getConversation(a.sid).state).toBe('inactive');
      service.close();
      vi.advanceTimersByTime(120_000);
      expect(service.getConversation(b.sid).state).toBe('active');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('TimerSchedule fires each conversation once, at or after its instant', () => {
    let now = T0;
    const clock = new EmulatorClock(null, () => now);
    const fired: string[][] = [];
    const schedule = new TimerSchedule(clock, (sids) => fired.push(sids));
    schedule.set('CH1', T0 + 1000);
    schedule.set('CH2', T0 + 5000);
    schedule.set('CH3', T0 + 1000);
    schedule.set('CH3', null);
    clock.advance(1);
    now += 10_000; // real time passing is seen on the next check
    schedule.runDue();
    expect(fired).toEqual([['CH1'], ['CH2']]);
    expect(schedule.size).toBe(0);
    schedule.close();
  });
});

describe('the per-identity limit of open conversations', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it(`is Twilio’s ${LIMITS.conversationsPerIdentity}: closed conversations do not count, and the count survives a restart`, () => {
    expect(LIMITS.conversationsPerIdentity).toBe(1000);
    const dir = mkdtempSync(join(tmpdir(), 'emu-limit-'));
    dirs.push(dir);
    const { db, service } = open(dir);
    const sids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const c = service.createConversation({ state: i % 2 ? 'inactive' : 'active' }, API);
      service.addParticipant(c.sid, { identity: 'agent' }, API);
      sids.push(c.sid);
    }
    expect(service.openConversationCount('agent')).toBe(1000);
    const extra = service.createConversation({}, API);
    expect(codeOf(() => service.addParticipant(extra.sid, { identity: 'agent' }, API))).toBe(50214);
    service.updateConversation(sids[0] as string, { state: 'closed' }, API);
    expect(service.openConversationCount('agent')).toBe(999);
    // Deleting a closed conversation does not count it twice.
    service.deleteConversation(sids[0] as string, API);
    expect(service.openConversationCount('agent')).toBe(999);
    service.updateConversation(sids[1] as string, { state: 'closed' }, API);
    db.commit();
    service.close();
    db.close();

    const reopened = open(dir);
    expect(reopened.service.openConversationCount('agent')).toBe(998);
    reopened.service.addParticipant(extra.sid, { identity: 'agent' }, API);
    reopened.service.addParticipant(reopened.service.createConversation({}, API).sid, { identity: 'agent' }, API);
    expect(codeOf(() => reopened.service.addParticipant(reopened.service.createConversation({}, API).sid, { identity: 'agent' }, API))).toBe(50214);
    reopened.service.close();
    reopened.db.close();
  });

  it('a load seed bigger than the limit leaves the older conversations resolved, in the seeded order', () => {
    const { service } = open();
    const summary = seedLoad(service, { conversations: 1200, messagesPerConversation: 2, agent: 'agent', secondAgent: 'second' }, T0);
    expect(summary.conversations).toBe(1200);
    const mine = service.conversationsOf('agent');
    expect(mine).toHaveLength(1200);
    const stillOpen = mine.filter((x) => x.conversation.state !== 'closed');
    expect(stillOpen.length).toBe(service.openConversationCount('agent'));
    expect(stillOpen.length).toBeLessThan(LIMITS.conversationsPerIdentity);
    expect(stillOpen.length).toBeGreaterThan(LIMITS.conversationsPerIdentity - 20);
    // Closing kept each conversation's own dates: newest activity is still the shared one.
    const byActivity = [...mine].sort((a, b) => (a.conversation.dateUpdated < b.conversation.dateUpdated ? 1 : -1));
    expect(byActivity[0]?.conversation.sid).toBe(summary.sharedSid);
    const oldest = byActivity[byActivity.length - 1]?.conversation;
    expect(oldest?.state).toBe('closed');
    expect(oldest && Date.parse(oldest.dateUpdated) < T0).toBe(true);
    service.close();
  });
});
