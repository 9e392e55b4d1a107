import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { EmulatorInfo } from '../../electron/emulator';

const ROOT = resolve(__dirname, '../..');

export interface EmulatorProcess {
  child: ChildProcess;
  info: EmulatorInfo;
  /** Everything printed on stdout so far (the contract: exactly the one JSON line). */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process we spawned exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Signals the whole process group: npm, its shell, tsx and the emulator. */
  signalGroup(signal: NodeJS.Signals): void;
}

/**
 * Starts the emulator CLI in its own process group, either through the documented
 * `npm run --silent emulator --` or straight through tsx's loader (one process, so its own exit
 * code is observable), and resolves once it has printed its JSON line.
 */
export function spawnEmulator(args: string[], via: 'npm' | 'node' = 'npm', timeoutMs = 15_000): Promise<EmulatorProcess> {
  const [cmd, argv] =
    via === 'npm'
      ? ['npm', ['run', '--silent', 'emulator', '--', ...args]]
      : [process.execPath, ['--import', 'tsx', 'electron/emulator/cli.ts', ...args]];
  const child = spawn(cmd, argv, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // already gone
    }
  };
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => {
      signalGroup('SIGKILL');
      fail(new Error(`emulator did not print its JSON line within ${timeoutMs} ms; stderr: ${err}`));
    }, timeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`emulator exited (${code ?? signal}) before printing its JSON line; stderr: ${err}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      const first = !out.includes('\n');
      out += d.toString();
      if (!first || !out.includes('\n')) return;
      clearTimeout(timer);
      try {
        const info = JSON.parse(out.slice(0, out.indexOf('\n'))) as EmulatorInfo;
        ready({ child, info, stdout: () => out, stderr: () => err, exited, signalGroup });
      } catch (e) {
        signalGroup('SIGKILL');
        fail(new Error(`first stdout line is not JSON: ${out}; ${String(e)}`));
      }
    });
  });
}

/**
 * True once no process of the group is left running (a clean stop leaves no orphans). Zombies
 * are ignored: orphans are reaped by init, which in containers may take a while.
 */
export function groupGone(pgid: number): boolean {
  const rows = execFileSync('ps', ['-e', '-o', 'pgid=,stat='], { encoding: 'utf8' }).trim().split('\n');
  return !rows.some((row) => {
    const [group, stat] = row.trim().split(/\s+/);
    return Number(group) === pgid && !stat?.startsWith('Z');
  });
}
