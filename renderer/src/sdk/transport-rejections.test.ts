import { describe, expect, it, vi } from 'vitest';
import { ignoreSdkTransportDrops, isSdkTransportDrop } from './transport-rejections';

/** The shape twilio-sync's SyncError gives a request cut by twilsock's `disconnected`. */
function syncError(message: string, status: number, code: number): Error {
  return Object.assign(new Error(`${message} (status: ${status}, code: ${code})`), { status, code });
}

function rejection(reason: unknown): PromiseRejectionEvent {
  const event = new Event('unhandledrejection', { cancelable: true }) as PromiseRejectionEvent;
  Object.defineProperty(event, 'reason', { value: reason });
  return event;
}

describe('isSdkTransportDrop', () => {
  it('knows a Sync read cut by the socket closing', () => {
    expect(isSdkTransportDrop(syncError('disconnected', 0, 0))).toBe(true);
    expect(isSdkTransportDrop(syncError('Twilsock disconnected', 0, 0))).toBe(true);
    expect(isSdkTransportDrop(Object.assign(new Error('disconnected'), { status: 0 }))).toBe(true);
  });

  it('leaves every other failure alone', () => {
    expect(isSdkTransportDrop(syncError('Not found from server', 404, 54100))).toBe(false);
    expect(isSdkTransportDrop(syncError('disconnected', 500, 0))).toBe(false);
    expect(isSdkTransportDrop(new Error('disconnected'))).toBe(false);
    expect(isSdkTransportDrop(new TypeError("Cannot read properties of undefined (reading 'sid')"))).toBe(false);
    expect(isSdkTransportDrop('disconnected')).toBe(false);
  });
});

describe('ignoreSdkTransportDrops', () => {
  it('keeps the drops out of the page errors and logs them; others still reach the page', () => {
    const log = vi.fn();
    const stop = ignoreSdkTransportDrops(window, log);
    const drop = rejection(syncError('disconnected', 0, 0));
    window.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('disconnected (status: 0, code: 0)'));

    const bug = rejection(new TypeError('x is undefined'));
    window.dispatchEvent(bug);
    expect(bug.defaultPrevented).toBe(false);

    stop();
    const after = rejection(syncError('disconnected', 0, 0));
    window.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
    expect(log).toHaveBeenCalledTimes(1);
  });
});
