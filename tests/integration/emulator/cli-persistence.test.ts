import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Conversation, type Message } from '@twilio/conversations';
import AccessToken from 'twilio/lib/jwt/AccessToken';
import type { EmulatorInfo } from '../../../electron/emulator';
import { DEMO_AGENT_IDENTITY, DEMO_WHATSAPP_NUMBER } from '../../../electron/emulator/seed/demo';
import { placeholderPng } from '../../../electron/emulator/seed/png';
import { controlApi } from '../../helpers/control-api';
import { waitForEvent, waitForMatch } from '../../helpers/emulator';
import { groupGone, spawnEmulator, type EmulatorProcess } from '../../helpers/emulator-process';

/** A token minted from the printed credentials, exactly as an app would. */
function sdkClient(info: EmulatorInfo, identity: string): Client {
  const token = new AccessToken(info.accountSid, info.apiKeySid, info.apiKeySecret, { identity, ttl: 3600 });
  token.addGrant(new AccessToken.ChatGrant({ serviceSid: info.serviceSid }));
  return new Client(token.toJwt(), { ...info.clientOptions, logLevel: 'silent' } as never);
}

async function ready(client: Client): Promise<Client> {
  await waitForEvent(client, 'initialized', 10_000, ['initFailed']);
  return client;
}

const connectionRefused = (host: string, port: number): Promise<boolean> =>
  new Promise((done) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED'));
  });

const CUSTOMER = 'whatsapp:+447700900999';
const PHOTO = placeholderPng(64, 48, [200, 30, 30], [255, 255, 255]);

/**
 * One data dir through a whole life: first start (seeded), a kill mid-session, a second
 * process on another port while the agent's app is away, and a restart on the original port.
 */
describe('emulator CLI: contract, persistence and restarts', () => {
  let dir: string;
  let first: EmulatorProcess;
  let agent: Client;
  let conv: Conversation;
  const started: EmulatorProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emu-cli-'));
    first = await spawnEmulator(['--port', '0', '--data', dir, '--seed', 'demo']);
    started.push(first);
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.shutdown()));
    for (const p of started) p.signalGroup('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints exactly one JSON line of endpoints and credentials, logs to stderr and listens on 127.0.0.1 only', async () => {
    const { info } = first;
    expect(Object.keys(info).sort()).toEqual(['accountSid', 'apiKeySecret', 'apiKeySid', 'authToken', 'clientOptions', 'restBaseUrl', 'serviceSid']);
    expect(info.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(info.apiKeySid).toMatch(/^SK[0-9a-f]{32}$/);
    expect(info.serviceSid).toMatch(/^IS[0-9a-f]{32}$/);
    expect(info.restBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.clientOptions.twilsock.uri).toBe(`${info.restBaseUrl.replace('http', 'ws')}/v3/wsconnect`);
    expect(first.stdout()).toBe(`${JSON.stringify(info)}\n`);
    await expect.poll(() => first.stderr()).toContain('emulator listening on');
    const port = Number(new URL(info.restBaseUrl).port);
    expect(await (await fetch(`${info.restBaseUrl}/emulator/health`)).json()).toEqual({ ok: true });
    // 127.0.0.2 is loopback too, but a socket bound to 127.0.0.1 alone does not answer there.
    expect(await connectionRefused('127.0.0.2', port)).toBe(true);
  });

  it('serves the seeded inbox and takes a live session', async () => {
    agent = await ready(sdkClient(first.info, DEMO_AGENT_IDENTITY));
    clients.push(agent);
    expect((await agent.getSubscribedConversations()).items.length).toBe(20);
    // The 20 seeded conversations may still be announcing themselves: wait for the new customer's.
    const joined = waitForMatch<Conversation>(agent as never, 'conversationJoined', (c) => (c.attributes as { customerAddress?: string }).customerAddress === CUSTOMER);
    const api = controlApi(first.info);
    const inbound = await api.inbound({ From: CUSTOMER, To: DEMO_WHATSAPP_NUMBER, Body: 'Photo of the damage', MediaContentType0: 'image/png', MediaFilename0: 'damage.png', MediaBase64_0: PHOTO.toString('base64') });
    expect(inbound.status).toBe(201);
    conv = await joined;
    // The SDK subscribes to a joined conversation's messages in the background; seeing its own
    // message come back means it has, so what it has seen is well defined at the kill.
    const echoed = waitForMatch<Message>(conv as never, 'messageAdded', (m) => m.body === 'Anything else?');
    await conv.sendMessage('Thanks, a replacement is on its way.');
    await conv.sendMessage('Anything else?');
    await echoed;
    await conv.updateLastReadMessageIndex(1);
    expect(await conv.getUnreadMessagesCount()).toBe(1);
  });

  it('keeps every acknowledged change through a SIGKILL, and a second process on the same data dir sees it', async () => {
    const down = waitForMatch<string>(agent as never, 'connectionStateChanged', (s) => s === 'connecting');
    first.signalGroup('SIGKILL');
    await first.exited;
    await down;

    // Another port, so the agent's app (still pointed at the first port) stays away meanwhile.
    const second = await spawnEmulator(['--port', '0', '--data', dir, '--seed', 'demo'], 'node');
    started.push(second);
    const { info } = second;
    expect(info.accountSid).toBe(first.info.accountSid);
    expect(info.apiKeySecret).toBe(first.info.apiKeySecret);
    const look = await ready(sdkClient(info, DEMO_AGENT_IDENTITY));
    clients.push(look);
    // Seeding happens only into an empty data dir.
    expect((await look.getSubscribedConversations()).items.length).toBe(21);
    const same = await look.getConversationBySid(conv.sid);
    const messages = (await same.getMessages()).items;
    expect(messages.map((m) => [m.author, m.body])).toEqual([
      [CUSTOMER, 'Photo of the damage'],
      [DEMO_AGENT_IDENTITY, 'Thanks, a replacement is on its way.'],
      [DEMO_AGENT_IDENTITY, 'Anything else?'],
    ]);
    expect((await same.getParticipants()).map((p) => p.identity ?? p.type).sort()).toEqual([DEMO_AGENT_IDENTITY, 'whatsapp']);
    expect(same.lastReadMessageIndex).toBe(1);
    const media = messages[0]!.attachedMedia![0]!;
    const bytes = Buffer.from(await (await fetch((await media.getContentTemporaryUrl())!)).arrayBuffer());
    expect(bytes.equals(PHOTO)).toBe(true);
    // Receipts that were in flight at the kill were settled on start.
    const phone = (await controlApi(info).outbound(CUSTOMER)).body.messages;
    expect(phone.map((o) => [o.body, o.status])).toEqual([
      ['Thanks, a replacement is on its way.', 'delivered'],
      ['Anything else?', 'delivered'],
    ]);

    // The customer writes while the agent's app is disconnected.
    for (const Body of ['Hello?', 'Are you there?']) {
      expect((await controlApi(info).inbound({ From: CUSTOMER, To: DEMO_WHATSAPP_NUMBER, Body })).body.created).toBe(false);
    }
    await look.shutdown();
    second.signalGroup('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.stdout().trim().split('\n')).toHaveLength(1);
  });

  it('restarts on the same port with the same endpoints and credentials, and the connected SDK catches up by itself', async () => {
    const port = new URL(first.info.restBaseUrl).port;
    const caughtUp: string[] = [];
    conv.on('messageAdded', (m: Message) => caughtUp.push(m.body ?? ''));
    const back = waitForMatch<string>(agent as never, 'connectionStateChanged', (s) => s === 'connected', 15_000);
    const lastArrives = waitForMatch<Message>(conv as never, 'messageAdded', (m) => m.body === 'Are you there?', 15_000);
    const third = await spawnEmulator(['--port', port, '--data', dir, '--seed', 'demo']);
    started.push(third);
    expect(third.info).toEqual(first.info);
    await back;
    await lastArrives;
    expect(caughtUp).toEqual(['Hello?', 'Are you there?']);
    expect(await conv.getUnreadMessagesCount()).toBe(3);

    third.signalGroup('SIGTERM');
    await third.exited;
    await expect.poll(() => groupGone(third.child.pid as number)).toBe(true);
    expect(third.stderr()).not.toMatch(/error/i);
  });

  // npm runs scripts through `sh -c`, and dash does not pass SIGTERM on: without `exec` in the
  // script the shell dies, npm re-raises the signal on itself and tsx + the emulator are orphaned.
  const script = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.emulator ?? '';
  it.skipIf(!script.startsWith('exec '))('exits 0 on a SIGTERM to npm alone, leaving nothing behind', async () => {
    const p = await spawnEmulator(['--port', '0', '--data', dir]);
    started.push(p);
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    await expect.poll(() => groupGone(p.child.pid as number)).toBe(true);
  });
});
