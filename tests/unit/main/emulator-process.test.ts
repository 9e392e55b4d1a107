import { describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { cliArgs, emulatorProcessStarter, type EmulatorChild, type EmulatorProcessDeps } from '../../../electron/main/emulator-process';
import type { LocalStatus } from '../../../shared/ipc/contract';
import { EMULATOR_SECRET, hex32 } from './fakes';

const infoLine = (port: number) =>
  `${JSON.stringify({
    accountSid: `AC${hex32('1')}`,
    authToken: 'emulator-auth-token',
    apiKeySid: `SK${hex32('2')}`,
    apiKeySecret: EMULATOR_SECRET,
    serviceSid: `IS${hex32('3')}`,
    restBaseUrl: `http://127.0.0.1:${port}`,
    clientOptions: { Twilsock: { uri: `ws://127.0.0.1:${port}/v3/wsconnect` } },
  })}\n`;

/** A process that does what the test tells it: print, exit, or be killed. */
class FakeChild implements EmulatorChild {
  static nextPid = 1000;
  readonly pid = FakeChild.nextPid++;
  killed: Array<boolean | undefined> = [];
  private out: ((chunk: string) => void)[] = [];
  private err: ((chunk: string) => void)[] = [];
  private exits: ((code: number | null) => void)[] = [];
  private gone = false;
  constructor(readonly args: readonly string[]) {}
  onStdout(l: (chunk: string) => void) {
    this.out.push(l);
  }
  onStderr(l: (chunk: string) => void) {
    this.err.push(l);
  }
  onExit(l: (code: number | null) => void) {
    this.exits.push(l);
  }
  kill(force?: boolean) {
    this.killed.push(force);
    this.exit(force ? null : 0);
  }
  print(text: string) {
    for (const l of this.out) l(text);
  }
  printErr(text: string) {
    for (const l of this.err) l(text);
  }
  /** Ready on the port it was asked for (a fixed one for --port 0). */
  ready(fallbackPort = 41_000) {
    const asked = Number(this.args[this.args.indexOf('--port') + 1]);
    this.print(infoLine(asked || fallbackPort));
  }
  exit(code: number | null) {
    if (this.gone) return;
    this.gone = true;
    for (const l of this.exits) l(code);
  }
}

/** Timers the test fires by hand, and a clock it moves. */
function manualTime() {
  let clock = 0;
  const timers = new Map<number, { run: () => void; at: number }>();
  let id = 0;
  return {
    now: () => clock,
    setTimer: (run: () => void, ms: number) => {
      const key = ++id;
      timers.set(key, { run, at: clock + ms });
      return () => timers.delete(key);
    },
    delays: () => [...timers.values()].map((t) => t.at - clock),
    /** Moves the clock and runs what is due. */
    advance(ms: number) {
      clock += ms;
      for (const [key, t] of [...timers]) {
        if (t.at <= clock) {
          timers.delete(key);
          t.run();
        }
      }
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup(overrides: Partial<EmulatorProcessDeps> = {}) {
  const children: FakeChild[] = [];
  const time = manualTime();
  const lines: string[] = [];
  const start = emulatorProcessStarter({
    spawn: (args) => {
      const child = new FakeChild(args);
      children.push(child);
      return child;
    },
    extraArgs: ['--allow-origin', 'app://desk'],
    now: time.now,
    setTimer: time.setTimer,
    readyTimeoutMs: 10_000,
    log: (line) => lines.push(line),
    ...overrides,
  });
  const last = () => children[children.length - 1] as FakeChild;
  return { start, children, time, lines, last };
}

/** Starts and answers the first spawn. */
async function started(s: ReturnType<typeof setup>, port = 0) {
  const pending = s.start({ port, dataDir: '/data/local-workspace', seed: 'demo' });
  await flush();
  s.last().ready();
  const emulator = await pending;
  const statuses: LocalStatus[] = [];
  emulator.onStatus((status) => statuses.push(status));
  return { emulator, statuses };
}

describe('cliArgs', () => {
  it('spells the options as the CLI flags, extra flags last', () => {
    expect(cliArgs({ port: 0, dataDir: '/d', seed: 'demo', maxConcurrentRequests: 3 }, ['--allow-origin', 'app://desk'])).toEqual([
      '--port', '0', '--data', '/d', '--seed', 'demo', '--max-concurrent-requests', '3', '--allow-origin', 'app://desk',
    ]);
    expect(() => cliArgs({ seed: { load: { conversations: 1 } as never } })).toThrow(/load seed/);
  });
});

describe('emulatorProcessStarter', () => {
  it('spawns the CLI with the port, data dir and extra flags, and resolves with the JSON line it prints', async () => {
    const s = setup();
    const pending = s.start({ port: 0, dataDir: '/data/local-workspace', seed: 'demo' });
    await flush();
    expect(s.children).toHaveLength(1);
    expect(s.last().args).toEqual(['--port', '0', '--data', '/data/local-workspace', '--seed', 'demo', '--allow-origin', 'app://desk']);
    // The line may arrive in pieces; stderr is logged, not parsed.
    const line = infoLine(41_000);
    s.last().printErr('emulator listening\n');
    s.last().print(line.slice(0, 20));
    s.last().print(line.slice(20));
    const emulator = await pending;
    expect(emulator.port).toBe(41_000);
    expect(emulator.info.restBaseUrl).toBe('http://127.0.0.1:41000');
    expect(emulator.pid).toBe(s.last().pid);
    expect(emulator.status()).toEqual({ state: 'running', message: null });
    expect(s.lines).toContain('emulator: emulator listening');
    await expect(emulator.whenUp()).resolves.toBeUndefined();
  });

  it('mints tokens with the key the process printed', async () => {
    const s = setup();
    const { emulator } = await started(s);
    const claims = jwt.verify(emulator.mintToken('agent@desk.local'), EMULATOR_SECRET) as { grants: { identity: string } };
    expect(claims.grants.identity).toBe('agent@desk.local');
  });

  it('fails the start when the process exits before its JSON line, with what it printed on stderr', async () => {
    const s = setup();
    const pending = s.start({ port: 40_000 });
    await flush();
    s.last().printErr('listen EADDRINUSE: 127.0.0.1:40000\n');
    s.last().exit(1);
    await expect(pending).rejects.toThrow(/exited \(code 1\) before it was ready: listen EADDRINUSE/);
  });

  it('fails the start and kills the process when the first line is not the JSON info', async () => {
    const s = setup();
    const pending = s.start({ port: 0 });
    await flush();
    s.last().print('hello\n');
    await expect(pending).rejects.toThrow(/something other than its JSON line/);
    expect(s.last().killed).toEqual([true]);
  });

  it('fails the start when nothing is printed in time', async () => {
    const s = setup();
    const pending = s.start({ port: 0 });
    await flush();
    s.time.advance(10_000);
    await expect(pending).rejects.toThrow(/did not start within 10000 ms/);
    expect(s.last().killed).toEqual([true]);
  });

  it('restarts an exited emulator on the same port and data dir, after a backoff, and reports it', async () => {
    const s = setup();
    const { emulator, statuses } = await started(s);
    s.last().exit(137);
    await flush();
    expect(emulator.status()).toMatchObject({ state: 'restarting', message: expect.stringMatching(/exited \(code 137\)/) });
    let up = false;
    void emulator.whenUp().then(() => (up = true));
    expect(s.time.delays()).toEqual([250]);
    expect(s.children).toHaveLength(1);
    s.time.advance(250);
    expect(s.children).toHaveLength(2);
    // Port 0 the first time became 41000: the restart asks for 41000, same data dir, same flags.
    expect(s.last().args).toEqual(['--port', '41000', '--data', '/data/local-workspace', '--seed', 'demo', '--allow-origin', 'app://desk']);
    expect(up).toBe(false);
    s.last().ready();
    await flush();
    expect(up).toBe(true);
    expect(emulator.pid).toBe(s.last().pid);
    expect(statuses.map((st) => st.state)).toEqual(['restarting', 'running']);
  });

  it('backs off more after each crash in a row and gives up with a clear error', async () => {
    const s = setup({ maxCrashes: 3 });
    const { emulator, statuses } = await started(s);
    s.last().exit(1);
    await flush();
    s.time.advance(250);
    // The restarted process dies before it is ready: counts as the second crash.
    s.last().exit(1);
    await flush();
    expect(s.time.delays()).toEqual([500]);
    s.time.advance(500);
    s.last().ready();
    await flush();
    s.last().exit(1);
    await flush();
    expect(emulator.status()).toMatchObject({ state: 'failed', message: expect.stringMatching(/stopped 3 times in a row/) });
    await expect(emulator.whenUp()).rejects.toThrow(/stopped 3 times in a row/);
    expect(s.time.delays()).toEqual([]);
    expect(s.children).toHaveLength(3);
    expect(statuses.map((st) => st.state)).toEqual(['restarting', 'restarting', 'running', 'failed']);
  });

  it('starts counting again after a run that lasted', async () => {
    const s = setup({ maxCrashes: 2, stableAfterMs: 60_000 });
    const { emulator } = await started(s);
    s.last().exit(1);
    await flush();
    s.time.advance(250);
    s.last().ready();
    await flush();
    s.time.advance(61_000);
    s.last().exit(1);
    await flush();
    expect(emulator.status().state).toBe('restarting');
    expect(s.time.delays()).toEqual([250]);
  });

  it('restarts on request: stops it, runs what must happen while it is down, starts it on the same port', async () => {
    const s = setup();
    const { emulator, statuses } = await started(s);
    const first = s.last();
    let up = false;
    const restarted = emulator.restart(async () => {
      expect(first.killed).toEqual([undefined]);
      void emulator.whenUp().then(() => (up = true));
      await flush();
      expect(up).toBe(false);
    });
    await flush();
    await flush();
    expect(s.children).toHaveLength(2);
    expect(s.last().args.slice(0, 2)).toEqual(['--port', '41000']);
    s.last().ready();
    await restarted;
    await flush();
    expect(up).toBe(true);
    expect(s.time.delays()).toEqual([]);
    expect(statuses.map((st) => st.state)).toEqual(['restarting', 'running']);
  });

  it('stops the process on close (politely) and does not restart it', async () => {
    const s = setup();
    const { emulator } = await started(s);
    await emulator.close();
    expect(s.last().killed).toEqual([undefined]);
    expect(s.time.delays()).toEqual([]);
    expect(s.children).toHaveLength(1);
    expect(emulator.status().state).toBe('running');
  });

  it('kills a process that ignores the stop request', async () => {
    const s = setup();
    const { emulator } = await started(s);
    const child = s.last();
    child.kill = (force?: boolean) => {
      child.killed.push(force);
      if (force) child.exit(null);
    };
    const closing = emulator.close();
    await flush();
    expect(s.time.delays()).toEqual([5_000]);
    s.time.advance(5_000);
    await closing;
    expect(child.killed).toEqual([undefined, true]);
  });

  it('cancels a pending restart on close', async () => {
    const s = setup();
    const { emulator } = await started(s);
    s.last().exit(1);
    await flush();
    expect(s.time.delays()).toEqual([250]);
    await emulator.close();
    s.time.advance(10_000);
    expect(s.children).toHaveLength(1);
    await expect(emulator.whenUp()).rejects.toThrow(/closed/);
  });

  it('stops a restart that finishes after close', async () => {
    const s = setup();
    const { emulator } = await started(s);
    s.last().exit(1);
    await flush();
    s.time.advance(250);
    const closing = emulator.close();
    s.last().ready();
    await closing;
    expect(s.last().killed).toEqual([undefined]);
  });
});
