import { Client, type Conversation, type Message } from '@twilio/conversations';
import AccessToken from 'twilio/lib/jwt/AccessToken';
import type { EmulatorInfo } from '../../electron/emulator/config';
import { spawnEmulator } from './emulator-process';
import { median, percentile } from './stats';

function token(info: EmulatorInfo, identity: string): string {
  const t = new AccessToken(info.accountSid, info.apiKeySid, info.apiKeySecret, { identity, ttl: 3600 });
  t.addGrant(new AccessToken.ChatGrant({ serviceSid: info.serviceSid }));
  return t.toJwt();
}

async function connect(info: EmulatorInfo, identity: string): Promise<Client> {
  const client = new Client(token(info, identity), { ...info.clientOptions, logLevel: 'error' } as never);
  await new Promise<void>((resolve, reject) => {
    client.once('initialized', () => resolve());
    client.once('initFailed', ({ error }) => reject(new Error(error?.message ?? 'initFailed')));
  });
  return client;
}

export interface FanoutResult {
  clients: number;
  messages: number;
  messagesPerSecond: number;
  deliveriesPerSecond: number;
  sendToSeenP50Ms: number;
  sendToSeenP99Ms: number;
  emulatorRssPerClientKb: number;
  emulatorStartupMs: number;
  /** The emulator's own CPU per 1,000 messages delivered: shows whether it or the clients limit throughput. */
  emulatorCpuMsPer1000Deliveries: number;
}

/**
 * N SDK clients share one conversation; one of them sends `messages` messages, a few in flight at
 * a time, and every other client's `messageAdded` is timed against the send.
 */
export async function fanout(clients: number, messages: number): Promise<FanoutResult> {
  const emu = await spawnEmulator(['--port', '0']);
  const idleRss = emu.rssBytes();
  const all: Client[] = [];
  try {
    for (let i = 0; i < clients; i += 10) {
      all.push(...(await Promise.all(Array.from({ length: Math.min(10, clients - i) }, (_, k) => connect(emu.info, `agent-${i + k}`)))));
    }
    const [sender, ...receivers] = all as [Client, ...Client[]];
    const conv = await sender.createConversation({ friendlyName: 'fan-out' });
    await conv.join();
    const joined: Array<Promise<Conversation>> = receivers.map((r) => new Promise((resolve) => r.once('conversationJoined', resolve)));
    for (const r of receivers) await conv.add(r.user.identity);
    const convs = await Promise.all(joined);
    await Promise.all(convs.map((c) => c.getParticipants()));
    const connectedRss = emu.rssBytes();

    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let deliveries = 0;
    let resolveAll: () => void = () => undefined;
    const allSeen = new Promise<void>((resolve) => (resolveAll = resolve));
    const expected = messages * receivers.length;
    for (const c of convs) {
      c.on('messageAdded', (m: Message) => {
        const t0 = sentAt.get(m.body ?? '');
        if (t0 !== undefined) latencies.push(performance.now() - t0);
        if (++deliveries === expected) resolveAll();
      });
    }
    const cpuBefore = emu.cpuSeconds();
    const started = performance.now();
    const inFlight = 4;
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < messages) {
          const body = `msg-${next++}`;
          sentAt.set(body, performance.now());
          await conv.sendMessage(body);
        }
      }),
    );
    await allSeen;
    const seconds = (performance.now() - started) / 1000;
    const emulatorCpu = emu.cpuSeconds() - cpuBefore;
    return {
      clients,
      messages,
      messagesPerSecond: messages / seconds,
      deliveriesPerSecond: expected / seconds,
      sendToSeenP50Ms: median(latencies),
      sendToSeenP99Ms: percentile(latencies, 99),
      emulatorRssPerClientKb: Math.max(0, connectedRss - idleRss) / clients / 1024,
      emulatorStartupMs: emu.startupMs,
      emulatorCpuMsPer1000Deliveries: (emulatorCpu * 1000 * 1000) / expected,
    };
  } finally {
    await Promise.allSettled(all.map((c) => c.shutdown()));
    await emu.stop();
  }
}
