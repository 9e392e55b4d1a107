import { afterEach, beforeEach } from 'vitest';
import { Client, type ConnectionState } from '@twilio/conversations';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../electron/emulator';

/** A started emulator plus SDK clients that are shut down with it. */
export interface Harness {
  emulator: RunningEmulator;
  client(identity: string, opts?: { ttlSeconds?: number }): Promise<Client>;
  close(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options);
  const clients: Client[] = [];
  return {
    emulator,
    async client(identity, opts = {}) {
      const client = new Client(emulator.mintToken(identity, opts.ttlSeconds), {
        ...emulator.info.clientOptions,
        // 'silent' breaks the SDK's typing handler (its logger throws); 'error' keeps output quiet.
        logLevel: 'error',
      } as never);
      clients.push(client);
      await waitForEvent(client, 'initialized', 10_000, ['initFailed']);
      return client;
    },
    async close() {
      await Promise.allSettled(clients.map((c) => c.shutdown()));
      await emulator.close();
    },
  };
}

/**
 * A fresh emulator for each test of the calling suite, closed (with its clients) after it. The
 * returned harness always speaks for the current test's emulator.
 */
export function harnessPerTest(options: EmulatorOptions = {}): Harness {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await startHarness(options);
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    await done?.close();
  });
  const now = (): Harness => {
    if (!current) throw new Error('harnessPerTest() serves tests only');
    return current;
  };
  return {
    get emulator() {
      return now().emulator;
    },
    client: (identity, opts) => now().client(identity, opts),
    close: () => now().close(),
  };
}

/** Resolves with the event's first argument; rejects on a failure event or after `ms`. */
export function waitForEvent<T = unknown>(
  emitter: { once(event: string, fn: (...args: unknown[]) => void): unknown; removeListener?(event: string, fn: (...args: unknown[]) => void): unknown },
  event: string,
  ms = 5000,
  failOn: string[] = [],
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), ms);
    emitter.once(event, (arg: unknown) => {
      clearTimeout(timer);
      resolve(arg as T);
    });
    for (const f of failOn) {
      emitter.once(f, (arg: unknown) => {
        clearTimeout(timer);
        reject(new Error(`${f}: ${JSON.stringify(arg)}`));
      });
    }
  });
}

/** Waits until `predicate` holds for an emitted event's argument. */
export function waitForMatch<T>(
  emitter: { on(event: string, fn: (arg: T) => void): unknown; removeListener(event: string, fn: (arg: T) => void): unknown },
  event: string,
  predicate: (arg: T) => boolean,
  ms = 5000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const handler = (arg: T): void => {
      if (!predicate(arg)) return;
      clearTimeout(timer);
      emitter.removeListener(event, handler);
      resolve(arg);
    };
    const timer = setTimeout(() => {
      emitter.removeListener(event, handler);
      reject(new Error(`timed out waiting for matching ${event}`));
    }, ms);
    emitter.on(event, handler);
  });
}

export type { ConnectionState };
