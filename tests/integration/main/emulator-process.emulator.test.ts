/** The real emulator CLI in a child process, supervised as main supervises its utility process. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeEmulatorSpawner } from '../../../electron/dev/emulator-spawner';
import { emulatorProcessStarter, type SupervisedEmulator } from '../../../electron/main/emulator-process';
import type { LocalStatus } from '../../../shared/ipc/contract';
import { restClient } from '../../helpers/twilio-rest';
import { tempDir } from '../../unit/main/fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let emulator: SupervisedEmulator | null = null;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await emulator?.close();
  emulator = null;
  await dir.remove();
});

const nextStatus = (e: SupervisedEmulator, state: LocalStatus['state']) =>
  new Promise<LocalStatus>((resolve) => {
    const off = e.onStatus((status) => {
      if (status.state !== state) return;
      off();
      resolve(status);
    });
  });

describe('the emulator in a supervised child process', () => {
  it('comes back on the same port with its data after being killed', async () => {
    const start = emulatorProcessStarter({ spawn: nodeEmulatorSpawner(), restartDelayMs: () => 50 });
    emulator = await start({ port: 0, dataDir: dir.path, seed: 'none' });
    const { port, pid } = emulator;
    const info = emulator.info;
    const service = restClient(info).client.conversations.v1.services(info.serviceSid);
    const made = await service.conversations.create({ friendlyName: 'Survives a crash' });

    const restarting = nextStatus(emulator, 'restarting');
    const running = nextStatus(emulator, 'running');
    process.kill(pid as number, 'SIGKILL');
    expect((await restarting).message).toMatch(/exited/);
    await running;

    expect(emulator.port).toBe(port);
    expect(emulator.pid).not.toBe(pid);
    // Same credentials (kept in the data dir), so tokens the renderer holds stay valid.
    expect(emulator.info).toEqual(info);
    const again = restClient(emulator.info).client.conversations.v1.services(info.serviceSid);
    expect((await again.conversations(made.sid).fetch()).friendlyName).toBe('Survives a crash');
  }, 40_000);

  it('stops the process on close', async () => {
    const start = emulatorProcessStarter({ spawn: nodeEmulatorSpawner() });
    emulator = await start({ port: 0, seed: 'none' });
    const pid = emulator.pid as number;
    await emulator.close();
    expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);
});
