import { describe, expect, it, vi } from 'vitest';
import { startAutoUpdates, type UpdaterLike } from '../../../../electron/main/desktop/updater';

const fakeUpdater = () => {
  const listeners = new Map<string, (arg: unknown) => void>();
  const updater: UpdaterLike & { emit: (e: string, a?: unknown) => void } = {
    logger: null,
    autoDownload: false,
    checkForUpdatesAndNotify: vi.fn(async () => null),
    on: (event, listener) => listeners.set(event, listener),
    emit: (event, arg) => listeners.get(event)?.(arg),
  };
  return updater;
};

describe('startAutoUpdates', () => {
  const base = { logger: 'log', log: () => {}, setInterval: () => 1, clearInterval: () => {} };

  it('never runs in development', () => {
    const make = vi.fn(fakeUpdater);
    expect(startAutoUpdates({ ...base, updater: make, isPackaged: false, hasPublishConfig: () => true })).toEqual({ running: false, reason: 'development' });
    expect(make).not.toHaveBeenCalled();
  });

  it('does not run without a publish target', () => {
    const make = vi.fn(fakeUpdater);
    expect(startAutoUpdates({ ...base, updater: make, isPackaged: true, hasPublishConfig: () => false })).toEqual({ running: false, reason: 'no-publish-target' });
    expect(make).not.toHaveBeenCalled();
  });

  it('checks at start and on a timer when packaged with a publish target; errors are logged, not thrown', () => {
    const updater = fakeUpdater();
    const log = vi.fn();
    let tick: () => void = () => {};
    const cleared = vi.fn();
    const state = startAutoUpdates({
      ...base,
      log,
      updater: () => updater,
      isPackaged: true,
      hasPublishConfig: () => true,
      setInterval: (fn) => {
        tick = fn;
        return 7;
      },
      clearInterval: cleared,
    });
    expect(state.running).toBe(true);
    expect(updater.logger).toBe('log');
    tick();
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
    updater.emit('error', new Error('offline'));
    expect(log).toHaveBeenCalledWith('updater: offline');
    if (state.running) state.stop();
    expect(cleared).toHaveBeenCalledWith(7);
  });
});
