import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Client } from '@twilio/conversations';
import { spawnEmulator } from './emulator-process';
import { connect, epochNow, type StartCommand, type WorkerReport } from './fanout-worker';
import { median, percentile } from './stats';

export interface FanoutResult {
  clients: number;
  messages: number;
  messagesPerSecond: number;
  deliveriesPerSecond: number;
  sendToSeenP50Ms: number;
  sendToSeenP99Ms: number;
  emulatorRssPerClientKb: number;
  /** Share of one core the emulator used while the messages flowed (100 = one core saturated). */
  emulatorCpuPercent: number;
  /** The emulator's own CPU per 1,000 messages delivered. */
  emulatorCpuMsPer1000Deliveries: number;
  /** Messages/s the emulator alone could carry to this many clients on one core: 1 s ÷ its CPU per message. */
  emulatorCapacityMessagesPerSecond: number;
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<number[]>;
}

function startWorker(cmd: StartCommand): Worker {
  const child = fork('tests/bench/fanout-worker.ts', [], { execArgv: ['--import', 'tsx', ...(process.env.FANOUT_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof-worker'] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let readyResolve: () => void = () => undefined;
  let doneResolve: (l: number[]) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    fail = reject;
  });
  const done = new Promise<number[]>((resolve, reject) => {
    doneResolve = resolve;
    const prev = fail;
    fail = (e) => {
      prev(e);
      reject(e);
    };
  });
  done.catch(() => undefined);
  child.on('message', (r: WorkerReport) => {
    if (r.type === 'ready') readyResolve();
    else if (r.type === 'done') doneResolve(r.latencies);
    else fail(new Error(`fan-out worker: ${r.error}`));
  });
  child.once('exit', (code) => code !== 0 && fail(new Error(`fan-out worker exited with ${code}`)));
  child.send(cmd);
  return { child, ready, done };
}

/**
 * One sender in this process and `clients` receivers spread over worker processes share one
 * conversation. The sender keeps a few messages in flight; each body carries its send time so
 * receivers time `messageAdded` locally. The emulator runs in its own process, measured apart.
 */
export async function fanout(clients: number, messages: number): Promise<FanoutResult> {
  const emu = await spawnEmulator(['--port', '0']);
  const idleRss = emu.rssBytes();
  let sender: Client | null = null;
  const workers: Worker[] = [];
  try {
    sender = await connect(emu.info, 'agent-sender');
    const conv = await sender.createConversation({ friendlyName: 'fan-out' });
    await conv.join();
    const identities = Array.from({ length: clients }, (_, i) => `agent-${i}`);
    for (const id of identities) await conv.add(id);
    const processes = Math.min(clients, Math.max(2, availableParallelism()) * 2);
    for (let w = 0; w < processes; w++) {
      const mine = identities.filter((_, i) => i % processes === w);
      workers.push(startWorker({ type: 'start', info: emu.info, identities: mine, conversationSid: conv.sid, expectedMessages: messages }));
    }
    await Promise.all(workers.map((w) => w.ready));
    const connectedRss = emu.rssBytes();

    const cpuBefore = emu.cpuSeconds();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < messages) await conv.sendMessage(`msg-${next++}@${epochNow()}`);
      }),
    );
    const latencies = (await Promise.all(workers.map((w) => w.done))).flat();
    const seconds = (performance.now() - started) / 1000;
    const emulatorCpu = emu.cpuSeconds() - cpuBefore;
    const deliveries = messages * clients;
    return {
      clients,
      messages,
      messagesPerSecond: messages / seconds,
      deliveriesPerSecond: deliveries / seconds,
      sendToSeenP50Ms: median(latencies),
      sendToSeenP99Ms: percentile(latencies, 99),
      emulatorRssPerClientKb: Math.max(0, connectedRss - idleRss) / clients / 1024,
      emulatorCpuPercent: (100 * emulatorCpu) / seconds,
      emulatorCpuMsPer1000Deliveries: (emulatorCpu * 1000 * 1000) / deliveries,
      emulatorCapacityMessagesPerSecond: messages / Math.max(emulatorCpu, 1e-6),
    };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
    await sender?.shutdown().catch(() => undefined);
    await emu.stop();
  }
}
