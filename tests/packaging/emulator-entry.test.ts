/** The emulator's CLI as the build emits it for main's utility process (out/main/emulator.js). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeEmulatorSpawner } from '../../electron/dev/emulator-spawner';
import { emulatorProcessStarter } from '../../electron/main/emulator-process';

const entry = resolve(__dirname, '../../out/main/emulator.js');

describe('out/main/emulator.js', () => {
  it('is built as its own file that runs without tsx and prints the EmulatorInfo line', async () => {
    if (!existsSync(entry)) throw new Error('out/main/emulator.js is missing: run `npm run build` first (npm test does)');
    const emulator = await emulatorProcessStarter({ spawn: nodeEmulatorSpawner({ entry }) })({ port: 0, seed: 'none' });
    try {
      expect(emulator.info.restBaseUrl).toBe(`http://127.0.0.1:${emulator.port}`);
      expect(emulator.info.clientOptions.twilsock.uri).toBe(`ws://127.0.0.1:${emulator.port}/v3/wsconnect`);
    } finally {
      await emulator.close();
    }
  }, 30_000);
});
