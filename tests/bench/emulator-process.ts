import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import type { EmulatorInfo } from '../../electron/emulator/config';

/** The emulator started through its CLI contract, in its own process so its memory is its own. */
export interface EmulatorProcess {
  info: EmulatorInfo;
  child: ChildProcess;
  /** Milliseconds from spawn to the JSON line. */
  startupMs: number;
  rssBytes(): number;
  cpuSeconds(): number;
  stop(): Promise<number | null>;
}

export async function spawnEmulator(args: string[]): Promise<EmulatorProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(process.env.EMU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', 'electron/emulator/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const info = await new Promise<EmulatorInfo>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as EmulatorInfo));
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const startupMs = performance.now() - started;
  return {
    info,
    child,
    startupMs,
    rssBytes: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb * 1024;
    },
    cpuSeconds: () => { const f = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" "); return (Number(f[11]) + Number(f[12])) / 100; },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
