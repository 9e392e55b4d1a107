/** Main's Local workspace and profile test against the real emulator and the real SDK, in Node. */
import { Client } from '@twilio/conversations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../electron/emulator';
import { createLocalWorkspace, type LocalWorkspace } from '../../../electron/main/local-workspace';
import { testProfileConnection } from '../../../electron/main/profile-test';
import { tempDir } from '../../unit/main/fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let opened: LocalWorkspace[] = [];
const workspace = () => {
  const local = createLocalWorkspace({ startEmulator, userDataDir: dir.path, identity: 'agent@desk.local', agents: [] });
  opened.push(local);
  return local;
};

beforeEach(async () => {
  dir = await tempDir();
  opened = [];
});
afterEach(async () => {
  for (const local of opened) await local.close();
  await dir.remove();
});

describe('Local workspace on the real emulator', () => {
  it('keeps its port across a restart', async () => {
    const first = await workspace().start();
    await opened[0]!.close();
    const second = await workspace().start();
    expect(second.port).toBe(first.port);
  });

  it('delivers a simulated inbound WhatsApp message with an image', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e10000000049454e44ae426082', 'hex');
    const result = await workspace().simulateInbound({
      channel: 'whatsapp',
      from: '+14155550123',
      body: 'Here is the receipt',
      media: { filename: 'receipt.png', contentType: 'image/png', data: png.toString('base64') },
    });
    expect(result.conversationSid).toMatch(/^CH[0-9a-f]{32}$/);
    expect(result.messageSid).toMatch(/^IM[0-9a-f]{32}$/);
  });

  it("passes the emulator's refusal on in words", async () => {
    await expect(workspace().simulateInbound({ channel: 'sms', from: '+15005550006', body: 'to myself' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('From and To are the same number'),
    });
  });
});

describe('with the real SDK', () => {
  it('gives a session the SDK initializes with', async () => {
    const session = await workspace().session();
    const client = new Client(session.token, { ...session.clientOptions, logLevel: 'silent' } as never);
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('initialized', resolve);
        client.once('initFailed', ({ error }) => reject(new Error(error?.message ?? 'initFailed')));
      });
      expect(client.user.identity).toBe('agent@desk.local');
    } finally {
      await client.shutdown();
    }
  });

  it('tests a profile: connects with good credentials and explains refused ones', async () => {
    const emulator = await startEmulator({});
    try {
      const creds = {
        accountSid: emulator.info.accountSid,
        apiKeySid: emulator.info.apiKeySid,
        apiKeySecret: emulator.info.apiKeySecret,
        serviceSid: emulator.info.serviceSid,
        identity: 'tester',
      };
      const options = { clientOptions: emulator.info.clientOptions, timeoutMs: 10_000 };
      expect(await testProfileConnection(creds, options)).toEqual({ ok: true, message: 'Connected to Twilio as "tester": the profile works.' });
      expect((await testProfileConnection({ ...creds, apiKeySecret: 'not-the-secret' }, options)).message).toMatch(/^Twilio refused the credentials/);
    } finally {
      await emulator.close();
    }
  });
});
