/** Hand-written stand-ins for the Electron pieces main modules take as parameters. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorOptions, RunningEmulator } from '../../../electron/emulator/config';
import type { SafeStorageLike } from '../../../electron/main/vault';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

/** Reversible but not plain text, so a test can tell that bytes on disk were "encrypted". */
export function fakeSafeStorage(options: { available?: boolean; backend?: Backend } = {}): SafeStorageLike {
  const { available = true, backend = 'gnome_libsecret' } = options;
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.concat([Buffer.from('FAKE1'), flip(Buffer.from(plain, 'utf8'))]),
    decryptString: (encrypted) => {
      if (encrypted.subarray(0, 5).toString() !== 'FAKE1') throw new Error('not encrypted by fakeSafeStorage');
      return flip(encrypted.subarray(5)).toString('utf8');
    },
  };
}

export async function tempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'desk-main-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export const hex32 = (c: string) => c.repeat(32);
export const SECRET = 'S3cr3t-value-that-must-never-leave-main-9f3a';

export const twilioInput = {
  name: 'Support US',
  accountSid: `AC${hex32('a')}`,
  apiKeySid: `SK${hex32('b')}`,
  apiKeySecret: SECRET,
  serviceSid: `IS${hex32('c')}`,
  identity: 'dana@example.com',
};

export const EMULATOR_SECRET = 'emulator-api-key-secret-0123456789';
export const EMULATOR_AUTH_TOKEN = 'emulator-auth-token';

/** A startEmulator that records its options and "binds" the requested port unless it is busy. */
export function fakeEmulatorStarter(busyPorts: number[] = []) {
  const calls: EmulatorOptions[] = [];
  let nextFree = 40_000;
  const closed: number[] = [];
  const start = async (options: EmulatorOptions): Promise<RunningEmulator> => {
    calls.push(options);
    const requested = options.port ?? 0;
    if (busyPorts.includes(requested)) throw Object.assign(new Error(`listen EADDRINUSE: 127.0.0.1:${requested}`), { code: 'EADDRINUSE' });
    while (busyPorts.includes(nextFree)) nextFree++;
    const port = requested === 0 ? nextFree++ : requested;
    const origin = `http://127.0.0.1:${port}`;
    const ws = `ws://127.0.0.1:${port}/v3/wsconnect`;
    return {
      port,
      info: {
        accountSid: `AC${hex32('1')}`,
        authToken: EMULATOR_AUTH_TOKEN,
        apiKeySid: `SK${hex32('2')}`,
        apiKeySecret: EMULATOR_SECRET,
        serviceSid: `IS${hex32('3')}`,
        restBaseUrl: origin,
        clientOptions: {
          Twilsock: { uri: ws },
          twilsock: { uri: ws },
          Sync: { enableSessionStorage: false },
          retryPolicy: { min: 100, max: 1000, randomness: 0 },
        },
      },
      mintToken: () => 'unused',
      allowOrigin: async () => {},
      dropConnections: () => {},
      close: async () => {
        closed.push(port);
      },
    };
  };
  return { start, calls, closed };
}
