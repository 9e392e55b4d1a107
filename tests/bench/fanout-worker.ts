/**
 * A receiver process for the fan-out bench: hosts a share of the live SDK clients so that the
 * clients' own CPU is spread over processes and cores instead of starving one event loop.
 * Protocol over the IPC channel: parent sends `start`, worker answers `ready`, then `done` with
 * its latencies once every client has seen every message.
 */
import { Client, type Message } from '@twilio/conversations';
import AccessToken from 'twilio/lib/jwt/AccessToken';
import type { EmulatorInfo } from '../../electron/emulator/config';

export interface StartCommand {
  type: 'start';
  info: EmulatorInfo;
  identities: string[];
  conversationSid: string;
  expectedMessages: number;
}

export type WorkerReport = { type: 'ready' } | { type: 'done'; latencies: number[] } | { type: 'failed'; error: string };

/** Wall clock with sub-millisecond resolution, comparable across processes on one machine. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

function token(info: EmulatorInfo, identity: string): string {
  const t = new AccessToken(info.accountSid, info.apiKeySid, info.apiKeySecret, { identity, ttl: 3600 });
  t.addGrant(new AccessToken.ChatGrant({ serviceSid: info.serviceSid }));
  return t.toJwt();
}

export async function connect(info: EmulatorInfo, identity: string): Promise<Client> {
  const client = new Client(token(info, identity), { ...info.clientOptions, logLevel: 'error' } as never);
  await new Promise<void>((resolve, reject) => {
    client.once('initialized', () => resolve());
    client.once('initFailed', ({ error }) => reject(new Error(error?.message ?? 'initFailed')));
  });
  return client;
}

async function run(cmd: StartCommand): Promise<void> {
  const send = (r: WorkerReport) => process.send?.(r);
  const clients: Client[] = [];
  for (let i = 0; i < cmd.identities.length; i += 10) {
    clients.push(...(await Promise.all(cmd.identities.slice(i, i + 10).map((id) => connect(cmd.info, id)))));
  }
  const convs = await Promise.all(clients.map((c) => c.getConversationBySid(cmd.conversationSid)));
  // Subscribes each client to the roster, as an app showing the conversation would.
  await Promise.all(convs.map((c) => c.getParticipants()));
  const latencies: number[] = [];
  const expected = cmd.expectedMessages * clients.length;
  let seen = 0;
  const finished = new Promise<void>((resolve) => {
    for (const c of convs) {
      c.on('messageAdded', (m: Message) => {
        const sentAt = Number(/@(\d+(?:\.\d+)?)$/.exec(m.body ?? '')?.[1]);
        if (Number.isFinite(sentAt)) latencies.push(epochNow() - sentAt);
        if (++seen === expected) resolve();
      });
    }
  });
  send({ type: 'ready' });
  await finished;
  send({ type: 'done', latencies });
  await Promise.allSettled(clients.map((c) => c.shutdown()));
}

if (process.send) {
  process.once('message', (cmd: StartCommand) => {
    run(cmd).then(
      () => process.exit(0),
      (e: unknown) => {
        process.send?.({ type: 'failed', error: e instanceof Error ? e.message : String(e) } satisfies WorkerReport);
        process.exit(1);
      },
    );
  });
}
