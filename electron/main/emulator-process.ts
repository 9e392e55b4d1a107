/**
 * The Local workspace's emulator in a process of its own, kept alive: its journal writes, media
 * reads and webhook retries never share a thread with IPC and menus, and a crash takes down only
 * the emulator. The process is started by a spawner passed in: Electron's utilityProcess.fork in
 * the app (emulator-spawners.ts), a Node child process under tsx for `npm run dev:browser`, the
 * tests and the bench. Whatever starts it runs the emulator's CLI, which prints exactly one JSON
 * line (the EmulatorInfo) on stdout once it listens.
 */
import { z } from 'zod';
import type { EmulatorInfo, EmulatorOptions, RunningEmulator } from '../emulator/config';
import type { LocalStatus } from '../../shared/ipc/contract';
import { mintChatToken } from './tokens';
import { english, type Translate } from './desktop/locale';

/** The part of a started process we use; Electron's UtilityProcess and Node's ChildProcess both fit behind it. */
export interface EmulatorChild {
  readonly pid: number | undefined;
  onStdout(listener: (chunk: string) => void): void;
  onStderr(listener: (chunk: string) => void): void;
  /** Called once, when the process is gone (exit code, or null when a signal ended it). */
  onExit(listener: (code: number | null) => void): void;
  /** Asks the process to stop (SIGTERM: it closes its store first); `force` kills it outright. */
  kill(force?: boolean): void;
}

export type SpawnEmulator = (args: readonly string[]) => EmulatorChild;

export interface EmulatorProcessDeps {
  spawn: SpawnEmulator;
  /** CLI flags for every start besides the port and data dir (e.g. `--allow-origin app://desk`). */
  extraArgs?: readonly string[];
  /** Wait before restart number `n` (1-based): exponential, capped. */
  restartDelayMs?: (n: number) => number;
  /** Give up after this many exits in a row, none of which ran for `stableAfterMs`. */
  maxCrashes?: number;
  stableAfterMs?: number;
  /** A process that has not printed its JSON line by then is killed and counts as a failed start. */
  readyTimeoutMs?: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => () => void;
  log?: (line: string) => void;
  /** The status the window shows when main gives up, in the desk's language; English by default. */
  t?: Translate;
}

/** A running emulator whose process may come and go: `info` and `port` always name the current one. */
export interface SupervisedEmulator extends RunningEmulator {
  readonly pid: number | undefined;
  status(): LocalStatus;
  onStatus(listener: (status: LocalStatus) => void): () => void;
  /** Resolves once it serves (at once when it does); rejects when it gave up. */
  whenUp(): Promise<void>;
  /**
   * Stops the process, runs `whileDown`, and starts it again on the same port and data dir, as
   * after a crash but on purpose (tests); meanwhile the status is `restarting` and `whenUp` waits.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

export const DEFAULT_MAX_CRASHES = 5;
export const defaultRestartDelayMs = (n: number): number => Math.min(250 * 2 ** (n - 1), 8_000);

// What main relies on in the JSON line; the CLI prints more (clientOptions are passed through as they are).
const infoSchema = z
  .object({
    accountSid: z.string(),
    authToken: z.string(),
    apiKeySid: z.string(),
    apiKeySecret: z.string(),
    serviceSid: z.string(),
    restBaseUrl: z.string().url(),
    clientOptions: z.record(z.string(), z.unknown()),
  })
  .passthrough();

/** The CLI's flags for these options (the CLI's own parser validates them again). */
export function cliArgs(options: EmulatorOptions, extraArgs: readonly string[] = []): string[] {
  const args = ['--port', String(options.port ?? 0)];
  if (options.dataDir) args.push('--data', options.dataDir);
  if (typeof options.seed === 'object') throw new Error('a load seed cannot be passed to the emulator process');
  if (options.seed) args.push('--seed', options.seed);
  if (options.maxConcurrentRequests !== undefined) args.push('--max-concurrent-requests', String(options.maxConcurrentRequests));
  if (options.restLatencyMs !== undefined) args.push('--rest-latency-ms', String(options.restLatencyMs));
  args.push(...allowOriginArgs(options.allowedOrigins ?? []));
  return [...args, ...extraArgs];
}

/**
 * The flags that let the app's page (and only it, besides Node clients) through the emulator's
 * CORS and WebSocket Origin checks: the app, dev:browser and the tests all call this one function.
 */
export function allowOriginArgs(origins: readonly string[]): string[] {
  return origins.flatMap((origin) => ['--allow-origin', origin]);
}

const tail = (text: string, chars = 600) => text.trim().slice(-chars);

interface Started {
  child: EmulatorChild;
  info: EmulatorInfo;
  port: number;
  exited: Promise<number | null>;
}

/**
 * Starts one process and resolves with its info once it printed its JSON line; rejects (and
 * kills it) if it exits first, prints something else, or takes longer than `timeoutMs`.
 */
function launch(args: readonly string[], deps: Required<Pick<EmulatorProcessDeps, 'spawn' | 'setTimer' | 'log'>>, timeoutMs: number): Promise<Started> {
  const child = deps.spawn(args);
  let stdout = '';
  let stderr = '';
  let pendingLine = '';
  let exit!: (code: number | null) => void;
  const exited = new Promise<number | null>((resolve) => (exit = resolve));
  child.onExit((code) => exit(code));
  child.onStderr((chunk) => {
    stderr = (stderr + chunk).slice(-4_000);
    // The emulator logs on stderr; passed on line by line.
    const lines = (pendingLine + chunk).split('\n');
    pendingLine = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) deps.log(`emulator: ${line}`);
  });
  return new Promise<Started>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      child.kill(true);
      reject(new Error(message));
    };
    const cancelTimer = deps.setTimer(() => fail(`the emulator did not start within ${timeoutMs} ms${stderr ? `: ${tail(stderr)}` : ''}`), timeoutMs);
    void exited.then((code) => fail(`the emulator exited (code ${code ?? 'none'}) before it was ready${stderr ? `: ${tail(stderr)}` : ''}`));
    child.onStdout((chunk) => {
      if (settled) return;
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end < 0) return;
      let info: EmulatorInfo;
      let port: number;
      try {
        info = infoSchema.parse(JSON.parse(stdout.slice(0, end))) as unknown as EmulatorInfo;
        port = Number(new URL(info.restBaseUrl).port);
      } catch {
        fail(`the emulator printed something other than its JSON line: ${tail(stdout, 200)}`);
        return;
      }
      settled = true;
      cancelTimer();
      resolve({ child, info, port, exited });
    });
  });
}

/**
 * A `startEmulator` that runs the emulator in a process started by `deps.spawn` and restarts it
 * on the same port and data dir whenever it exits, until `close()`. The first start's failure is
 * the caller's (so it can try another port); later ones are retried with backoff and, after
 * `maxCrashes` in a row, reported as `failed`.
 */
export function emulatorProcessStarter(deps: EmulatorProcessDeps): (options: EmulatorOptions) => Promise<SupervisedEmulator> {
  const log = deps.log ?? (() => {});
  const now = deps.now ?? Date.now;
  const setTimer =
    deps.setTimer ??
    ((run: () => void, ms: number) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    });
  const restartDelayMs = deps.restartDelayMs ?? defaultRestartDelayMs;
  const maxCrashes = deps.maxCrashes ?? DEFAULT_MAX_CRASHES;
  const stableAfterMs = deps.stableAfterMs ?? 60_000;
  // Generous: a large workspace on a slow disk loads its journal before it listens.
  const readyTimeoutMs = deps.readyTimeoutMs ?? 60_000;
  const launchDeps = { spawn: deps.spawn, setTimer, log };

  return async (options) => {
    let current = await launch(cliArgs(options, deps.extraArgs), launchDeps, readyTimeoutMs);
    // Restarts keep the first run's port (0 would pick a new one): the renderer's SDK reconnects to it.
    // Origins let in while running (allowOrigin) are passed again to every restart.
    const added: string[] = [];
    const restartArgs = () => cliArgs({ ...options, port: current.port, allowedOrigins: [...(options.allowedOrigins ?? []), ...added] }, deps.extraArgs);
    let status: LocalStatus = { state: 'running', message: null };
    let startedAt = now();
    let crashes = 0;
    let closing: Promise<void> | null = null;
    let cancelRestart: (() => void) | null = null;
    let relaunching: Promise<void> | null = null;
    // An exit we asked for (restart()) is not a crash.
    let stopping = false;
    const listeners = new Set<(status: LocalStatus) => void>();
    let waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

    const setStatus = (next: LocalStatus) => {
      status = next;
      if (next.state === 'running' || next.state === 'failed') {
        const settle = waiters;
        waiters = [];
        for (const w of settle) {
          if (next.state === 'running') w.resolve();
          else w.reject(new Error(next.message ?? 'The Local workspace stopped.'));
        }
      }
      for (const listener of listeners) listener({ ...next });
    };

    const crashed = (why: string) => {
      if (closing) return;
      crashes++;
      if (crashes >= maxCrashes) {
        log(`emulator: giving up after ${crashes} exits in a row (${why})`);
        setStatus({ state: 'failed', message: (deps.t ?? english)('errors.localWorkspace.gaveUp', { times: crashes, reason: why }) });
        return;
      }
      const delay = restartDelayMs(crashes);
      log(`emulator: ${why}; restarting on port ${current.port} in ${delay} ms (attempt ${crashes})`);
      setStatus({ state: 'restarting', message: why });
      cancelRestart = setTimer(() => {
        cancelRestart = null;
        relaunching = launch(restartArgs(), launchDeps, readyTimeoutMs).then(
          (next) => {
            if (closing) {
              next.child.kill();
              return next.exited.then(() => undefined);
            }
            adopt(next);
            setStatus({ state: 'running', message: null });
          },
          (error: unknown) => crashed((error as Error).message),
        );
      }, delay);
    };

    const adopt = (started: Started) => {
      current = started;
      startedAt = now();
      void started.exited.then((code) => {
        if (closing || stopping || current !== started) return;
        // A run that lasted a while was healthy: the next crash starts the count again.
        if (now() - startedAt >= stableAfterMs) crashes = 0;
        crashed(`the emulator process exited (code ${code ?? 'none'})`);
      });
    };
    adopt(current);

    const handle: SupervisedEmulator = {
      get info() {
        return current.info;
      },
      async allowOrigin(origin) {
        added.push(origin);
        const { restBaseUrl, accountSid, authToken } = current.info;
        const res = await fetch(`${restBaseUrl}/emulator/origins`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` },
          body: new URLSearchParams({ Origin: origin }),
        });
        if (!res.ok) throw new Error(`The emulator refused origin ${origin}: ${res.status} ${await res.text()}`);
      },
      get port() {
        return current.port;
      },
      get pid() {
        return current.child.pid;
      },
      status: () => ({ ...status }),
      onStatus(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      whenUp() {
        if (closing) return Promise.reject(new Error('The Local workspace was closed.'));
        if (status.state === 'running') return Promise.resolve();
        if (status.state === 'failed') return Promise.reject(new Error(status.message ?? 'The Local workspace stopped.'));
        return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
      },
      async restart(whileDown) {
        if (closing) throw new Error('The Local workspace was closed.');
        stopping = true;
        setStatus({ state: 'restarting', message: 'restarting on request' });
        try {
          current.child.kill();
          await current.exited;
          await whileDown?.();
          adopt(await launch(restartArgs(), launchDeps, readyTimeoutMs));
          setStatus({ state: 'running', message: null });
        } catch (error) {
          // From here on it is looked after as after a crash (backoff, then give up).
          crashed((error as Error).message);
          throw error;
        } finally {
          stopping = false;
        }
      },
      mintToken: (identity, ttlSeconds) => mintChatToken({ ...current.info, identity, ttlSeconds }),
      dropConnections() {
        throw new Error('dropConnections is not available for an emulator in another process');
      },
      close() {
        closing ??= (async () => {
          cancelRestart?.();
          // A restart under way finishes first (and then stops what it started).
          await relaunching;
          const { child, exited } = current;
          child.kill();
          // It closes its store on SIGTERM; one that hangs is killed rather than holding up quit.
          const cancel = setTimer(() => child.kill(true), 5_000);
          await exited;
          cancel();
          const settle = waiters;
          waiters = [];
          for (const w of settle) w.reject(new Error('The Local workspace was closed.'));
        })();
        return closing;
      },
    };
    return handle;
  };
}
