import { describe, expect, it } from 'vitest';
import { canCancel, canEdit, reducePending, type PendingAction } from './pending-send';
import type { PendingMessage } from './types';

const pending = (localId: string, patch: Partial<PendingMessage> = {}): PendingMessage => ({
  localId,
  body: 'Your order ships today',
  attachments: [],
  status: 'sending',
  error: null,
  index: null,
  createdAt: 0,
  ...patch,
});
const run = (start: PendingMessage[], ...actions: PendingAction[]) => actions.reduce((list, a) => reducePending(list, [], a), start);

describe('the life of a pending send (reducer)', () => {
  it('sending → queued (retryable) → sending → sent', () => {
    let list = run([], { type: 'add', pending: pending('k1') });
    expect(list[0]).toMatchObject({ status: 'sending' });
    list = run(list, { type: 'queued', localId: 'k1', reason: 'Twilio is busy' });
    expect(list[0]).toMatchObject({ status: 'queued', error: 'Twilio is busy' });
    list = run(list, { type: 'attempt', localId: 'k1' });
    expect(list[0]).toMatchObject({ status: 'sending', error: null });
    list = run(list, { type: 'sent', localId: 'k1', index: 4 });
    expect(list[0]).toMatchObject({ status: 'sent', index: 4 });
  });

  it('drops a sent entry at once when its echo is already in the thread, or when Twilio gave no index', () => {
    const list = [pending('k1'), pending('k2')];
    expect(reducePending(list, [{ index: 4 }], { type: 'sent', localId: 'k1', index: 4 }).map((p) => p.localId)).toEqual(['k2']);
    expect(reducePending(list, [], { type: 'sent', localId: 'k2', index: null }).map((p) => p.localId)).toEqual(['k1']);
  });

  it('a refusal is failed with Twilio’s explanation; Retry attempts again, and Retry while offline queues it', () => {
    let list = run([pending('k1')], { type: 'failed', localId: 'k1', error: 'Message body parameter is too long' });
    expect(list[0]).toMatchObject({ status: 'failed', error: 'Message body parameter is too long' });
    expect(run(list, { type: 'attempt', localId: 'k1' })[0]).toMatchObject({ status: 'sending', error: null });
    list = run(list, { type: 'queued', localId: 'k1', reason: 'offline' });
    expect(list[0]).toMatchObject({ status: 'queued' });
  });

  it('only queued sends can be edited; queued and failed can be cancelled; a send in flight can be neither', () => {
    const sending = [pending('k1')];
    expect(run(sending, { type: 'edit', localId: 'k1', body: 'changed' })).toBe(sending);
    expect(run(sending, { type: 'cancel', localId: 'k1' })).toBe(sending);
    const queued = [pending('k1', { status: 'queued' })];
    expect(run(queued, { type: 'edit', localId: 'k1', body: 'Ships tomorrow' })[0]?.body).toBe('Ships tomorrow');
    expect(run(queued, { type: 'cancel', localId: 'k1' })).toEqual([]);
    const failed = [pending('k1', { status: 'failed', error: 'x' })];
    expect(run(failed, { type: 'edit', localId: 'k1', body: 'changed' })).toBe(failed);
    expect(run(failed, { type: 'cancel', localId: 'k1' })).toEqual([]);
    expect([canEdit({ status: 'queued' }), canEdit({ status: 'failed' }), canCancel({ status: 'failed' }), canCancel({ status: 'sending' })]).toEqual([true, false, true, false]);
  });

  it('ignores what does not fit the state: a late failure of a sent entry, actions for unknown ids, a second add', () => {
    const sent = [pending('k1', { status: 'sent', index: 3 })];
    expect(run(sent, { type: 'failed', localId: 'k1', error: 'late' })).toBe(sent);
    expect(run(sent, { type: 'queued', localId: 'k1', reason: 'late' })).toBe(sent);
    expect(run(sent, { type: 'attempt', localId: 'nope' })).toBe(sent);
    expect(run(sent, { type: 'add', pending: pending('k1') })).toBe(sent);
    const queued = [pending('k2', { status: 'queued', error: 'offline' })];
    expect(run(queued, { type: 'queued', localId: 'k2', reason: 'offline' })).toBe(queued);
  });

  it('drops the pending copy when the service announces the message (by index, or an own twin still sending)', () => {
    const list = [pending('k1', { status: 'sent', index: 7 }), pending('k2', { body: 'Thanks!' })];
    const afterIndex = reducePending(list, [], { type: 'echo', message: { index: 7, author: 'agent', body: 'x', media: [] }, me: 'agent' });
    expect(afterIndex.map((p) => p.localId)).toEqual(['k2']);
    const afterTwin = reducePending(afterIndex, [], { type: 'echo', message: { index: 8, author: 'agent', body: 'Thanks!', media: [] }, me: 'agent' });
    expect(afterTwin).toEqual([]);
    expect(reducePending(list, [], { type: 'echo', message: { index: 9, author: 'bob', body: 'Thanks!', media: [] }, me: 'agent' })).toBe(list);
  });
});
