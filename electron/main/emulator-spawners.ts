import type { ForkOptions, UtilityProcess } from 'electron';
import type { EmulatorChild, SpawnEmulator } from './emulator-process';

type Fork = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcess;

/**
 * The app's spawner: Electron's utilityProcess.fork on the emulator's CLI built as its own file
 * (out/main/emulator.js). A utility process is a Node.js child Electron manages (it is killed with
 * the app, shows in the task manager under `serviceName`), and it needs no Node binary of its own.
 */
export function utilityProcessSpawner(fork: Fork, modulePath: string): SpawnEmulator {
  return (args) => {
    const child = fork(modulePath, [...args], { stdio: 'pipe', serviceName: 'Conversations Desk Local workspace' });
    const adapted: EmulatorChild = {
      get pid() {
        return child.pid;
      },
      onStdout: (listener) => child.stdout?.on('data', (chunk: Buffer) => listener(chunk.toString('utf8'))),
      onStderr: (listener) => child.stderr?.on('data', (chunk: Buffer) => listener(chunk.toString('utf8'))),
      onExit: (listener) => child.once('exit', (code: number) => listener(code)),
      // UtilityProcess.kill sends SIGTERM on POSIX (the CLI then closes its store) and ends the process on Windows.
      kill: () => void child.kill(),
    };
    return adapted;
  };
}
