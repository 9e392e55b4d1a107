import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { EmulatorChild, SpawnEmulator } from '../main/emulator-process';

const ROOT = resolve(__dirname, '../..');
const CLI = resolve(ROOT, 'electron/emulator/cli.ts');

/**
 * Outside Electron (`npm run dev:browser`, the tests, the bench): the emulator's CLI in a Node
 * child process, its TypeScript loaded by tsx as `npm run emulator` does, but in one process (no
 * npm or shell in between) so that killing it kills the emulator. `entry` may name the built
 * CLI (out/main/emulator.js) instead, as the app's utility process runs it.
 */
export function nodeEmulatorSpawner({ entry = CLI }: { entry?: string } = {}): SpawnEmulator {
  // The built entry (out/main/emulator.js) runs as plain JavaScript; the source needs tsx.
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return (args) => {
    const child = spawn(process.execPath, [...loader, entry, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const adapted: EmulatorChild = {
      pid: child.pid,
      onStdout: (listener) => child.stdout.on('data', (chunk: Buffer) => listener(chunk.toString('utf8'))),
      onStderr: (listener) => child.stderr.on('data', (chunk: Buffer) => listener(chunk.toString('utf8'))),
      onExit: (listener) => {
        if (child.exitCode !== null || child.signalCode !== null) listener(child.exitCode);
        else child.once('exit', (code) => listener(code));
      },
      kill: (force) => void child.kill(force ? 'SIGKILL' : 'SIGTERM'),
    };
    // A spawn failure (no such binary) is reported as an exit, as a crash would be.
    child.once('error', () => child.emit('exit', null, null));
    // Electron ends its utility processes with the app; a Node parent must do it itself.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.off('exit', orphanGuard));
    return adapted;
  };
}
